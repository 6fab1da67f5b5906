import type { Principal, Role } from '@haven/core';
import type { User, UserChange, UserInput } from '@haven/contract';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { hashPassword } from './passwords.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  countries: string[];
  site_ids: string[];
  is_demo: boolean;
  disabled_at: string | null;
  created_at: string | Date;
}

const USER_COLUMNS = sql.raw(
  'u.id, u.username, u.display_name, u.role, u.countries, u.site_ids, u.is_demo, u.disabled_at, u.created_at',
);

const iso = (value: string | Date): string => new Date(value).toISOString();

export function userView(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    countries: row.countries,
    siteIds: row.site_ids,
    isDemo: row.is_demo,
    disabled: row.disabled_at !== null,
    createdAt: iso(row.created_at),
  };
}

export function principalOf(row: UserRow): Principal {
  return {
    userId: row.id,
    username: row.username,
    role: row.role,
    countries: row.countries,
    siteIds: row.site_ids,
  };
}

export type NewUser = UserInput & { readonly isDemo?: boolean | undefined };

/** Creates a user; undefined when the username is taken. */
export async function createUser(db: Db, input: NewUser): Promise<User | undefined> {
  const passwordHash = await hashPassword(input.password);
  const [row] = await queryRows<UserRow>(
    db,
    sql`INSERT INTO users AS u (username, display_name, password_hash, role, countries, site_ids, is_demo)
        VALUES (${input.username}, ${input.displayName}, ${passwordHash}, ${input.role},
          ${sql.param(input.countries)}::text[], ${sql.param(input.siteIds)}::uuid[], ${input.isDemo ?? false})
        ON CONFLICT (username) DO NOTHING
        RETURNING ${USER_COLUMNS}`,
  );
  return row && userView(row);
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await queryRows<UserRow>(
    db,
    sql`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ${id}`,
  );
  return row;
}

export async function findUserByName(
  db: Db,
  username: string,
): Promise<(UserRow & { password_hash: string }) | undefined> {
  const [row] = await queryRows<UserRow & { password_hash: string }>(
    db,
    sql`SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.username = ${username}`,
  );
  return row;
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await queryRows<UserRow>(
    db,
    sql`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.username`,
  );
  return rows.map(userView);
}

/**
 * Applies a change. A change of role, scope, password or a disabling ends every session and
 * token of the user at once, in the same transaction: old rights must not outlive the change.
 */
export async function changeUser(
  db: Db,
  id: string,
  change: UserChange,
): Promise<User | undefined> {
  const passwordHash = change.password === undefined ? null : await hashPassword(change.password);
  return db.transaction(async (tx) => {
    const [row] = await queryRows<UserRow>(
      tx,
      sql`UPDATE users AS u SET
            display_name = COALESCE(${change.displayName ?? null}, u.display_name),
            password_hash = COALESCE(${passwordHash}, u.password_hash),
            role = COALESCE(${change.role ?? null}, u.role),
            countries = COALESCE(${change.countries ? sql`${sql.param(change.countries)}::text[]` : null}, u.countries),
            site_ids = COALESCE(${change.siteIds ? sql`${sql.param(change.siteIds)}::uuid[]` : null}, u.site_ids),
            disabled_at = CASE WHEN ${change.disabled ?? null}::boolean IS NULL THEN u.disabled_at
                               WHEN ${change.disabled ?? null}::boolean THEN COALESCE(u.disabled_at, now())
                               ELSE NULL END,
            updated_at = now()
          WHERE u.id = ${id}
          RETURNING ${USER_COLUMNS}`,
    );
    if (!row) {
      return undefined;
    }
    const endsAccess =
      change.role !== undefined ||
      change.countries !== undefined ||
      change.siteIds !== undefined ||
      change.password !== undefined ||
      change.disabled === true;
    if (endsAccess) {
      await endAllAccess(tx, id);
    }
    return userView(row);
  });
}

export async function endAllAccess(db: Db, userId: string): Promise<void> {
  await db.execute(sql`DELETE FROM sessions WHERE user_id = ${userId}`);
  await db.execute(
    sql`UPDATE api_tokens SET revoked_at = now() WHERE user_id = ${userId} AND revoked_at IS NULL`,
  );
}
