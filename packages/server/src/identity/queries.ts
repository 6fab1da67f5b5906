import type { DocumentType, Sex, SiteKind } from '@haven/core';
import type { PersonRecord } from '@haven/core/identity';
import { sql } from 'drizzle-orm';
import { jsonColumn, queryRows, type Db } from '../db/open.js';
import { openDocumentNumber } from '../protection/document-numbers.js';
import { SealBrokenError, UnknownDataKeyError } from '../protection/errors.js';
import type { Keyring } from '../protection/keyring.js';
import { householdCountry } from '../protection/scope.js';

interface IndexedPersonRow {
  id: string;
  given_name: string;
  family_name: string;
  patronymic: string | null;
  sex: Sex;
  birth_date: string;
  nationality: string;
  data_country: string | null;
  documents:
    | { id: string; type: DocumentType; issuingCountry: string; numberSealed: string | null }[]
    | string
    | null;
}

/** What a document number that does not open is told to (it is left out of the index). */
type OnSealBroken = (error: SealBrokenError | UnknownDataKeyError) => void;

/** The columns of a person the index compares; `p` is the persons row. */
const INDEXED_COLUMNS = sql`p.id, p.given_name, p.family_name, p.patronymic, p.sex, p.birth_date,
  p.nationality, ${householdCountry('p')} AS data_country,
  (SELECT json_agg(json_build_object('id', d.id, 'type', d.type,
             'issuingCountry', d.issuing_country, 'numberSealed', d.number_sealed))
   FROM identity_documents d WHERE d.person_id = p.id) AS documents`;

/**
 * Document numbers are opened here: matching allows a typo in a number, which a blind index
 * cannot, so the index holds them in clear, in this process's memory only. A number that does not
 * open (altered, or copied from another record) is left out and told to `onSealBroken`: one
 * tampered row must not take identity matching away from every registration desk.
 */
function personRecordOfRow(
  row: IndexedPersonRow,
  keyring: Keyring,
  onSealBroken: OnSealBroken | undefined,
): PersonRecord {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    patronymic: row.patronymic ?? undefined,
    sex: row.sex,
    birthDate: row.birth_date,
    nationality: row.nationality,
    documents:
      row.documents === null
        ? []
        : jsonColumn(row.documents).flatMap((document) => {
            try {
              const number = openDocumentNumber(keyring, document, row.data_country);
              return [{ type: document.type, issuingCountry: document.issuingCountry, number }];
            } catch (error) {
              if (error instanceof SealBrokenError || error instanceof UnknownDataKeyError) {
                onSealBroken?.(error);
                return [];
              }
              throw error;
            }
          }),
  };
}

/** How many persons the match index will hold: sizes it before the chunks come in. */
export async function countIndexedPersons(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM persons WHERE erased_at IS NULL`,
  );
  return row?.n ?? 0;
}

/**
 * One chunk of the persons the match index holds (everyone not erased), in id order after
 * `afterId`: keyset pagination, so a million persons stream without a long-held cursor.
 */
export async function readIndexedPersons(
  db: Db,
  keyring: Keyring,
  afterId: string | undefined,
  limit: number,
  onSealBroken?: OnSealBroken,
): Promise<PersonRecord[]> {
  const rows = await queryRows<IndexedPersonRow>(
    db,
    sql`SELECT ${INDEXED_COLUMNS}
        FROM persons p
        WHERE p.erased_at IS NULL
          ${afterId === undefined ? sql`` : sql`AND p.id > ${afterId}`}
        ORDER BY p.id
        LIMIT ${limit}`,
  );
  return rows.map((row) => personRecordOfRow(row, keyring, onSealBroken));
}

/**
 * Which transactions a snapshot taken now sees: all below `xmax` but those in `running`. A
 * catch-up reads, after this, the changes of every transaction this snapshot did not see; a
 * change sequence alone would not do: sequence numbers are drawn at write time, and a transaction
 * that drew a lower one may commit after a reader has passed it.
 */
export interface ChangeSnapshot {
  /** xid8 as decimal text: the first transaction not yet started. */
  readonly xmax: string;
  /** Transactions in progress (xid8 as decimal text), at most one per connection. */
  readonly running: readonly string[];
}

export async function readChangeSnapshot(db: Db): Promise<ChangeSnapshot> {
  const [row] = await queryRows<{ xmax: string; running: string[] | string }>(
    db,
    sql`SELECT pg_snapshot_xmax(s)::text AS xmax,
          ARRAY(SELECT pg_snapshot_xip(s)::text) AS running
        FROM pg_current_snapshot() AS s`,
  );
  if (!row) {
    throw new Error('pg_current_snapshot() returned no row');
  }
  return { xmax: row.xmax, running: textArray(row.running) };
}

/** A text[] column: node-postgres parses it, PGlite may hand back its literal. */
function textArray(value: string[] | string): string[] {
  if (Array.isArray(value)) {
    return value;
  }
  const inner = value.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',');
}

/** A person changed since a snapshot: as they are now, or erased (to leave the index). */
export interface PersonChange {
  readonly changeSeq: number;
  /** The transaction that made the change, as decimal text (xid8). */
  readonly changeXid: string;
  readonly personId: string;
  /** Undefined when the person is erased or pseudonymised. */
  readonly record: PersonRecord | undefined;
}

/** Where a page of changes starts: after this change, in (transaction, sequence) order. */
export interface ChangeKey {
  /** xid8 as decimal text. */
  readonly xid: string;
  readonly seq: number;
}

/**
 * Changes of the transactions a snapshot did not see: those running then (`xids`), or those
 * started from `fromXid` on (its xmax).
 */
export type ChangedBy = { readonly xids: readonly string[] } | { readonly fromXid: string };

/**
 * One page of the persons changed by some transactions, in (change_xid, change_seq) order after
 * `after`: a range of the index persons_change_idx, however many persons a catch-up reads.
 */
export async function readChangedPersons(
  db: Db,
  keyring: Keyring,
  query: { readonly by: ChangedBy; readonly after: ChangeKey; readonly limit: number },
  onSealBroken?: OnSealBroken,
): Promise<PersonChange[]> {
  const { by, after } = query;
  const transactions =
    'xids' in by
      ? sql`p.change_xid = ANY(${sql.param(by.xids)}::xid8[])`
      : sql`p.change_xid >= ${by.fromXid}::xid8`;
  const rows = await queryRows<
    IndexedPersonRow & { change_seq: string; change_xid: string; is_erased: boolean }
  >(
    db,
    sql`SELECT ${INDEXED_COLUMNS}, p.change_seq::text AS change_seq,
          p.change_xid::text AS change_xid, p.erased_at IS NOT NULL AS is_erased
        FROM persons p
        WHERE ${transactions}
          AND (p.change_xid, p.change_seq) > (${after.xid}::xid8, ${after.seq}::bigint)
        ORDER BY p.change_xid, p.change_seq
        LIMIT ${query.limit}`,
  );
  return rows.map((row) => ({
    changeSeq: Number(row.change_seq),
    changeXid: row.change_xid,
    personId: row.id,
    record: row.is_erased ? undefined : personRecordOfRow(row, keyring, onSealBroken),
  }));
}

/** A matched person as the API may show them, with every place their household registered. */
export interface MatchedPersonRow {
  id: string;
  household_id: string;
  given_name: string;
  family_name: string;
  patronymic: string | null;
  given_name_latin: string;
  family_name_latin: string;
  sex: Sex;
  birth_date: string;
  /** The household's registrations, newest first. */
  registrations:
    | {
        id: string;
        siteId: string;
        siteName: string;
        countryCode: string;
        siteKind: SiteKind;
      }[]
    | string;
}

/**
 * The persons found by the index, as stored now: an erased person (by another server process or
 * `haven retention`) is missing here and so never shown, even if an index still holds them.
 */
export async function findMatchedPersons(
  db: Db,
  personIds: readonly string[],
): Promise<MatchedPersonRow[]> {
  if (personIds.length === 0) {
    return [];
  }
  return queryRows<MatchedPersonRow>(
    db,
    sql`SELECT p.id, p.household_id, p.given_name, p.family_name, p.patronymic,
          p.given_name_latin, p.family_name_latin, p.sex, p.birth_date,
          COALESCE((SELECT json_agg(json_build_object('id', r.id, 'siteId', s.id,
                      'siteName', s.name, 'countryCode', s.country_code, 'siteKind', s.kind)
                    ORDER BY r.registered_at DESC, r.id DESC)
                    FROM registrations r JOIN sites s ON s.id = r.site_id
                    WHERE r.household_id = p.household_id), '[]') AS registrations
        FROM persons p
        WHERE p.id = ANY(${sql.param(personIds)}::uuid[]) AND p.erased_at IS NULL`,
  );
}
