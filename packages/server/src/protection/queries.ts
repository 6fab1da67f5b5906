import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { DOCUMENT_NUMBER_TABLES, type DocumentNumberTable } from './document-number-tables.js';
import { householdCountry } from './scope.js';

/** A specific need's sealed values, as stored, with the host country that chooses its data key. */
export interface SealedNeed {
  readonly id: string;
  /** Null only for a household without a registration, which registration never writes. */
  readonly scope: string | null;
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

/** The sealed format rotation writes (keyring.ts): a value of another format is re-sealed. */
const CURRENT_FORMAT = 'v2';

/**
 * Which master key should have sealed a value: the pinned one of its country (key file
 * `countries`), else the active one. A keyring is one; a bare key id means no pinned country.
 */
export type ActiveKeys =
  string | { readonly activeKeyId: string; readonly pinnedKeyIds: ReadonlyMap<string, string> };

/** The active keys as they are now: a pass of a rotation compares against one snapshot. */
export function activeKeysOf(keys: ActiveKeys): {
  readonly activeKeyId: string;
  readonly pinnedKeyIds: ReadonlyMap<string, string>;
} {
  return typeof keys === 'string'
    ? { activeKeyId: keys, pinnedKeyIds: new Map() }
    : { activeKeyId: keys.activeKeyId, pinnedKeyIds: new Map(keys.pinnedKeyIds) };
}

/**
 * Whether the sealed value in `column` (null: nothing to do) needs re-sealing: sealed with
 * another master key than its scope's (`v2.<keyId>.<scope>.…`), or in the first format (sealed
 * with the master key itself, before data keys were derived per country).
 */
export function isStale(column: SQL, keys: ActiveKeys): SQL {
  const { activeKeyId, pinnedKeyIds } = activeKeysOf(keys);
  const expected =
    pinnedKeyIds.size === 0
      ? sql`${activeKeyId}`
      : sql`CASE split_part(${column}, '.', 3) ${sql.join(
          [...pinnedKeyIds].map(([country, keyId]) => sql`WHEN ${country} THEN ${keyId}`),
          sql` `,
        )} ELSE ${activeKeyId} END`;
  return sql`(split_part(${column}, '.', 1) <> ${CURRENT_FORMAT} OR split_part(${column}, '.', 2) <> ${expected})`;
}

/**
 * Needs not wholly sealed with their master key: `key_id` differs from the key the values name
 * (a value written in the instant a server switched keys), or a value is stale. Rows with
 * nothing sealed and no key id have nothing to rotate.
 */
const staleCondition = (keys: ActiveKeys): SQL => sql`
  (key_id IS NOT NULL OR code_sealed IS NOT NULL OR note_sealed IS NOT NULL)
  AND (key_id IS DISTINCT FROM split_part(COALESCE(code_sealed, note_sealed), '.', 2)
    OR ${isStale(sql`code_sealed`, keys)}
    OR ${isStale(sql`note_sealed`, keys)})`;

export async function countNeedsToReseal(db: Db, keys: ActiveKeys): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`SELECT count(*)::int AS count FROM specific_needs WHERE ${staleCondition(keys)}`,
  );
  return row?.count ?? 0;
}

/** The next batch of stale needs after `afterId`, in id order (keyset paging, no OFFSET). */
export function listNeedsToReseal(
  db: Db,
  keys: ActiveKeys,
  afterId: string | null,
  limit: number,
): Promise<SealedNeed[]> {
  const after = afterId === null ? sql`` : sql`AND id > ${afterId}::uuid`;
  return queryRows<SealedNeed>(
    db,
    sql`SELECT n.id, n.key_id AS "keyId", n.code_sealed AS "codeSealed",
          n.note_sealed AS "noteSealed", ${householdCountry('p')} AS scope
        FROM (SELECT * FROM specific_needs
              WHERE ${staleCondition(keys)} ${after}
              ORDER BY id
              LIMIT ${limit}) AS n
        JOIN persons p ON p.id = n.person_id
        ORDER BY n.id`,
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

/** A row's sealed document number and blind index, as stored, with the country that keys it. */
export interface SealedDocumentNumber {
  readonly id: string;
  readonly scope: string | null;
  readonly numberSealed: string;
  readonly numberIndex: string | null;
}

/** The same number sealed and indexed anew, and what the row held when read. */
export interface ResealedDocumentNumber {
  readonly before: SealedDocumentNumber;
  readonly numberSealed: string;
  readonly numberIndex: string;
}

/** A number sealed with another master than its country's, or indexed with another than the active. */
const staleDocument = (table: DocumentNumberTable, keys: ActiveKeys): SQL =>
  sql`${table.sealedColumn} IS NOT NULL AND (${isStale(sql`${table.sealedColumn}`, keys)}
    OR split_part(${table.indexColumn}, '.', 1) IS DISTINCT FROM ${activeKeysOf(keys).activeKeyId})`;

/** Document numbers of every table (identity documents and manifests) due for re-sealing. */
export async function countDocumentNumbersToReseal(
  db: Db,
  keys: ActiveKeys,
  tables: readonly DocumentNumberTable[] = DOCUMENT_NUMBER_TABLES,
): Promise<number> {
  let count = 0;
  for (const table of tables) {
    const [row] = await queryRows<{ count: number }>(
      db,
      sql`SELECT count(*)::int AS count FROM ${table.table} WHERE ${staleDocument(table, keys)}`,
    );
    count += row?.count ?? 0;
  }
  return count;
}

/** The next batch of a table's numbers sealed with an older key or format, in id order. */
export function listDocumentNumbersToReseal(
  db: Db,
  table: DocumentNumberTable,
  keys: ActiveKeys,
  afterId: string | null,
  limit: number,
): Promise<SealedDocumentNumber[]> {
  const after = afterId === null ? sql`` : sql`AND id > ${afterId}::uuid`;
  return queryRows<SealedDocumentNumber>(
    db,
    sql`SELECT d.id, d.${table.sealedColumn} AS "numberSealed", d.${table.indexColumn} AS "numberIndex",
          ${table.scope} AS scope
        FROM (SELECT * FROM ${table.table}
              WHERE ${staleDocument(table, keys)} ${after}
              ORDER BY id
              LIMIT ${limit}) AS d
        ${table.ownerJoin}
        ORDER BY d.id`,
  );
}

/**
 * Stores re-sealed document numbers with their new blind index, each only if its sealed number
 * and index are still the ones read (as updateResealedNeeds). Returns how many rows were written.
 */
export async function updateResealedDocumentNumbers(
  db: Db,
  table: DocumentNumberTable,
  documents: readonly ResealedDocumentNumber[],
): Promise<number> {
  if (documents.length === 0) {
    return 0;
  }
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE ${table.table} AS d
        SET ${table.sealedColumn} = u.number_sealed, ${table.indexColumn} = u.number_index
        FROM unnest(
          ${arr(
            documents.map((x) => x.before.id),
            'uuid',
          )},
          ${arr(
            documents.map((x) => x.before.numberSealed),
            'text',
          )},
          ${arr(
            documents.map((x) => x.before.numberIndex),
            'text',
          )},
          ${arr(
            documents.map((x) => x.numberSealed),
            'text',
          )},
          ${arr(
            documents.map((x) => x.numberIndex),
            'text',
          )}
        ) AS u(id, old_number_sealed, old_number_index, number_sealed, number_index)
        WHERE d.id = u.id AND d.${table.sealedColumn} = u.old_number_sealed
          AND d.${table.indexColumn} IS NOT DISTINCT FROM u.old_number_index
        RETURNING d.id`,
  );
  return rows.length;
}

/** A clear number carried over from before a table's numbers were sealed. */
export interface ClearDocumentNumber {
  readonly id: string;
  readonly scope: string | null;
  readonly number: string;
}

/** The next batch of a table's clear numbers waiting to be sealed, in row id order. */
export function listClearDocumentNumbers(
  db: Db,
  table: DocumentNumberTable,
  limit: number,
): Promise<ClearDocumentNumber[]> {
  return queryRows<ClearDocumentNumber>(
    db,
    sql`SELECT c.${table.toSealId} AS id, c.number, ${table.scope} AS scope
        FROM (SELECT * FROM ${table.toSeal} ORDER BY ${table.toSealId} LIMIT ${limit}) AS c
        JOIN ${table.table} d ON d.id = c.${table.toSealId}
        ${table.ownerJoin}
        ORDER BY c.${table.toSealId}`,
  );
}

/**
 * Stores sealed numbers and blind indexes of carried-over rows and deletes their clear numbers,
 * in one statement: a number is never both sealed and left in clear, nor lost.
 */
export async function storeSealedClearNumbers(
  db: Db,
  table: DocumentNumberTable,
  documents: readonly { id: string; numberSealed: string; numberIndex: string }[],
): Promise<number> {
  if (documents.length === 0) {
    return 0;
  }
  const rows = await queryRows<{ id: string }>(
    db,
    sql`WITH u AS (
          SELECT * FROM unnest(
            ${arr(
              documents.map((x) => x.id),
              'uuid',
            )},
            ${arr(
              documents.map((x) => x.numberSealed),
              'text',
            )},
            ${arr(
              documents.map((x) => x.numberIndex),
              'text',
            )}
          ) AS u(id, number_sealed, number_index)
        ),
        sealed AS (
          UPDATE ${table.table} AS d
          SET ${table.sealedColumn} = u.number_sealed, ${table.indexColumn} = u.number_index
          FROM u WHERE d.id = u.id AND d.${table.sealedColumn} IS NULL
          RETURNING d.id
        )
        DELETE FROM ${table.toSeal} c USING sealed
        WHERE c.${table.toSealId} = sealed.id
        RETURNING c.${table.toSealId} AS id`,
  );
  return rows.length;
}

/** A pseudonymised person's sealed identity, with their host country. */
export interface SealedIdentity {
  readonly id: string;
  readonly scope: string | null;
  readonly identitySealed: string;
}

const staleIdentity = (keys: ActiveKeys): SQL =>
  sql`identity_sealed IS NOT NULL AND ${isStale(sql`identity_sealed`, keys)}`;

export async function countIdentitiesToReseal(db: Db, keys: ActiveKeys): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`SELECT count(*)::int AS count FROM persons WHERE ${staleIdentity(keys)}`,
  );
  return row?.count ?? 0;
}

export function listIdentitiesToReseal(
  db: Db,
  keys: ActiveKeys,
  afterId: string | null,
  limit: number,
): Promise<SealedIdentity[]> {
  const after = afterId === null ? sql`` : sql`AND p.id > ${afterId}::uuid`;
  return queryRows<SealedIdentity>(
    db,
    sql`SELECT p.id, p.identity_sealed AS "identitySealed",
          ${householdCountry('p')} AS scope
        FROM persons p
        WHERE ${staleIdentity(keys)} ${after}
        ORDER BY p.id
        LIMIT ${limit}`,
  );
}

/** Stores re-sealed identities, each only if unchanged since it was read. */
export async function updateResealedIdentities(
  db: Db,
  identities: readonly { before: SealedIdentity; identitySealed: string }[],
): Promise<number> {
  if (identities.length === 0) {
    return 0;
  }
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE persons AS p SET identity_sealed = u.identity_sealed
        FROM unnest(
          ${arr(
            identities.map((x) => x.before.id),
            'uuid',
          )},
          ${arr(
            identities.map((x) => x.before.identitySealed),
            'text',
          )},
          ${arr(
            identities.map((x) => x.identitySealed),
            'text',
          )}
        ) AS u(id, old_identity_sealed, identity_sealed)
        WHERE p.id = u.id AND p.identity_sealed = u.old_identity_sealed
        RETURNING p.id`,
  );
  return rows.length;
}
