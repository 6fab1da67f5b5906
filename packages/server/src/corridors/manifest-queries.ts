import type { ManifestPersonInput } from '@haven/contract';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { MANIFEST_DOCUMENT_NUMBERS } from '../protection/document-number-tables.js';
import { openDocumentNumber, sealDocumentNumber } from '../protection/document-numbers.js';
import type { Keyring } from '../protection/keyring.js';

/** A manifest household ready to store: ids assigned, unaccompanied derived. */
export interface ManifestHouseholdPlan {
  readonly id: string;
  readonly reference: string | null;
  readonly members: readonly (ManifestPersonInput & {
    readonly id: string;
    readonly unaccompanied: boolean;
    readonly sourceLine: number | null;
    readonly unexpected?: boolean;
  })[];
}

export interface ManifestPersonRecord {
  readonly id: string;
  readonly runId: string;
  readonly householdId: string;
  readonly householdReference: string | null;
  readonly position: number;
  readonly givenName: string;
  readonly familyName: string;
  readonly patronymic: string | null;
  readonly sex: 'female' | 'male' | 'other' | 'unknown';
  readonly birthDate: string;
  readonly nationality: string;
  readonly relationshipToHead: ManifestPersonInput['relationshipToHead'];
  readonly documentType: NonNullable<ManifestPersonInput['documentType']> | null;
  /** Opened from document_number_sealed: in clear only in this process's memory. */
  readonly documentNumber: string | null;
  readonly documentIssuingCountry: string | null;
  readonly unaccompanied: boolean;
  readonly unexpected: boolean;
  readonly sourceLine: number | null;
  readonly arrivedAt: string | null;
  readonly arrivalSiteId: string | null;
  readonly checkedInBy: string | null;
  readonly registrationPersonId: string | null;
}

const SELECT_PERSONS = sql`
  SELECT m.id, m.run_id AS "runId", m.household_id AS "householdId",
    h.reference AS "householdReference", m.position, m.given_name AS "givenName",
    m.family_name AS "familyName", m.patronymic, m.sex, m.birth_date AS "birthDate",
    m.nationality, m.relationship_to_head AS "relationshipToHead",
    m.document_type AS "documentType", m.document_number_sealed AS "documentNumberSealed",
    ${MANIFEST_DOCUMENT_NUMBERS.scope} AS "dataCountry",
    m.document_issuing_country AS "documentIssuingCountry", m.unaccompanied, m.unexpected,
    m.source_line AS "sourceLine", m.arrived_at AS "arrivedAt",
    m.arrival_site_id AS "arrivalSiteId", m.checked_in_by AS "checkedInBy",
    m.registration_person_id AS "registrationPersonId"
  FROM manifest_persons m JOIN manifest_households h ON h.id = m.household_id
  JOIN evacuation_runs entry_run ON entry_run.id = m.run_id`;

/** A row as read: the document number still sealed, with the country whose key opens it. */
type StoredManifestPerson = Omit<ManifestPersonRecord, 'documentNumber'> & {
  readonly documentNumberSealed: string | null;
  readonly dataCountry: string;
};

const iso = (value: string | Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** Rows as the routes use them: times as ISO strings, document numbers opened. */
const normalised = (keyring: Keyring, rows: StoredManifestPerson[]): ManifestPersonRecord[] =>
  rows.map(({ documentNumberSealed, dataCountry, ...row }) => ({
    ...row,
    arrivedAt: iso(row.arrivedAt),
    documentNumber:
      documentNumberSealed === null
        ? null
        : openDocumentNumber(
            keyring,
            { id: row.id, numberSealed: documentNumberSealed },
            dataCountry,
            'manifest_persons',
          ),
  }));

/** Every person of a run's manifest (and its unexpected arrivals), household by household. */
export async function listManifestPersons(
  db: Db,
  keyring: Keyring,
  runId: string,
): Promise<ManifestPersonRecord[]> {
  return normalised(
    keyring,
    await queryRows<StoredManifestPerson>(
      db,
      sql`${SELECT_PERSONS} WHERE m.run_id = ${runId}
          ORDER BY h.position, m.position`,
    ),
  );
}

export async function findManifestPersons(
  db: Db,
  keyring: Keyring,
  ids: readonly string[],
): Promise<ManifestPersonRecord[]> {
  return normalised(
    keyring,
    await queryRows<StoredManifestPerson>(
      db,
      sql`${SELECT_PERSONS} WHERE m.id = ANY(${sql.param([...ids])}::uuid[])
          ORDER BY m.household_id, m.position`,
    ),
  );
}

export async function findHouseholdPersons(
  db: Db,
  keyring: Keyring,
  runId: string,
  householdId: string,
): Promise<ManifestPersonRecord[]> {
  return normalised(
    keyring,
    await queryRows<StoredManifestPerson>(
      db,
      sql`${SELECT_PERSONS} WHERE m.run_id = ${runId} AND m.household_id = ${householdId}
          ORDER BY m.position`,
    ),
  );
}

/**
 * Stores households and their members: two statements whatever the size (≤ 1000 rows each).
 * Document numbers are sealed with the run's country key (document-number-tables.ts says why)
 * and blind-indexed; they never reach the database in clear.
 */
export async function insertManifestHouseholds(
  db: Db,
  keyring: Keyring,
  runId: string,
  households: readonly ManifestHouseholdPlan[],
  createdBy: string,
): Promise<void> {
  const CHUNK = 1000;
  // Read from the run itself, as every reader and the rotation will: a country passed in by a
  // caller could differ, and the number would then not open.
  const [run] = await queryRows<{ country: string }>(
    db,
    sql`SELECT country_code AS country FROM evacuation_runs WHERE id = ${runId}`,
  );
  if (!run) {
    throw new Error(`No evacuation run ${runId}`);
  }
  for (let i = 0; i < households.length; i += CHUNK) {
    const chunk = households.slice(i, i + CHUNK);
    await db.execute(sql`
      INSERT INTO manifest_households (id, run_id, reference, position, created_by)
      SELECT id, ${runId}, reference,
        (SELECT COALESCE(max(position), 0) FROM manifest_households WHERE run_id = ${runId}) + ord,
        ${createdBy}
      FROM unnest(${sql.param(chunk.map((h) => h.id))}::uuid[],
                  ${sql.param(chunk.map((h) => h.reference))}::text[])
        WITH ORDINALITY AS t(id, reference, ord)`);
  }
  const members = households.flatMap((h) =>
    h.members.map((m, position) => ({
      ...m,
      householdId: h.id,
      position,
      document:
        m.documentNumber === undefined
          ? null
          : sealDocumentNumber(keyring, m.id, run.country, m.documentNumber, 'manifest_persons'),
    })),
  );
  for (let i = 0; i < members.length; i += CHUNK) {
    const chunk = members.slice(i, i + CHUNK);
    const column = <T>(pick: (m: (typeof chunk)[number]) => T) => sql.param(chunk.map(pick));
    await db.execute(sql`
      INSERT INTO manifest_persons (id, run_id, household_id, position, given_name, family_name,
        patronymic, sex, birth_date, nationality, relationship_to_head, document_type,
        document_number_sealed, document_number_index, document_issuing_country, unaccompanied,
        unexpected, source_line)
      SELECT id, ${runId}, household_id, position, given_name, family_name, patronymic, sex,
        birth_date, nationality, relationship_to_head, document_type, document_number_sealed,
        document_number_index, document_issuing_country, unaccompanied, unexpected, source_line
      FROM unnest(
        ${column((m) => m.id)}::uuid[], ${column((m) => m.householdId)}::uuid[],
        ${column((m) => m.position)}::smallint[], ${column((m) => m.givenName)}::text[],
        ${column((m) => m.familyName)}::text[], ${column((m) => m.patronymic ?? null)}::text[],
        ${column((m) => m.sex)}::text[], ${column((m) => m.birthDate)}::text[],
        ${column((m) => m.nationality)}::text[], ${column((m) => m.relationshipToHead)}::text[],
        ${column((m) => m.documentType ?? null)}::text[],
        ${column((m) => m.document?.numberSealed ?? null)}::text[],
        ${column((m) => m.document?.numberIndex ?? null)}::text[],
        ${column((m) => m.documentIssuingCountry ?? (m.documentType ? 'UKR' : null))}::text[],
        ${column((m) => m.unaccompanied)}::boolean[], ${column((m) => m.unexpected ?? false)}::boolean[],
        ${column((m) => m.sourceLine)}::int[])
        AS t(id, household_id, position, given_name, family_name, patronymic, sex, birth_date,
             nationality, relationship_to_head, document_type, document_number_sealed,
             document_number_index, document_issuing_country, unaccompanied, unexpected,
             source_line)`);
  }
}

/** Removes a household nobody of which has arrived; false when none was removed. */
export async function deleteManifestHousehold(
  db: Db,
  runId: string,
  householdId: string,
): Promise<'deleted' | 'not-found' | 'arrived'> {
  const persons = await queryRows<{ id: string; arrivedAt: string | null }>(
    db,
    sql`SELECT id, arrived_at AS "arrivedAt" FROM manifest_persons
        WHERE run_id = ${runId} AND household_id = ${householdId}`,
  );
  if (persons.length === 0) {
    return 'not-found';
  }
  if (persons.some((p) => p.arrivedAt !== null)) {
    return 'arrived';
  }
  await db.execute(
    sql`DELETE FROM evacuation_alerts WHERE manifest_person_id = ANY(${sql.param(persons.map((p) => p.id))}::uuid[])`,
  );
  await db.execute(sql`DELETE FROM manifest_persons WHERE household_id = ${householdId}`);
  await db.execute(sql`DELETE FROM manifest_households WHERE id = ${householdId}`);
  return 'deleted';
}

/**
 * Records the arrival of those not yet arrived; those already arrived keep their first arrival
 * (a second check-in is idempotent). Answers the ids newly checked in.
 */
export async function recordArrivals(
  db: Db,
  ids: readonly string[],
  arrival: { arrivedAt: string; siteId: string; checkedInBy: string },
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE manifest_persons SET arrived_at = ${arrival.arrivedAt},
          arrival_site_id = ${arrival.siteId}, checked_in_by = ${arrival.checkedInBy}
        WHERE id = ANY(${sql.param([...ids])}::uuid[]) AND arrived_at IS NULL
        RETURNING id`,
  );
  return rows.map((r) => r.id);
}

export async function linkRegistrationPerson(
  db: Db,
  manifestPersonId: string,
  registrationPersonId: string,
): Promise<void> {
  await db.execute(sql`UPDATE manifest_persons SET registration_person_id = ${registrationPersonId}
                       WHERE id = ${manifestPersonId}`);
}

/** The site (and its country) where a registered person was registered, to check scope. */
export async function findRegisteredPersonPlaces(
  db: Db,
  personId: string,
): Promise<{ siteId: string; countryCode: string }[]> {
  return queryRows(
    db,
    sql`SELECT r.site_id AS "siteId", s.country_code AS "countryCode"
        FROM persons p
        JOIN registrations r ON r.household_id = p.household_id
        JOIN sites s ON s.id = r.site_id
        WHERE p.id = ${personId} AND p.erased_at IS NULL`,
  );
}
