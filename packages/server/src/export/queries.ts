import { sql, type SQL } from 'drizzle-orm';
import { jsonColumn, queryRows, type Db } from '../db/open.js';
import { openDocumentNumber } from '../protection/document-numbers.js';
import type { Keyring } from '../protection/keyring.js';
import { householdCountry } from '../protection/scope.js';

/** One person of one registration, flattened for a file export; dates and timestamps as text. */
export interface PersonExportRow {
  readonly registrationId: string;
  readonly householdId: string;
  readonly personId: string;
  readonly siteId: string;
  /** ISO 8601 in UTC with milliseconds, e.g. '2022-03-05T09:30:00.000Z'. */
  readonly registeredAt: string;
  readonly registrar: string;
  readonly originPcode: string;
  readonly arrivalMode: string;
  readonly arrivalDate: string | null;
  readonly relationshipToHead: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly patronymic: string | null;
  readonly givenNameLatin: string;
  readonly familyNameLatin: string;
  readonly sex: string;
  readonly birthDate: string;
  readonly nationality: string;
  readonly childCareStatus: string | null;
  readonly documents: readonly {
    type: string;
    issuingCountry: string;
    number: string;
    nameAsPrinted: string | null;
  }[];
  /**
   * Active specific-needs codes, sorted. Protection-class needs are sealed and never leave in a
   * bulk export: they are read one person at a time, by the roles the policy allows.
   */
  readonly specificNeeds: readonly string[];
  /** Set on the row of the member who consented, null on the others. */
  readonly consentPurposes: readonly string[] | null;
  readonly consentMethod: string | null;
}

export interface PersonExportFilter {
  readonly countryCode?: string | undefined;
  readonly siteId?: string | undefined;
}

/** Position of a page in the export: the last registration written. */
export interface ExportCursor {
  readonly registeredAt: string;
  readonly id: string;
}

function registrationFilter(filter: PersonExportFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.siteId) {
    conditions.push(sql`r.site_id = ${filter.siteId}`);
  }
  if (filter.countryCode) {
    conditions.push(
      sql`r.site_id IN (SELECT id FROM sites WHERE country_code = ${filter.countryCode})`,
    );
  }
  return conditions;
}

const where = (conditions: SQL[]): SQL =>
  conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;

export async function countPersonsForExport(db: Db, filter: PersonExportFilter): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`
    SELECT count(*)::int AS count FROM registrations r JOIN persons p ON p.household_id = r.household_id
    ${where(registrationFilter(filter))}`,
  );
  return row?.count ?? 0;
}

interface StoredDocument {
  id: string;
  type: string;
  issuingCountry: string;
  numberSealed: string | null;
  nameAsPrinted: string | null;
}

interface Row extends Omit<PersonExportRow, 'documents' | 'specificNeeds' | 'consentPurposes'> {
  cursorAt: string;
  dataCountry: string | null;
  documents: StoredDocument[] | string;
  specificNeeds: string[] | string;
  consentPurposes: string[] | string | null;
}

/**
 * The persons of the next `limit` registrations after `after`, in registration order (oldest
 * first), members in household order. Keyset pagination: each page costs the same however deep.
 * Document numbers are opened with the household country's data key: the file holds them clear.
 */
export async function listPersonsForExport(
  db: Db,
  keyring: Keyring,
  filter: PersonExportFilter,
  after: ExportCursor | undefined,
  limit: number,
): Promise<{ rows: PersonExportRow[]; next: ExportCursor | undefined }> {
  // A page holds whole registrations, so a household is never split across pages.
  const conditions = registrationFilter(filter);
  if (after) {
    conditions.push(
      sql`(r.registered_at, r.id) > (${after.registeredAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const rows = await queryRows<Row>(
    db,
    sql`
    WITH page AS (
      SELECT r.* FROM registrations r ${where(conditions)}
      -- NULLS FIRST: the backward scan of registrations_registered_idx (DESC NULLS LAST); without
      -- it every page is a sequential scan and a sort of the whole table.
      ORDER BY r.registered_at NULLS FIRST, r.id NULLS FIRST LIMIT ${limit}
    )
    SELECT page.id AS "registrationId", page.household_id AS "householdId", p.id AS "personId",
      page.site_id AS "siteId", page.registered_at::text AS "cursorAt",
      to_char(page.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "registeredAt",
      page.registrar, page.origin_pcode AS "originPcode", page.arrival_mode AS "arrivalMode",
      page.arrival_date::text AS "arrivalDate", p.relationship_to_head AS "relationshipToHead",
      p.given_name AS "givenName", p.family_name AS "familyName", p.patronymic,
      p.given_name_latin AS "givenNameLatin", p.family_name_latin AS "familyNameLatin",
      p.sex, p.birth_date AS "birthDate", p.nationality, p.child_care_status AS "childCareStatus",
      ${householdCountry('page')} AS "dataCountry",
      COALESCE((SELECT json_agg(json_build_object('id', d.id, 'type', d.type,
                 'issuingCountry', d.issuing_country, 'numberSealed', d.number_sealed,
                 'nameAsPrinted', d.name_as_printed))
                FROM identity_documents d WHERE d.person_id = p.id), '[]') AS documents,
      COALESCE((SELECT json_agg(n.code ORDER BY n.code) FROM specific_needs n
                WHERE n.person_id = p.id AND n.status = 'active' AND n.code IS NOT NULL), '[]') AS "specificNeeds",
      CASE WHEN c.given_by_person_id = p.id THEN to_json(c.purposes) END AS "consentPurposes",
      CASE WHEN c.given_by_person_id = p.id THEN c.method END AS "consentMethod"
    FROM page
    JOIN persons p ON p.household_id = page.household_id
    LEFT JOIN consents c ON c.registration_id = page.id
    ORDER BY page.registered_at, page.id, p.position`,
  );
  const last = rows.at(-1);
  return {
    rows: rows.map((row) => ({
      registrationId: row.registrationId,
      householdId: row.householdId,
      personId: row.personId,
      siteId: row.siteId,
      registeredAt: row.registeredAt,
      registrar: row.registrar,
      originPcode: row.originPcode,
      arrivalMode: row.arrivalMode,
      arrivalDate: row.arrivalDate,
      relationshipToHead: row.relationshipToHead,
      givenName: row.givenName,
      familyName: row.familyName,
      patronymic: row.patronymic,
      givenNameLatin: row.givenNameLatin,
      familyNameLatin: row.familyNameLatin,
      sex: row.sex,
      birthDate: row.birthDate,
      nationality: row.nationality,
      childCareStatus: row.childCareStatus,
      documents: jsonColumn(row.documents)
        .map((document) => ({
          type: document.type,
          issuingCountry: document.issuingCountry,
          number: openDocumentNumber(keyring, document, row.dataCountry),
          nameAsPrinted: document.nameAsPrinted,
        }))
        .sort((a, b) => compare(a.type, b.type) || compare(a.number, b.number)),
      specificNeeds: jsonColumn(row.specificNeeds),
      consentPurposes: row.consentPurposes === null ? null : jsonColumn(row.consentPurposes),
      consentMethod: row.consentMethod,
    })),
    // Every registration has members, so only the page after the last one comes back empty.
    next: last ? { registeredAt: last.cursorAt, id: last.registrationId } : undefined,
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
