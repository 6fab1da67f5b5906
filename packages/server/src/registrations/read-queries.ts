import type { Person, Registration, RegistrationQuery, RegistrationSummary } from '@haven/contract';
import {
  nameSearchTokens,
  partialDateRange,
  type ScopeFilter,
  type Sensitivity,
} from '@haven/core';
import { sql, type SQL } from 'drizzle-orm';
import { jsonColumn, queryRows, type Db } from '../db/open.js';
import { needBinding, type SealedNeedColumn } from '../protection/bindings.js';
import { documentNumberIndexes, openDocumentNumber } from '../protection/document-numbers.js';
import type { Keyring } from '../protection/keyring.js';
import { householdCountry } from '../protection/scope.js';
import { byDocument, byNeed } from './view.js';

/** How a reader sees specific needs: which classes they may read, and the key to open them. */
export interface NeedReader {
  readonly keyring: Keyring;
  readonly reads: (sensitivity: Sensitivity) => boolean;
}

interface StoredNeed {
  id: string;
  code: string | null;
  codeSealed: string | null;
  noteSealed: string | null;
  sensitivity: Sensitivity;
  status: 'active' | 'inactive';
  recordedAt: string;
  recordedBy: string;
}

/** A document as stored: its number sealed to its row and the household's country. */
interface StoredDocument {
  id: string;
  type: Person['documents'][number]['type'];
  issuingCountry: string;
  numberSealed: string | null;
  nameAsPrinted: string | null;
}

/** The documents of a person in scope, their numbers opened. */
function openedDocuments(
  documents: readonly StoredDocument[],
  keyring: Keyring,
  country: string | null,
): Person['documents'] {
  return documents
    .map((document) => ({
      type: document.type,
      issuingCountry: document.issuingCountry,
      number: openDocumentNumber(keyring, document, country),
      nameAsPrinted: document.nameAsPrinted,
    }))
    .sort(byDocument);
}

/** The needs this reader may see, opened; the others are left out, not even counted. */
function readableNeeds(
  needs: readonly StoredNeed[],
  reader: NeedReader,
  country: string | null,
): Person['specificNeeds'] {
  return needs
    .filter((need) => reader.reads(need.sensitivity))
    .map((need) => {
      // A household always has a registration: without one, nothing of it opens.
      const binding = (column: SealedNeedColumn) => needBinding(need.id, column, country ?? '');
      return {
        code:
          need.codeSealed === null
            ? (need.code ?? '')
            : reader.keyring.open(need.codeSealed, binding('code')),
        sensitivity: need.sensitivity,
        status: need.status,
        note:
          need.noteSealed === null ? null : reader.keyring.open(need.noteSealed, binding('note')),
        recordedAt: iso(need.recordedAt),
        recordedBy: need.recordedBy,
      };
    })
    .sort(byNeed);
}

/** The scope of a reader as a condition on registrations r joined with their sites s. */
export function scopeCondition(scope: ScopeFilter): SQL {
  return scope.level === 'site'
    ? sql`r.site_id = ANY(${sql.param(scope.siteIds)}::uuid[])`
    : sql`s.country_code = ANY(${sql.param(scope.countries)}::text[])`;
}

const iso = (value: unknown): string => new Date(String(value)).toISOString();

interface PersonRow {
  id: string;
  household_id: string;
  given_name: string;
  family_name: string;
  patronymic: string | null;
  given_name_latin: string;
  family_name_latin: string;
  patronymic_latin: string | null;
  sex: Person['sex'];
  birth_date: string;
  nationality: string;
  relationship_to_head: Person['relationshipToHead'];
  child_care_status: Person['childCareStatus'];
  data_country: string | null;
  documents: StoredDocument[] | string;
  specific_needs: StoredNeed[] | string;
}

/** Members of households, in household order, with their documents and specific needs. */
export async function findMembers(
  db: Db,
  householdIds: readonly string[],
  reader: NeedReader,
): Promise<Map<string, Person[]>> {
  const rows = await queryRows<PersonRow>(
    db,
    sql`
    SELECT p.*, ${householdCountry('p')} AS data_country,
      COALESCE((SELECT json_agg(json_build_object('id', d.id, 'type', d.type,
                 'issuingCountry', d.issuing_country, 'numberSealed', d.number_sealed,
                 'nameAsPrinted', d.name_as_printed) )
                FROM identity_documents d WHERE d.person_id = p.id), '[]') AS documents,
      COALESCE((SELECT json_agg(json_build_object('id', n.id, 'code', n.code,
                 'codeSealed', n.code_sealed, 'noteSealed', n.note_sealed, 'sensitivity', n.sensitivity,
                 'status', n.status, 'recordedAt', n.recorded_at, 'recordedBy', n.recorded_by) )
                FROM specific_needs n WHERE n.person_id = p.id), '[]') AS specific_needs
    FROM persons p
    WHERE p.household_id = ANY(${sql.param(householdIds)}::uuid[])
    ORDER BY p.household_id, p.position`,
  );
  const byHousehold = new Map<string, Person[]>();
  for (const row of rows) {
    const members = byHousehold.get(row.household_id) ?? [];
    members.push({
      id: row.id,
      givenName: row.given_name,
      familyName: row.family_name,
      patronymic: row.patronymic,
      givenNameLatin: row.given_name_latin,
      familyNameLatin: row.family_name_latin,
      patronymicLatin: row.patronymic_latin,
      sex: row.sex,
      birthDate: row.birth_date,
      nationality: row.nationality,
      relationshipToHead: row.relationship_to_head,
      childCareStatus: row.child_care_status,
      documents: openedDocuments(jsonColumn(row.documents), reader.keyring, row.data_country),
      specificNeeds: readableNeeds(jsonColumn(row.specific_needs), reader, row.data_country),
    });
    byHousehold.set(row.household_id, members);
  }
  return byHousehold;
}

interface RegistrationRow {
  id: string;
  household_id: string;
  site_id: string;
  site_name: string;
  site_country: string;
  site_kind: Registration['site']['kind'];
  registered_at: string;
  registrar: string;
  origin_pcode: string;
  arrival_mode: Registration['arrivalMode'];
  arrival_date: string | null;
  consent_purposes: Registration['consent']['purposes'] | string;
  consent_person: string;
  consent_method: Registration['consent']['method'];
  consented_at: string;
  consent_recorded_by: string;
}

/**
 * One registration with its site, consent and the whole household, when it is within the
 * reader's scope; otherwise undefined, as if it did not exist.
 */
export async function findRegistration(
  db: Db,
  id: string,
  scope: ScopeFilter,
  reader: (place: { siteId: string; countryCode: string }) => NeedReader,
): Promise<Registration | undefined> {
  const [row] = await queryRows<RegistrationRow>(
    db,
    sql`
    SELECT r.*, s.name AS site_name, s.country_code AS site_country, s.kind AS site_kind,
      to_json(c.purposes) AS consent_purposes, c.given_by_person_id AS consent_person,
      c.method AS consent_method, c.consented_at, c.recorded_by AS consent_recorded_by
    FROM registrations r
    JOIN sites s ON s.id = r.site_id
    JOIN consents c ON c.registration_id = r.id
    WHERE r.id = ${id} AND ${scopeCondition(scope)}`,
  );
  if (!row) {
    return undefined;
  }
  const needReader = reader({ siteId: row.site_id, countryCode: row.site_country });
  const members =
    (await findMembers(db, [row.household_id], needReader)).get(row.household_id) ?? [];
  return {
    id: row.id,
    householdId: row.household_id,
    site: {
      id: row.site_id,
      name: row.site_name,
      countryCode: row.site_country,
      kind: row.site_kind,
    },
    registeredAt: iso(row.registered_at),
    registrar: row.registrar,
    originPcode: row.origin_pcode,
    arrivalMode: row.arrival_mode,
    arrivalDate: row.arrival_date === null ? null : String(row.arrival_date).slice(0, 10),
    members,
    consent: {
      purposes: jsonColumn(row.consent_purposes),
      givenByPersonId: row.consent_person,
      method: row.consent_method,
      consentedAt: iso(row.consented_at),
      recordedBy: row.consent_recorded_by,
    },
  };
}

/** Keyset cursor over (registered_at desc, id desc): stable while new registrations arrive. */
export function encodeCursor(registeredAt: string, id: string): string {
  return Buffer.from(JSON.stringify([registeredAt, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { registeredAt: string; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) {
      return undefined;
    }
    const [registeredAt, id] = value as unknown[];
    // Only what encodeCursor writes: a canonical ISO timestamp and a UUID.
    if (
      typeof registeredAt === 'string' &&
      typeof id === 'string' &&
      isCanonicalTimestamp(registeredAt) &&
      UUID.test(id)
    ) {
      return { registeredAt, id };
    }
  } catch {
    // fall through: a malformed cursor is reported by the caller
  }
  return undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isCanonicalTimestamp(text: string): boolean {
  const time = Date.parse(text);
  return !Number.isNaN(time) && /^\d{4}-/.test(text) && new Date(time).toISOString() === text;
}

interface SummaryRow {
  id: string;
  household_id: string;
  site_id: string;
  site_name: string;
  site_country: string;
  site_kind: RegistrationSummary['site']['kind'];
  registered_at: string;
  origin_pcode: string;
  household_size: number;
  head_given_name: string;
  head_family_name: string;
  head_given_name_latin: string;
  head_family_name_latin: string;
  head_birth_date: string;
}

/**
 * Registrations matching every filter given, newest first, one page at a time. A document number
 * is found exactly through its keyed blind index (the keyring computes it): numbers are never
 * stored in clear.
 */
export async function listRegistrations(
  db: Db,
  keyring: Keyring,
  scope: ScopeFilter,
  query: RegistrationQuery & { householdId?: string },
  after?: { registeredAt: string; id: string },
): Promise<{ items: RegistrationSummary[]; nextCursor: string | null }> {
  const conditions: SQL[] = [scopeCondition(scope)];
  const memberConditions: SQL[] = [];
  for (const token of query.q ? nameSearchTokens(query.q) : []) {
    memberConditions.push(sql`m.search_names LIKE ${`% ${token.replace(/[\\%_]/g, '\\$&')}%`}`);
  }
  if (query.birthDate) {
    const range = partialDateRange(query.birthDate);
    memberConditions.push(
      sql`m.birth_date_from <= ${range.to} AND m.birth_date_to >= ${range.from}`,
    );
  }
  if (query.document) {
    memberConditions.push(sql`EXISTS (SELECT 1 FROM identity_documents d
      WHERE d.person_id = m.id
        AND d.number_index = ANY(${sql.param(documentNumberIndexes(keyring, query.document))}::text[]))`);
  }
  if (memberConditions.length > 0) {
    conditions.push(sql`EXISTS (SELECT 1 FROM persons m WHERE m.household_id = r.household_id
      AND ${sql.join(memberConditions, sql` AND `)})`);
  }
  if (query.householdId) {
    conditions.push(sql`r.household_id = ${query.householdId}`);
  }
  if (query.siteId) {
    conditions.push(sql`r.site_id = ${query.siteId}`);
  }
  if (query.countryCode) {
    conditions.push(sql`s.country_code = ${query.countryCode}`);
  }
  if (query.registeredFrom) {
    conditions.push(sql`r.registered_at >= ${query.registeredFrom}::date`);
  }
  if (query.registeredTo) {
    conditions.push(sql`r.registered_at < ${query.registeredTo}::date + 1`);
  }
  if (after) {
    conditions.push(
      sql`(r.registered_at, r.id) < (${after.registeredAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const where = sql`WHERE ${sql.join(conditions, sql` AND `)}`;
  const rows = await queryRows<SummaryRow>(
    db,
    sql`
    SELECT r.id, r.household_id, r.site_id, s.name AS site_name, s.country_code AS site_country,
      s.kind AS site_kind, r.registered_at, r.origin_pcode,
      (SELECT count(*)::int FROM persons x WHERE x.household_id = r.household_id) AS household_size,
      h.given_name AS head_given_name, h.family_name AS head_family_name,
      h.given_name_latin AS head_given_name_latin, h.family_name_latin AS head_family_name_latin,
      h.birth_date AS head_birth_date
    FROM registrations r
    JOIN sites s ON s.id = r.site_id
    JOIN persons h ON h.household_id = r.household_id AND h.relationship_to_head = 'head'
    ${where}
    ORDER BY r.registered_at DESC, r.id DESC
    LIMIT ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit).map((row): RegistrationSummary => ({
    id: row.id,
    householdId: row.household_id,
    site: {
      id: row.site_id,
      name: row.site_name,
      countryCode: row.site_country,
      kind: row.site_kind,
    },
    registeredAt: iso(row.registered_at),
    originPcode: row.origin_pcode,
    householdSize: row.household_size,
    head: {
      givenName: row.head_given_name,
      familyName: row.head_family_name,
      givenNameLatin: row.head_given_name_latin,
      familyNameLatin: row.head_family_name_latin,
      birthDate: row.head_birth_date,
    },
  }));
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.registeredAt, last.id) : null,
  };
}
