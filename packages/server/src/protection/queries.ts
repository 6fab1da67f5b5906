import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';

/** A specific need's sealed values, as stored. */
export interface SealedNeed {
  readonly id: string;
  readonly keyId: string | null;
  readonly codeSealed: string | null;
  readonly noteSealed: string | null;
}

/** The same need with its values sealed anew, and what it held when read (the optimistic check). */
export interface ResealedNeed {
  readonly before: SealedNeed;
  readonly codeSealed: string | null;
  readonly noteSealed: string | null;
  readonly keyId: string | null;
}

const arr = (values: readonly unknown[], type: string): SQL =>
  sql`${sql.param(values)}::${sql.raw(type)}[]`;

/**
 * Needs not wholly sealed with the active key: `key_id` says another key, or a value names one
 * itself (`v1.<keyId>.…`), so that a value written in the instant a server switched keys is not
 * missed. Rows with nothing sealed and no key id have nothing to rotate.
 */
const staleCondition = (activeKeyId: string): SQL => sql`
  (key_id IS NOT NULL OR code_sealed IS NOT NULL OR note_sealed IS NOT NULL)
  AND (key_id IS DISTINCT FROM ${activeKeyId}
    OR split_part(code_sealed, '.', 2) <> ${activeKeyId}
    OR split_part(note_sealed, '.', 2) <> ${activeKeyId})`;

export async function countNeedsToReseal(db: Db, activeKeyId: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`SELECT count(*)::int AS count FROM specific_needs WHERE ${staleCondition(activeKeyId)}`,
  );
  return row?.count ?? 0;
}

/** The next batch of stale needs after `afterId`, in id order (keyset paging, no OFFSET). */
export function listNeedsToReseal(
  db: Db,
  activeKeyId: string,
  afterId: string | null,
  limit: number,
): Promise<SealedNeed[]> {
  const after = afterId === null ? sql`` : sql`AND id > ${afterId}::uuid`;
  return queryRows<SealedNeed>(
    db,
    sql`SELECT id, key_id AS "keyId", code_sealed AS "codeSealed", note_sealed AS "noteSealed"
        FROM specific_needs
        WHERE ${staleCondition(activeKeyId)} ${after}
        ORDER BY id
        LIMIT ${limit}`,
  );
}

/**
 * Stores re-sealed needs in one statement. Each row is written only if it still holds what was
 * read (key and both values; a fresh seal never repeats, as its IV is random): a need changed
 * meanwhile keeps the change and is picked up again by the next pass. Row locks only, no table
 * lock: registration goes on. Returns how many rows were written.
 */
export async function updateResealedNeeds(db: Db, needs: readonly ResealedNeed[]): Promise<number> {
  if (needs.length === 0) {
    return 0;
  }
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE specific_needs AS n
        SET code_sealed = u.code_sealed, note_sealed = u.note_sealed, key_id = u.key_id
        FROM unnest(
          ${arr(
            needs.map((n) => n.before.id),
            'uuid',
          )},
          ${arr(
            needs.map((n) => n.before.keyId),
            'text',
          )},
          ${arr(
            needs.map((n) => n.before.codeSealed),
            'text',
          )},
          ${arr(
            needs.map((n) => n.before.noteSealed),
            'text',
          )},
          ${arr(
            needs.map((n) => n.codeSealed),
            'text',
          )},
          ${arr(
            needs.map((n) => n.noteSealed),
            'text',
          )},
          ${arr(
            needs.map((n) => n.keyId),
            'text',
          )}
        ) AS u(id, old_key_id, old_code_sealed, old_note_sealed, code_sealed, note_sealed, key_id)
        WHERE n.id = u.id
          AND n.key_id IS NOT DISTINCT FROM u.old_key_id
          AND n.code_sealed IS NOT DISTINCT FROM u.old_code_sealed
          AND n.note_sealed IS NOT DISTINCT FROM u.old_note_sealed
        RETURNING n.id`,
  );
  return rows.length;
}
