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

/**
 * One chunk of the persons the match index holds (everyone not erased), in id order after
 * `afterId`: keyset pagination, so a million persons stream without a long-held cursor.
 * Document numbers are opened here: matching allows a typo in a number, which a blind index
 * cannot, so the index holds them in clear, in this process's memory only. A number that does not
 * open (altered, or copied from another record) is left out and told to `onSealBroken`: one
 * tampered row must not take identity matching away from every registration desk.
 */
export async function readIndexedPersons(
  db: Db,
  keyring: Keyring,
  afterId: string | undefined,
  limit: number,
  onSealBroken?: (error: SealBrokenError | UnknownDataKeyError) => void,
): Promise<PersonRecord[]> {
  const rows = await queryRows<IndexedPersonRow>(
    db,
    sql`SELECT p.id, p.given_name, p.family_name, p.patronymic, p.sex, p.birth_date, p.nationality,
          ${householdCountry('p')} AS data_country,
          (SELECT json_agg(json_build_object('id', d.id, 'type', d.type,
                     'issuingCountry', d.issuing_country, 'numberSealed', d.number_sealed))
           FROM identity_documents d WHERE d.person_id = p.id) AS documents
        FROM persons p
        WHERE p.erased_at IS NULL
          ${afterId === undefined ? sql`` : sql`AND p.id > ${afterId}`}
        ORDER BY p.id
        LIMIT ${limit}`,
  );
  return rows.map((row) => ({
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
