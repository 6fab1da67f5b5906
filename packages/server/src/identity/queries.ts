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
  p.nationality, ${householdCountry(sql`p.household_id`)} AS data_country,
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

/** A person as loaded, with the change the row is at (null before change stamps existed). */
export interface IndexedPerson {
  readonly record: PersonRecord;
  readonly changeSeq: number | null;
  /** xid8 as decimal text. */
  readonly changeXid: string | null;
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
): Promise<IndexedPerson[]> {
  const rows = await queryRows<
    IndexedPersonRow & { change_seq: string | null; change_xid: string | null }
  >(
    db,
    sql`SELECT ${INDEXED_COLUMNS}, p.change_seq::text AS change_seq,
          p.change_xid::text AS change_xid
        FROM persons p
        WHERE p.erased_at IS NULL
          ${afterId === undefined ? sql`` : sql`AND p.id > ${afterId}`}
        ORDER BY p.id
        LIMIT ${limit}`,
  );
  return rows.map((row) => ({
    record: personRecordOfRow(row, keyring, onSealBroken),
    changeSeq: row.change_seq === null ? null : Number(row.change_seq),
    changeXid: row.change_xid,
  }));
}

/**
 * The oldest transaction still running anywhere on the server (the xmin of a snapshot taken now,
 * as decimal text): every transaction below it has ended, so its changes are visible from now on.
 * A change sequence alone would not do: sequence numbers are drawn at write time, and a
 * transaction that drew a lower one may commit after one that drew a higher one.
 */
export async function readChangeHorizon(db: Db): Promise<string> {
  const [row] = await queryRows<{ horizon: string }>(
    db,
    sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`,
  );
  if (!row) {
    throw new Error('pg_current_snapshot() returned no row');
  }
  return row.horizon;
}

/** A person changed since a horizon: as they are now, or erased (to leave the index). */
export interface PersonChange {
  readonly changeSeq: number;
  /** The transaction that made the change, as decimal text (xid8). */
  readonly changeXid: string;
  readonly personId: string;
  /** Undefined when the person is erased or pseudonymised. */
  readonly record: PersonRecord | undefined;
}

export interface ChangedPersonsQuery {
  /** Changes by transactions from this id on (a horizon of readChangeHorizon). */
  readonly sinceXid: string;
  /** Keyset within one catch-up: changes after this sequence number. */
  readonly afterSeq: number;
  /** Changes applied already by an earlier catch-up, left out. */
  readonly appliedSeqs: readonly number[];
  readonly limit: number;
}

/** One page of the persons changed by transactions since a horizon, in change order. */
export async function readChangedPersons(
  db: Db,
  keyring: Keyring,
  query: ChangedPersonsQuery,
  onSealBroken?: OnSealBroken,
): Promise<PersonChange[]> {
  const rows = await queryRows<
    IndexedPersonRow & { change_seq: string; change_xid: string; is_erased: boolean }
  >(
    db,
    sql`SELECT ${INDEXED_COLUMNS}, p.change_seq::text AS change_seq,
          p.change_xid::text AS change_xid, p.erased_at IS NOT NULL AS is_erased
        FROM persons p
        WHERE p.change_xid >= ${query.sinceXid}::xid8
          AND p.change_seq > ${query.afterSeq}
          AND p.change_seq <> ALL(${sql.param(query.appliedSeqs)}::bigint[])
        ORDER BY p.change_seq
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
