import { sql } from 'drizzle-orm';
import { jsonColumn, queryRows, type Db } from '../db/open.js';
import { identityBinding, needBinding, type SealedNeedColumn } from '../protection/bindings.js';
import { openDocumentNumber } from '../protection/document-numbers.js';
import type { Keyring } from '../protection/keyring.js';
import { eraseManifestEntries } from '../corridors/manifest-erasure-queries.js';
import { MANIFEST_DOCUMENT_NUMBERS } from '../protection/document-number-tables.js';
import { householdCountry } from '../protection/scope.js';
import { eraseProtectionFacts, protectionSubjectData } from '../temporary-protection/queries.js';

interface StoredDocument {
  id: string;
  type: string;
  issuingCountry: string;
  numberSealed: string | null;
  nameAsPrinted: string | null;
}

/** A person's documents with their numbers opened, in type and number order. */
async function openedDocuments(db: Db, keyring: Keyring, personId: string, country: string | null) {
  const stored = await queryRows<StoredDocument>(
    db,
    sql`SELECT id, type, issuing_country AS "issuingCountry", number_sealed AS "numberSealed",
               name_as_printed AS "nameAsPrinted"
        FROM identity_documents WHERE person_id = ${personId}`,
  );
  return stored
    .map((document) => ({
      type: document.type,
      issuingCountry: document.issuingCountry,
      number: openDocumentNumber(keyring, document, country),
      nameAsPrinted: document.nameAsPrinted,
    }))
    .sort((a, b) => compare(a.type, b.type) || compare(a.number, b.number));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export type ErasureMode = 'erase' | 'pseudonymise';

/** Where a person was registered: the countries and sites whose scope covers them. */
export async function placesOfPerson(
  db: Db,
  personId: string,
): Promise<{ householdId: string; places: { siteId: string; countryCode: string }[] } | undefined> {
  const rows = await queryRows<{
    household_id: string;
    site_id: string | null;
    country_code: string | null;
  }>(
    db,
    sql`SELECT p.household_id, r.site_id, s.country_code
        FROM persons p
        LEFT JOIN registrations r ON r.household_id = p.household_id
        LEFT JOIN sites s ON s.id = r.site_id
        WHERE p.id = ${personId}`,
  );
  const first = rows[0];
  if (!first) {
    return undefined;
  }
  return {
    householdId: first.household_id,
    places: rows.flatMap((row) =>
      row.site_id && row.country_code
        ? [{ siteId: row.site_id, countryCode: row.country_code }]
        : [],
    ),
  };
}

/**
 * Everything Haven holds on one person (GDPR Art. 15): their record, documents, needs of every
 * class (opened: it is their own data), the registrations and consents of their household, and
 * who has read or changed those records.
 */
export async function subjectData(db: Db, keyring: Keyring, personId: string) {
  const [person] = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT id, household_id AS "householdId", given_name AS "givenName", family_name AS "familyName",
               patronymic, given_name_latin AS "givenNameLatin", family_name_latin AS "familyNameLatin",
               patronymic_latin AS "patronymicLatin", sex, birth_date AS "birthDate", nationality,
               relationship_to_head AS "relationshipToHead", child_care_status AS "childCareStatus",
               erased_at AS "erasedAt", erasure, created_at AS "createdAt",
               ${householdCountry('persons')} AS "dataCountry"
        FROM persons WHERE id = ${personId}`,
  );
  if (!person) {
    return undefined;
  }
  const { dataCountry, ...personFields } = person;
  const country = typeof dataCountry === 'string' ? dataCountry : null;
  const householdId = String(person.householdId);
  const documents = await openedDocuments(db, keyring, personId, country);
  const storedNeeds = await queryRows<{
    id: string;
    code: string | null;
    code_sealed: string | null;
    note_sealed: string | null;
    sensitivity: string;
    status: string;
    recorded_at: string;
    recorded_by: string;
  }>(
    db,
    sql`SELECT id, code, code_sealed, note_sealed, sensitivity, status, recorded_at, recorded_by
        FROM specific_needs WHERE person_id = ${personId} ORDER BY recorded_at`,
  );
  const specificNeeds = storedNeeds.map((need) => {
    const binding = (column: SealedNeedColumn) => needBinding(need.id, column, country ?? '');
    return {
      code: need.code_sealed ? keyring.open(need.code_sealed, binding('code')) : need.code,
      sensitivity: need.sensitivity,
      status: need.status,
      note: need.note_sealed ? keyring.open(need.note_sealed, binding('note')) : null,
      recordedAt: new Date(need.recorded_at).toISOString(),
      recordedBy: need.recorded_by,
    };
  });
  const registrations = await queryRows<{ id: string }>(
    db,
    sql`SELECT r.id, r.registered_at AS "registeredAt", r.registrar, r.origin_pcode AS "originPcode",
               r.arrival_mode AS "arrivalMode", r.arrival_date AS "arrivalDate",
               json_build_object('id', s.id, 'name', s.name, 'countryCode', s.country_code) AS site,
               json_build_object('purposes', c.purposes, 'method', c.method,
                 'consentedAt', c.consented_at, 'givenByPersonId', c.given_by_person_id) AS consent
        FROM registrations r JOIN sites s ON s.id = r.site_id
        LEFT JOIN consents c ON c.registration_id = r.id
        WHERE r.household_id = ${householdId} ORDER BY r.registered_at`,
  );
  const resourceIds = [personId, householdId, ...registrations.map((r) => r.id)];
  const accesses = await queryRows<{ detail: unknown }>(
    db,
    sql`SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, actor_role AS "actorRole",
               action, resource_type AS "resourceType", resource_id AS "resourceId", purpose
        FROM audit_log
        WHERE resource_id = ANY(${sql.param(resourceIds)}::text[])
           OR detail -> 'persons' ? ${personId}
           OR detail -> 'registrationIds' ?| ${sql.param(registrations.map((r) => r.id))}::text[]
        ORDER BY seq`,
  );
  const manifestEntries = await queryRows<
    Record<string, unknown> & {
      id: string;
      documentNumberSealed: string | null;
      dataCountry: string;
    }
  >(
    db,
    sql`SELECT m.id, m.run_id AS "runId", m.given_name AS "givenName", m.family_name AS "familyName",
               m.patronymic, m.sex, m.birth_date AS "birthDate", m.nationality,
               m.document_type AS "documentType", m.document_number_sealed AS "documentNumberSealed",
               ${MANIFEST_DOCUMENT_NUMBERS.scope} AS "dataCountry",
               m.arrived_at AS "arrivedAt", m.unaccompanied
        FROM manifest_persons m JOIN evacuation_runs entry_run ON entry_run.id = m.run_id
        WHERE m.registration_person_id = ${personId}`,
  );
  return {
    person: { ...personFields, documents, specificNeeds },
    protection: await protectionSubjectData(db, personId),
    // The number as the coordinator entered it, opened with the run's country key.
    evacuationManifests: manifestEntries.map(({ documentNumberSealed, dataCountry, ...entry }) => ({
      ...entry,
      documentNumber:
        documentNumberSealed === null
          ? null
          : openDocumentNumber(
              keyring,
              { id: entry.id, numberSealed: documentNumberSealed },
              dataCountry,
              'manifest_persons',
            ),
    })),
    householdId,
    registrations: registrations.map((r) => jsonColumn(r)),
    accesses,
  };
}

const ERASED = '[erased]';

/**
 * Erases or pseudonymises a person in one transaction: names, documents, needs and the day and
 * month of birth go; the row stays with sex, birth year and nationality so that every count of
 * arrivals stays the same. Pseudonymising keeps the identifying fields sealed with the data key.
 */
export async function erasePerson(
  db: Db,
  keyring: Keyring,
  personId: string,
  mode: ErasureMode,
): Promise<{ erasedAt: string }> {
  let identitySealed: string | null = null;
  if (mode === 'pseudonymise') {
    const [identity] = await queryRows<Record<string, unknown> & { country: string | null }>(
      db,
      sql`SELECT p.given_name, p.family_name, p.patronymic, p.given_name_latin, p.family_name_latin,
                 p.patronymic_latin, p.birth_date, ${householdCountry('p')} AS country
          FROM persons p WHERE p.id = ${personId}`,
    );
    if (identity) {
      const { country, ...fields } = identity;
      // The numbers are opened to be sealed again, with the rest of the identity, in one value.
      const documents = await openedDocuments(db, keyring, personId, country);
      identitySealed = keyring.seal(
        JSON.stringify({ ...fields, documents }),
        identityBinding(personId, country ?? ''),
      );
    }
  }
  await db.execute(sql`DELETE FROM identity_documents WHERE person_id = ${personId}`);
  await db.execute(sql`DELETE FROM specific_needs WHERE person_id = ${personId}`);
  // What other areas hold of the person: protection facts (#6), the manifest entry they were
  // registered from (#5), and their place in the identity clusters (#3: an erased person is
  // matched to nobody; the next dedup run leaves them out as well).
  await eraseProtectionFacts(db, personId);
  await eraseManifestEntries(
    db,
    sql`SELECT id FROM manifest_persons WHERE registration_person_id = ${personId}`,
  );
  await db.execute(sql`DELETE FROM identity_clusters WHERE person_id = ${personId}`);
  const [row] = await queryRows<{ erased_at: string }>(
    db,
    sql`UPDATE persons SET
          given_name = ${ERASED}, family_name = ${ERASED}, patronymic = NULL,
          given_name_latin = ${ERASED}, family_name_latin = ${ERASED}, patronymic_latin = NULL,
          search_names = '',
          birth_date = substr(birth_date, 1, 4),
          birth_date_from = make_date(substr(birth_date, 1, 4)::int, 1, 1),
          birth_date_to = make_date(substr(birth_date, 1, 4)::int, 12, 31),
          erased_at = now(), erasure = ${mode === 'erase' ? 'erased' : 'pseudonymised'},
          identity_sealed = ${identitySealed}
        WHERE id = ${personId}
        RETURNING erased_at`,
  );
  return { erasedAt: new Date(row?.erased_at ?? Date.now()).toISOString() };
}
