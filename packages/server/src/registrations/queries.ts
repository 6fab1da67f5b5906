import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { needBinding, type SealedNeedColumn } from '../protection/bindings.js';
import { sealDocumentNumber } from '../protection/document-numbers.js';
import type { DataScope, Keyring } from '../protection/keyring.js';
import type { RegistrationPlan } from './plan.js';

export interface NewIdempotencyClaim {
  readonly key: string;
  readonly scope: string;
  readonly requestHash: string;
}

const arr = (values: readonly unknown[], type: string): SQL =>
  sql`${sql.param(values)}::${sql.raw(type)}[]`;

/**
 * Writes whole registrations — households, persons, documents, needs, registrations, consents —
 * in one statement, so a household is stored whole or not at all and costs one round trip.
 * With an idempotency claim, nothing is written when the key was already used; `created` tells.
 * Needs and document numbers are sealed with the data key of the site's country
 * (`countryOfSite`); numbers are stored only sealed, with their keyed blind index.
 */
export async function insertRegistrations(
  db: Db,
  keyring: Keyring,
  plans: readonly RegistrationPlan[],
  countryOfSite: (siteId: string) => DataScope,
  claim?: NewIdempotencyClaim,
): Promise<{ created: boolean }> {
  const people = plans.flatMap((p) =>
    p.members.map((m) => ({ householdId: p.householdId, country: countryOfSite(p.siteId), m })),
  );
  const documents = people.flatMap(({ m, country }) =>
    m.documents.map((d) => ({
      personId: m.id,
      d,
      stored: sealDocumentNumber(keyring, d.id, country, d.number),
    })),
  );
  const needs = people.flatMap(({ m, country }) =>
    m.specificNeeds.map((n) => ({ personId: m.id, n, sealed: sealNeed(keyring, n, country) })),
  );
  const firstRegistration = plans[0]?.registrationId ?? null;

  const gate = claim
    ? sql`INSERT INTO idempotency_keys (key, scope, request_hash, resource_id)
          VALUES (${claim.key}, ${claim.scope}, ${claim.requestHash}, ${firstRegistration})
          ON CONFLICT (key) DO NOTHING RETURNING key`
    : sql`SELECT 1 AS key`;

  const [row] = await queryRows<{ created: number }>(
    db,
    sql`
    WITH claim AS (${gate}),
    h AS (
      INSERT INTO households (id)
      SELECT id FROM unnest(${arr(
        plans.map((p) => p.householdId),
        'uuid',
      )}) AS u(id)
      WHERE EXISTS (SELECT 1 FROM claim)
    ),
    p AS (
      INSERT INTO persons (id, household_id, position, given_name, family_name, patronymic,
        given_name_latin, family_name_latin, patronymic_latin, search_names, sex, birth_date,
        birth_date_from, birth_date_to, nationality, relationship_to_head, child_care_status)
      SELECT * FROM unnest(
        ${arr(
          people.map(({ m }) => m.id),
          'uuid',
        )},
        ${arr(
          people.map(({ householdId }) => householdId),
          'uuid',
        )},
        ${arr(
          people.map(({ m }) => m.position),
          'int2',
        )},
        ${arr(
          people.map(({ m }) => m.givenName),
          'text',
        )},
        ${arr(
          people.map(({ m }) => m.familyName),
          'text',
        )},
        ${arr(
          people.map(({ m }) => m.patronymic),
          'text',
        )},
        ${arr(
          people.map(({ m }) => m.givenNameLatin),
          'text',
        )},
        ${arr(
          people.map(({ m }) => m.familyNameLatin),
          'text',
        )},
        ${arr(
          people.map(({ m }) => m.patronymicLatin),
          'text',
        )},
        ${arr(
          people.map(({ m }) => m.searchNames),
          'text',
        )},
        ${arr(
          people.map(({ m }) => m.sex),
          'text',
        )},
        ${arr(
          people.map(({ m }) => m.birthDate),
          'text',
        )},
        ${arr(
          people.map(({ m }) => m.birthDateFrom),
          'date',
        )},
        ${arr(
          people.map(({ m }) => m.birthDateTo),
          'date',
        )},
        ${arr(
          people.map(({ m }) => m.nationality),
          'bpchar',
        )},
        ${arr(
          people.map(({ m }) => m.relationshipToHead),
          'text',
        )},
        ${arr(
          people.map(({ m }) => m.childCareStatus),
          'text',
        )}
      ) WHERE EXISTS (SELECT 1 FROM claim)
    ),
    d AS (
      INSERT INTO identity_documents (id, person_id, type, issuing_country, number_sealed, number_index, name_as_printed)
      SELECT * FROM unnest(
        ${arr(
          documents.map(({ d }) => d.id),
          'uuid',
        )},
        ${arr(
          documents.map(({ personId }) => personId),
          'uuid',
        )},
        ${arr(
          documents.map(({ d }) => d.type),
          'text',
        )},
        ${arr(
          documents.map(({ d }) => d.issuingCountry),
          'bpchar',
        )},
        ${arr(
          documents.map(({ stored }) => stored.numberSealed),
          'text',
        )},
        ${arr(
          documents.map(({ stored }) => stored.numberIndex),
          'text',
        )},
        ${arr(
          documents.map(({ d }) => d.nameAsPrinted),
          'text',
        )}
      ) WHERE EXISTS (SELECT 1 FROM claim)
    ),
    n AS (
      INSERT INTO specific_needs (id, person_id, code, sensitivity, status, recorded_at, recorded_by,
        code_sealed, note_sealed, key_id)
      SELECT * FROM unnest(
        ${arr(
          needs.map(({ n }) => n.id),
          'uuid',
        )},
        ${arr(
          needs.map(({ personId }) => personId),
          'uuid',
        )},
        ${arr(
          needs.map(({ sealed }) => sealed.code),
          'text',
        )},
        ${arr(
          needs.map(({ n }) => n.sensitivity),
          'text',
        )},
        ${arr(
          needs.map(({ n }) => n.status),
          'text',
        )},
        ${arr(
          needs.map(({ n }) => n.recordedAt),
          'timestamptz',
        )},
        ${arr(
          needs.map(({ n }) => n.recordedBy),
          'text',
        )},
        ${arr(
          needs.map(({ sealed }) => sealed.codeSealed),
          'text',
        )},
        ${arr(
          needs.map(({ sealed }) => sealed.noteSealed),
          'text',
        )},
        ${arr(
          needs.map(({ sealed }) => sealed.keyId),
          'text',
        )}
      ) WHERE EXISTS (SELECT 1 FROM claim)
    ),
    r AS (
      INSERT INTO registrations (id, household_id, site_id, registered_at, registrar, origin_pcode,
        arrival_mode, arrival_date)
      SELECT * FROM unnest(
        ${arr(
          plans.map((p) => p.registrationId),
          'uuid',
        )},
        ${arr(
          plans.map((p) => p.householdId),
          'uuid',
        )},
        ${arr(
          plans.map((p) => p.siteId),
          'uuid',
        )},
        ${arr(
          plans.map((p) => p.registeredAt),
          'timestamptz',
        )},
        ${arr(
          plans.map((p) => p.registrar),
          'text',
        )},
        ${arr(
          plans.map((p) => p.originPcode),
          'text',
        )},
        ${arr(
          plans.map((p) => p.arrivalMode),
          'text',
        )},
        ${arr(
          plans.map((p) => p.arrivalDate),
          'date',
        )}
      ) WHERE EXISTS (SELECT 1 FROM claim)
    ),
    c AS (
      INSERT INTO consents (id, registration_id, given_by_person_id, purposes, method, consented_at, recorded_by)
      SELECT u.id, u.registration_id, u.person_id, string_to_array(u.purposes, ','), u.method, u.at, u.by
      FROM unnest(
        ${arr(
          plans.map((p) => p.consentId),
          'uuid',
        )},
        ${arr(
          plans.map((p) => p.registrationId),
          'uuid',
        )},
        ${arr(
          plans.map((p) => p.consent.givenByPersonId),
          'uuid',
        )},
        ${arr(
          plans.map((p) => p.consent.purposes.join(',')),
          'text',
        )},
        ${arr(
          plans.map((p) => p.consent.method),
          'text',
        )},
        ${arr(
          plans.map((p) => p.registeredAt),
          'timestamptz',
        )},
        ${arr(
          plans.map((p) => p.registrar),
          'text',
        )}
      ) AS u(id, registration_id, person_id, purposes, method, at, by)
      WHERE EXISTS (SELECT 1 FROM claim)
    )
    SELECT count(*)::int AS created FROM claim`,
  );
  return { created: (row?.created ?? 0) > 0 };
}

/**
 * The stored form of a need: protection-class codes and every note sealed with the country's
 * data key under the active master, bound to the need's row and column; standard and health codes stay clear for statistics.
 */
function sealNeed(
  keyring: Keyring,
  need: RegistrationPlan['members'][number]['specificNeeds'][number],
  country: DataScope,
) {
  const binding = (column: SealedNeedColumn) => needBinding(need.id, column, country);
  const isProtected = need.sensitivity === 'protection';
  const codeSealed = isProtected ? keyring.seal(need.code, binding('code')) : null;
  const noteSealed = need.note === null ? null : keyring.seal(need.note, binding('note'));
  // The key that actually sealed it: the active key may change between two calls (rotation).
  const sealed = codeSealed ?? noteSealed;
  return {
    code: isProtected ? null : need.code,
    codeSealed,
    noteSealed,
    keyId: sealed === null ? null : keyring.keyIdOf(sealed),
  };
}
