import { randomUUID } from 'node:crypto';
import type { Permission, Principal } from '@haven/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { newSecret, secretHash } from './secrets.js';
import { principalOf, type UserRow } from './users.js';

/** Recognisable in logs and secret scanners, like GitHub's ghp_ prefix. */
const TOKEN_PREFIX = 'haven_';

export interface ApiTokenRow {
  id: string;
  name: string;
  permissions: Permission[];
  created_at: string | Date;
  expires_at: string | Date;
  last_used_at: string | Date | null;
  revoked_at: string | Date | null;
}

const iso = (value: string | Date): string => new Date(value).toISOString();

export function apiTokenView(row: ApiTokenRow) {
  return {
    id: row.id,
    name: row.name,
    permissions: row.permissions,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    lastUsedAt: row.last_used_at === null ? null : iso(row.last_used_at),
    revoked: row.revoked_at !== null,
  };
}

export async function createApiToken(
  db: Db,
  userId: string,
  input: { name: string; permissions: readonly Permission[]; expiresInDays: number },
) {
  const token = newSecret(TOKEN_PREFIX);
  const [row] = await queryRows<ApiTokenRow>(
    db,
    sql`INSERT INTO api_tokens (id, user_id, name, token_hash, permissions, expires_at)
        VALUES (${randomUUID()}, ${userId}, ${input.name}, ${secretHash(token)},
          ${sql.param(input.permissions)}::text[], now() + make_interval(days => ${input.expiresInDays}))
        RETURNING id, name, permissions, created_at, expires_at, last_used_at, revoked_at`,
  );
  if (!row) {
    throw new Error('INSERT … RETURNING returned no row');
  }
  return { ...apiTokenView(row), token };
}

export async function listApiTokens(db: Db, userId: string) {
  const rows = await queryRows<ApiTokenRow>(
    db,
    sql`SELECT id, name, permissions, created_at, expires_at, last_used_at, revoked_at
        FROM api_tokens WHERE user_id = ${userId} ORDER BY created_at DESC`,
  );
  return rows.map(apiTokenView);
}

export async function revokeApiToken(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now())
        WHERE id = ${id} AND user_id = ${userId} RETURNING id`,
  );
  return rows.length > 0;
}

/** The principal of a bearer token: unexpired, unrevoked, its user enabled. */
export async function findTokenPrincipal(db: Db, token: string): Promise<Principal | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) {
    return undefined;
  }
  const [row] = await queryRows<UserRow & { token_permissions: Permission[]; token_id: string }>(
    db,
    sql`UPDATE api_tokens t SET last_used_at = now()
        FROM users u
        WHERE t.token_hash = ${secretHash(token)} AND u.id = t.user_id
          AND t.revoked_at IS NULL AND t.expires_at > now() AND u.disabled_at IS NULL
        RETURNING u.id, u.username, u.display_name, u.role, u.countries, u.site_ids, u.is_demo,
          u.disabled_at, u.created_at, t.permissions AS token_permissions, t.id AS token_id`,
  );
  return row && { ...principalOf(row), tokenPermissions: row.token_permissions };
}
