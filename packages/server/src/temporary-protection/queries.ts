/**
 * Storage of temporary protection: assessments and their decisions, the status timeline,
 * conflict cases, work authorisations and school enrolments. Every function takes the executor
 * (db or tx) first; the routes decide, these only read and write.
 */
import type {
  EligibilityAssessment,
  EligibilityFacts,
  EligibilityRecommendation,
  ProtectionCase,
  SchoolEnrolment,
  StatusEvent,
  WorkAuthorisation,
} from '@haven/contract';
import {
  statusPairKey,
  type PartialDate,
  type ProtectionCategory,
  type ProtectionRegime,
  type ProtectionStatus,
  type StatusReason,
} from '@haven/core';
import { sql } from 'drizzle-orm';
import { jsonColumn, queryRows, type Db } from '../db/open.js';

const iso = (value: unknown): string => new Date(String(value)).toISOString();
const TS = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
const DAY = (column: string) => sql.raw(`to_char(${column}, 'YYYY-MM-DD')`);

export interface Actor {
  readonly id: string | null;
  readonly name: string;
}

/** The name shown for a user: their display name, else their user name. */
export async function actorOf(executor: Db, userId: string, username: string): Promise<Actor> {
  const [row] = await queryRows<{ display_name: string }>(
    executor,
    sql`SELECT display_name FROM users WHERE id = ${userId}`,
  );
  // An operator command (the demo data) acts without a user row: its name only.
  return row ? { id: userId, name: row.display_name } : { id: null, name: username };
}

export interface PersonPlace {
  readonly personId: string;
  readonly birthDate: PartialDate;
  /** Countries where the person's household was registered. */
  readonly registrationCountries: readonly string[];
  /** Countries where the person has a status event or an assessment. */
  readonly protectionCountries: readonly string[];
}

/**
 * Where a person is known: registration countries and protection countries. Undefined when the
 * person does not exist or was erased. Locks the person row when `lock` is set, so protection
 * writes for one person are serialised.
 */
export async function findPersonPlace(
  executor: Db,
  personId: string,
  lock = false,
): Promise<PersonPlace | undefined> {
  const [person] = await queryRows<{ id: string; birth_date: string }>(
    executor,
    lock
      ? sql`SELECT id, birth_date FROM persons WHERE id = ${personId} AND erased_at IS NULL FOR UPDATE`
      : sql`SELECT id, birth_date FROM persons WHERE id = ${personId} AND erased_at IS NULL`,
  );
  if (!person) {
    return undefined;
  }
  const [places] = await queryRows<{ registration: string[] | null; protection: string[] | null }>(
    executor,
    sql`SELECT
          (SELECT array_agg(DISTINCT s.country_code::text)
             FROM persons p JOIN registrations r ON r.household_id = p.household_id
             JOIN sites s ON s.id = r.site_id WHERE p.id = ${personId}) AS registration,
          (SELECT array_agg(DISTINCT c) FROM (
             SELECT country_code::text AS c FROM protection_status_events WHERE person_id = ${personId}
             UNION SELECT country_code::text FROM eligibility_assessments WHERE person_id = ${personId}
           ) AS known) AS protection`,
  );
  return {
    personId: person.id,
    // The register stores only valid partial dates (checked at registration).
    birthDate: person.birth_date as PartialDate,
    registrationCountries: places?.registration ?? [],
    protectionCountries: places?.protection ?? [],
  };
}

export async function isHostCountry(executor: Db, code: string): Promise<boolean> {
  const rows = await queryRows<{ code: string }>(
    executor,
    sql`SELECT code FROM host_countries WHERE code = ${code}`,
  );
  return rows.length > 0;
}

// ---------------------------------------------------------------- assessments

interface AssessmentRow {
  id: string;
  person_id: string;
  country_code: string;
  regime: ProtectionRegime;
  on_date: string;
  rules_version: string;
  facts: EligibilityFacts | string;
  recommendation: EligibilityRecommendation | string;
  assessed_at: string;
  assessed_by: string | null;
  assessed_by_name: string;
  decision: 'confirmed' | 'overridden' | null;
  decided_eligible: boolean | null;
  decided_category: ProtectionCategory | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
}

const ASSESSMENT_COLUMNS = sql`id, person_id, country_code, regime, ${DAY('on_date')} AS on_date,
  rules_version, facts, recommendation, ${TS('assessed_at')} AS assessed_at, assessed_by,
  assessed_by_name, decision, decided_eligible, decided_category, decision_reason, decided_by,
  decided_by_name, ${TS('decided_at')} AS decided_at`;

function assessmentOf(row: AssessmentRow): EligibilityAssessment {
  return {
    id: row.id,
    personId: row.person_id,
    countryCode: row.country_code,
    regime: row.regime,
    onDate: row.on_date,
    rulesVersion: row.rules_version,
    facts: jsonColumn(row.facts),
    recommendation: jsonColumn(row.recommendation),
    assessedBy: { id: row.assessed_by, name: row.assessed_by_name },
    assessedAt: iso(row.assessed_at),
    decision:
      row.decision && row.decided_at && row.decided_eligible !== null
        ? {
            outcome: row.decision,
            eligible: row.decided_eligible,
            category: row.decided_category,
            reason: row.decision_reason,
            decidedBy: { id: row.decided_by, name: row.decided_by_name ?? '' },
            decidedAt: iso(row.decided_at),
          }
        : null,
  };
}

export interface NewAssessmentRecord {
  readonly id: string;
  readonly personId: string;
  readonly countryCode: string;
  readonly regime: ProtectionRegime;
  readonly onDate: string;
  readonly rulesVersion: string;
  readonly facts: EligibilityFacts;
  readonly recommendation: EligibilityRecommendation;
  readonly assessedBy: Actor;
}

export async function insertAssessment(
  executor: Db,
  record: NewAssessmentRecord,
): Promise<EligibilityAssessment> {
  const recommendation = record.recommendation;
  const category = recommendation.kind === 'not-eligible' ? null : recommendation.category;
  const rows = await queryRows<AssessmentRow>(
    executor,
    sql`INSERT INTO eligibility_assessments (id, person_id, country_code, regime, on_date,
          rules_version, facts, recommendation_kind, recommended_category, rule_id, rule_version,
          recommendation, assessed_at, assessed_by, assessed_by_name)
        VALUES (${record.id}, ${record.personId}, ${record.countryCode}, ${record.regime},
          ${record.onDate}, ${record.rulesVersion}, ${JSON.stringify(record.facts)}::jsonb,
          ${recommendation.kind}, ${category}, ${recommendation.rule?.id ?? null},
          ${recommendation.rule ? String(recommendation.rule.version) : null},
          ${JSON.stringify(recommendation)}::jsonb, now(), ${record.assessedBy.id},
          ${record.assessedBy.name})
        RETURNING ${ASSESSMENT_COLUMNS}`,
  );
  const [row] = rows;
  if (!row) {
    throw new Error('insert into eligibility_assessments returned nothing');
  }
  return assessmentOf(row);
}

export async function findAssessment(
  executor: Db,
  id: string,
  lock = false,
): Promise<EligibilityAssessment | undefined> {
  const [row] = await queryRows<AssessmentRow>(
    executor,
    lock
      ? sql`SELECT ${ASSESSMENT_COLUMNS} FROM eligibility_assessments WHERE id = ${id} FOR UPDATE`
      : sql`SELECT ${ASSESSMENT_COLUMNS} FROM eligibility_assessments WHERE id = ${id}`,
  );
  return row ? assessmentOf(row) : undefined;
}

export interface AssessmentDecisionRecord {
  readonly outcome: 'confirmed' | 'overridden';
  readonly eligible: boolean;
  readonly category: ProtectionCategory | null;
  readonly reason: string | null;
  readonly decidedBy: Actor;
}

/** Records the human decision once: an already decided assessment is left as it is (false). */
export async function decideAssessment(
  executor: Db,
  id: string,
  decision: AssessmentDecisionRecord,
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`UPDATE eligibility_assessments
           SET decision = ${decision.outcome}, decided_eligible = ${decision.eligible},
               decided_category = ${decision.category}, decision_reason = ${decision.reason},
               decided_by = ${decision.decidedBy.id}, decided_by_name = ${decision.decidedBy.name},
               decided_at = now()
         WHERE id = ${id} AND decision IS NULL
        RETURNING id`,
  );
  return rows.length === 1;
}

/** The assessments of a person in the given countries, newest first. */
export async function listAssessments(
  executor: Db,
  personId: string,
  countries: readonly string[],
): Promise<EligibilityAssessment[]> {
  const rows = await queryRows<AssessmentRow>(
    executor,
    sql`SELECT ${ASSESSMENT_COLUMNS} FROM eligibility_assessments
         WHERE person_id = ${personId} AND country_code = ANY(${sql.param(countries)}::text[])
         ORDER BY assessed_at DESC, id DESC`,
  );
  return rows.map(assessmentOf);
}

/** The latest decided assessment of a person in a country: what a grant rests on. */
export async function latestDecidedAssessment(
  executor: Db,
  personId: string,
  countryCode: string,
): Promise<EligibilityAssessment | undefined> {
  const [row] = await queryRows<AssessmentRow>(
    executor,
    sql`SELECT ${ASSESSMENT_COLUMNS} FROM eligibility_assessments
         WHERE person_id = ${personId} AND country_code = ${countryCode} AND decision IS NOT NULL
         ORDER BY decided_at DESC, id DESC LIMIT 1`,
  );
  return row ? assessmentOf(row) : undefined;
}

// ---------------------------------------------------------------- status timeline

interface EventRow {
  id: string;
  person_id: string;
  country_code: string;
  status: ProtectionStatus;
  category: ProtectionCategory | null;
  reason: StatusReason | null;
  effective_on: string;
  valid_until: string | null;
  assessment_id: string | null;
  case_id: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: string;
}

const EVENT_COLUMNS = sql`id, person_id, country_code, status, category, reason,
  ${DAY('effective_on')} AS effective_on, ${DAY('valid_until')} AS valid_until, assessment_id,
  case_id, recorded_by, recorded_by_name, ${TS('recorded_at')} AS recorded_at`;

function eventOf(row: EventRow): StatusEvent & { personId: string } {
  return {
    id: row.id,
    personId: row.person_id,
    countryCode: row.country_code,
    status: row.status,
    category: row.category,
    reason: row.reason,
    effectiveOn: row.effective_on,
    validUntil: row.valid_until,
    assessmentId: row.assessment_id,
    caseId: row.case_id,
    recordedBy: { id: row.recorded_by, name: row.recorded_by_name },
    recordedAt: iso(row.recorded_at),
  };
}

export interface NewEventRecord {
  readonly id: string;
  readonly personId: string;
  readonly countryCode: string;
  readonly status: ProtectionStatus;
  readonly category: ProtectionCategory | null;
  readonly reason: StatusReason | null;
  readonly effectiveOn: string;
  readonly validUntil: string | null;
  readonly assessmentId: string | null;
  readonly caseId: string | null;
  readonly recordedBy: Actor;
}

/** Appends one event to a timeline; events are never updated or deleted. */
export async function appendStatusEvent(
  executor: Db,
  record: NewEventRecord,
): Promise<StatusEvent> {
  const [row] = await queryRows<EventRow>(
    executor,
    sql`INSERT INTO protection_status_events (id, person_id, country_code, status, category,
          reason, effective_on, valid_until, assessment_id, case_id, recorded_at, recorded_by,
          recorded_by_name)
        VALUES (${record.id}, ${record.personId}, ${record.countryCode}, ${record.status},
          ${record.category}, ${record.reason}, ${record.effectiveOn}, ${record.validUntil},
          ${record.assessmentId}, ${record.caseId}, clock_timestamp(), ${record.recordedBy.id},
          ${record.recordedBy.name})
        RETURNING ${EVENT_COLUMNS}`,
  );
  if (!row) {
    throw new Error('insert into protection_status_events returned nothing');
  }
  return statusEventView(eventOf(row));
}

/** One event with its person, for replaying the request that recorded it. */
export async function findStatusEvent(
  executor: Db,
  id: string,
): Promise<(StatusEvent & { personId: string }) | undefined> {
  const [row] = await queryRows<EventRow>(
    executor,
    sql`SELECT ${EVENT_COLUMNS} FROM protection_status_events WHERE id = ${id}`,
  );
  return row ? eventOf(row) : undefined;
}

/** An event as the API shows it: within a person's page, without the person's id. */
export function statusEventView(event: StatusEvent): StatusEvent {
  return {
    id: event.id,
    countryCode: event.countryCode,
    status: event.status,
    category: event.category,
    reason: event.reason,
    effectiveOn: event.effectiveOn,
    validUntil: event.validUntil,
    assessmentId: event.assessmentId,
    caseId: event.caseId,
    recordedBy: event.recordedBy,
    recordedAt: event.recordedAt,
  };
}

/** The timelines of persons (all countries), oldest first. */
export async function listStatusEvents(
  executor: Db,
  personIds: readonly string[],
): Promise<(StatusEvent & { personId: string })[]> {
  const rows = await queryRows<EventRow>(
    executor,
    sql`SELECT ${EVENT_COLUMNS} FROM protection_status_events
         WHERE person_id = ANY(${sql.param(personIds)}::uuid[])
         ORDER BY effective_on, recorded_at, id`,
  );
  return rows.map(eventOf);
}

/**
 * The persons of the same identity as this one (the newest dedup run's cluster), itself
 * included. A person outside every cluster is their own identity.
 */
export async function identityOf(executor: Db, personId: string): Promise<string[]> {
  const rows = await queryRows<{ person_id: string }>(
    executor,
    sql`SELECT c.person_id FROM identity_clusters c
          JOIN identity_clusters me ON me.cluster_id = c.cluster_id
         WHERE me.person_id = ${personId}
         ORDER BY c.person_id`,
  );
  const ids = rows.map((row) => row.person_id);
  return ids.includes(personId) ? ids : [personId, ...ids];
}

/** Locks the persons' rows in a fixed order, so grants across one identity are serialised. */
export async function lockPersons(executor: Db, personIds: readonly string[]): Promise<void> {
  await executor.execute(
    sql`SELECT id FROM persons WHERE id = ANY(${sql.param([...personIds].sort())}::uuid[])
         ORDER BY id FOR UPDATE`,
  );
}

// ---------------------------------------------------------------- cases

type ConflictingRecord = ProtectionCase['conflicting'][number] & { personId: string };

/** A case as stored, every person named: callers see it through case-view.ts. */
export type StoredCase = Omit<ProtectionCase, 'personId' | 'conflicting'> & {
  personId: string;
  conflicting: ConflictingRecord[];
};

interface CaseRow {
  id: string;
  kind: ProtectionCase['kind'];
  person_id: string;
  country_code: string;
  held_event: ProtectionCase['heldEvent'] | string;
  conflicting: ConflictingRecord[] | string;
  state: 'open' | 'resolved';
  opened_at: string;
  opened_by: string | null;
  opened_by_name: string;
  outcome: NonNullable<ProtectionCase['resolution']>['outcome'] | null;
  resolution_reason: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
}

const CASE_COLUMNS = sql`id, kind, person_id, country_code, held_event, conflicting, state,
  ${TS('opened_at')} AS opened_at, opened_by, opened_by_name, outcome, resolution_reason,
  ${TS('resolved_at')} AS resolved_at, resolved_by, resolved_by_name`;

function caseOf(row: CaseRow): StoredCase {
  return {
    id: row.id,
    personId: row.person_id,
    countryCode: row.country_code,
    kind: row.kind,
    heldEvent: jsonColumn(row.held_event),
    conflicting: jsonColumn(row.conflicting),
    state: row.state,
    openedBy: { id: row.opened_by, name: row.opened_by_name },
    openedAt: iso(row.opened_at),
    resolution:
      row.outcome && row.resolved_at
        ? {
            outcome: row.outcome,
            reason: row.resolution_reason ?? '',
            resolvedBy: { id: row.resolved_by, name: row.resolved_by_name ?? '' },
            resolvedAt: iso(row.resolved_at),
          }
        : null,
  };
}

export interface NewCaseRecord {
  readonly id: string;
  /** active-elsewhere by default: a grant held; active-after-grant: a duplicate found later. */
  readonly kind?: ProtectionCase['kind'];
  readonly personId: string;
  readonly countryCode: string;
  readonly heldEvent: ProtectionCase['heldEvent'];
  readonly conflicting: ConflictingRecord[];
  readonly openedBy: Actor;
}

export async function insertCase(executor: Db, record: NewCaseRecord): Promise<StoredCase> {
  const countries = [
    ...new Set([record.countryCode, ...record.conflicting.map((c) => c.countryCode)]),
  ];
  const pairKeys = record.conflicting.map((other) => statusPairKey(record, other));
  const [row] = await queryRows<CaseRow>(
    executor,
    sql`INSERT INTO protection_cases (id, person_id, country_code, kind, held_event, conflicting,
          countries, pair_keys, state, opened_at, opened_by, opened_by_name)
        VALUES (${record.id}, ${record.personId}, ${record.countryCode},
          ${record.kind ?? 'active-elsewhere'},
          ${JSON.stringify(record.heldEvent)}::jsonb, ${JSON.stringify(record.conflicting)}::jsonb,
          ${sql.param(countries)}::text[], ${sql.param(pairKeys)}::text[], 'open', now(),
          ${record.openedBy.id}, ${record.openedBy.name})
        RETURNING ${CASE_COLUMNS}`,
  );
  if (!row) {
    throw new Error('insert into protection_cases returned nothing');
  }
  return caseOf(row);
}

/** The pair keys among `keys` that some case (open or resolved, of any kind) is already about. */
export async function pairKeysWithCases(
  executor: Db,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) {
    return new Set();
  }
  const rows = await queryRows<{ key: string }>(
    executor,
    sql`SELECT DISTINCT k.key FROM protection_cases pc
          CROSS JOIN LATERAL unnest(pc.pair_keys) AS k(key)
         WHERE pc.pair_keys && ${sql.param(keys)}::text[]
           AND k.key = ANY(${sql.param(keys)}::text[])`,
  );
  return new Set(rows.map((row) => row.key));
}

/** A case when one of its countries is among `countries`. */
export async function findCase(
  executor: Db,
  id: string,
  countries: readonly string[],
  lock = false,
): Promise<{ view: StoredCase; countries: string[] } | undefined> {
  const [row] = await queryRows<CaseRow & { countries: string[] }>(
    executor,
    sql`SELECT ${CASE_COLUMNS}, countries FROM protection_cases
         WHERE id = ${id} AND countries && ${sql.param(countries)}::text[]
         ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return row ? { view: caseOf(row), countries: row.countries } : undefined;
}

export async function listCases(
  executor: Db,
  filter: {
    countries: readonly string[];
    state: 'open' | 'resolved' | 'all';
    personId?: string;
    limit: number;
  },
): Promise<StoredCase[]> {
  const rows = await queryRows<CaseRow>(
    executor,
    sql`SELECT ${CASE_COLUMNS} FROM protection_cases
         WHERE countries && ${sql.param(filter.countries)}::text[]
           ${filter.state === 'all' ? sql`` : sql`AND state = ${filter.state}`}
           ${filter.personId ? sql`AND person_id = ${filter.personId}` : sql``}
         ORDER BY opened_at DESC, id DESC LIMIT ${filter.limit}`,
  );
  return rows.map(caseOf);
}

export async function resolveCase(
  executor: Db,
  id: string,
  resolution: { outcome: string; reason: string; resolvedBy: Actor },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`UPDATE protection_cases
           SET state = 'resolved', outcome = ${resolution.outcome},
               resolution_reason = ${resolution.reason}, resolved_at = now(),
               resolved_by = ${resolution.resolvedBy.id}, resolved_by_name = ${resolution.resolvedBy.name}
         WHERE id = ${id} AND state = 'open'
        RETURNING id`,
  );
  return rows.length === 1;
}

// ---------------------------------------------------------------- entitlement records

interface WorkRow {
  id: string;
  person_id: string;
  country_code: string;
  basis: WorkAuthorisation['basis'];
  valid_from: string;
  valid_until: string | null;
  employer_notified_on: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: string;
}

const WORK_COLUMNS = sql`id, person_id, country_code, basis, ${DAY('valid_from')} AS valid_from,
  ${DAY('valid_until')} AS valid_until, ${DAY('employer_notified_on')} AS employer_notified_on,
  recorded_by, recorded_by_name, ${TS('recorded_at')} AS recorded_at`;

const workOf = (row: WorkRow): WorkAuthorisation => ({
  id: row.id,
  personId: row.person_id,
  countryCode: row.country_code,
  basis: row.basis,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  employerNotifiedOn: row.employer_notified_on,
  recordedBy: { id: row.recorded_by, name: row.recorded_by_name },
  recordedAt: iso(row.recorded_at),
});

export async function insertWorkAuthorisation(
  executor: Db,
  record: Omit<WorkAuthorisation, 'recordedAt'>,
): Promise<WorkAuthorisation> {
  const [row] = await queryRows<WorkRow>(
    executor,
    sql`INSERT INTO work_authorisations (id, person_id, country_code, basis, valid_from,
          valid_until, employer_notified_on, recorded_at, recorded_by, recorded_by_name)
        VALUES (${record.id}, ${record.personId}, ${record.countryCode}, ${record.basis},
          ${record.validFrom}, ${record.validUntil}, ${record.employerNotifiedOn}, now(),
          ${record.recordedBy.id}, ${record.recordedBy.name})
        RETURNING ${WORK_COLUMNS}`,
  );
  if (!row) {
    throw new Error('insert into work_authorisations returned nothing');
  }
  return workOf(row);
}

export async function listWorkAuthorisations(
  executor: Db,
  personId: string,
): Promise<WorkAuthorisation[]> {
  const rows = await queryRows<WorkRow>(
    executor,
    sql`SELECT ${WORK_COLUMNS} FROM work_authorisations WHERE person_id = ${personId}
         ORDER BY valid_from DESC, recorded_at DESC`,
  );
  return rows.map(workOf);
}

interface SchoolRow {
  id: string;
  person_id: string;
  country_code: string;
  status: SchoolEnrolment['status'];
  school_name: string | null;
  place: string | null;
  school_year: string | null;
  requested_on: string;
  enrolled_on: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  updated_at: string;
}

const SCHOOL_COLUMNS = sql`id, person_id, country_code, status, school_name, place, school_year,
  ${DAY('requested_on')} AS requested_on, ${DAY('enrolled_on')} AS enrolled_on, recorded_by,
  recorded_by_name, ${TS('updated_at')} AS updated_at`;

const schoolOf = (row: SchoolRow): SchoolEnrolment => ({
  id: row.id,
  personId: row.person_id,
  countryCode: row.country_code,
  status: row.status,
  schoolName: row.school_name,
  place: row.place,
  schoolYear: row.school_year,
  requestedOn: row.requested_on,
  enrolledOn: row.enrolled_on,
  recordedBy: { id: row.recorded_by, name: row.recorded_by_name },
  updatedAt: iso(row.updated_at),
});

export async function insertSchoolEnrolment(
  executor: Db,
  record: Omit<SchoolEnrolment, 'updatedAt'>,
): Promise<SchoolEnrolment> {
  const [row] = await queryRows<SchoolRow>(
    executor,
    sql`INSERT INTO school_enrolments (id, person_id, country_code, status, school_name, place,
          school_year, requested_on, enrolled_on, recorded_by, recorded_by_name, updated_at)
        VALUES (${record.id}, ${record.personId}, ${record.countryCode}, ${record.status},
          ${record.schoolName}, ${record.place}, ${record.schoolYear}, ${record.requestedOn},
          ${record.enrolledOn}, ${record.recordedBy.id}, ${record.recordedBy.name}, now())
        RETURNING ${SCHOOL_COLUMNS}`,
  );
  if (!row) {
    throw new Error('insert into school_enrolments returned nothing');
  }
  return schoolOf(row);
}

export async function findSchoolEnrolment(
  executor: Db,
  id: string,
  countries: readonly string[],
): Promise<SchoolEnrolment | undefined> {
  const [row] = await queryRows<SchoolRow>(
    executor,
    sql`SELECT ${SCHOOL_COLUMNS} FROM school_enrolments
         WHERE id = ${id} AND country_code = ANY(${sql.param(countries)}::text[]) FOR UPDATE`,
  );
  return row ? schoolOf(row) : undefined;
}

export async function updateSchoolEnrolment(
  executor: Db,
  enrolment: SchoolEnrolment,
): Promise<SchoolEnrolment> {
  const [row] = await queryRows<SchoolRow>(
    executor,
    sql`UPDATE school_enrolments
           SET status = ${enrolment.status}, school_name = ${enrolment.schoolName},
               place = ${enrolment.place}, enrolled_on = ${enrolment.enrolledOn},
               recorded_by = ${enrolment.recordedBy.id},
               recorded_by_name = ${enrolment.recordedBy.name}, updated_at = now()
         WHERE id = ${enrolment.id}
        RETURNING ${SCHOOL_COLUMNS}`,
  );
  if (!row) {
    throw new Error('school enrolment vanished during its update');
  }
  return schoolOf(row);
}

export async function listSchoolEnrolments(
  executor: Db,
  personId: string,
): Promise<SchoolEnrolment[]> {
  const rows = await queryRows<SchoolRow>(
    executor,
    sql`SELECT ${SCHOOL_COLUMNS} FROM school_enrolments WHERE person_id = ${personId}
         ORDER BY requested_on DESC, updated_at DESC`,
  );
  return rows.map(schoolOf);
}

export interface RegisteredPerson {
  readonly personId: string;
  readonly householdId: string;
  readonly birthDate: PartialDate;
  readonly nationality: string;
  readonly relationshipToHead: string;
  /** The day of arrival, or of registration when the arrival day was not recorded. */
  readonly arrivedOn: string;
}

/**
 * Members of the first households registered in a country (oldest registrations first), for
 * the demo data: households of at least `minMembers`, without any protection record yet.
 */
export async function listRegisteredHouseholds(
  executor: Db,
  countryCode: string,
  households: number,
  minMembers = 1,
): Promise<RegisteredPerson[]> {
  const rows = await queryRows<{
    person_id: string;
    household_id: string;
    birth_date: string;
    nationality: string;
    relationship_to_head: string;
    arrived_on: string;
  }>(
    executor,
    sql`WITH chosen AS (
          SELECT r.household_id,
                 to_char(coalesce(r.arrival_date, (r.registered_at AT TIME ZONE 'UTC')::date), 'YYYY-MM-DD') AS arrived_on
            FROM registrations r JOIN sites s ON s.id = r.site_id
           WHERE s.country_code = ${countryCode}
             AND (SELECT count(*) FROM persons p WHERE p.household_id = r.household_id
                   AND p.erased_at IS NULL) >= ${minMembers}
             AND NOT EXISTS (SELECT 1 FROM persons p JOIN protection_status_events e ON e.person_id = p.id
                              WHERE p.household_id = r.household_id)
           ORDER BY r.registered_at, r.id
           LIMIT ${households})
        SELECT p.id AS person_id, p.household_id, p.birth_date, p.nationality::text AS nationality,
               p.relationship_to_head, chosen.arrived_on
          FROM chosen JOIN persons p ON p.household_id = chosen.household_id
         WHERE p.erased_at IS NULL
         ORDER BY chosen.arrived_on, p.household_id, p.position`,
  );
  return rows.map((row) => ({
    personId: row.person_id,
    householdId: row.household_id,
    birthDate: row.birth_date as PartialDate,
    nationality: row.nationality,
    relationshipToHead: row.relationship_to_head,
    arrivedOn: row.arrived_on,
  }));
}

/**
 * On erasure of a person (subject-rights/queries.ts erasePerson): the identifying facts of their
 * assessments go (birth date, nationality, family link); recommendations, decisions and the
 * status timeline stay as the record of decisions taken, naming no one. Run in the erasure's
 * transaction.
 */
export async function eraseProtectionFacts(executor: Db, personId: string): Promise<void> {
  await executor.execute(
    sql`UPDATE eligibility_assessments
           SET facts = facts - 'birthDate' - 'nationality' - 'familyLink'
                       || '{"erased": true}'::jsonb
         WHERE person_id = ${personId}`,
  );
  await executor.execute(
    sql`UPDATE school_enrolments SET school_name = NULL, place = NULL WHERE person_id = ${personId}`,
  );
}

/** Everything held on a person's protection, for a data-subject access request (GDPR Art. 15). */
export async function protectionSubjectData(executor: Db, personId: string) {
  const [assessments, events, workAuthorisations, schoolEnrolments] = [
    await queryRows<AssessmentRow>(
      executor,
      sql`SELECT ${ASSESSMENT_COLUMNS} FROM eligibility_assessments WHERE person_id = ${personId}
           ORDER BY assessed_at`,
    ),
    await listStatusEvents(executor, [personId]),
    await listWorkAuthorisations(executor, personId),
    await listSchoolEnrolments(executor, personId),
  ];
  return {
    assessments: assessments.map(assessmentOf),
    statusEvents: events.map(statusEventView),
    workAuthorisations,
    schoolEnrolments,
  };
}

/**
 * Identities with more than one active status on a day, touching the given countries: the same
 * person active in two countries, or two records of one identity cluster both active (granted
 * before the dedup run linked them). Only candidates are scanned: persons with statuses in
 * several countries and persons in multi-person clusters.
 */
/** An identity's active statuses, whole: the routes apply the cross-country rule before showing. */
export interface IdentityDuplicate {
  readonly identityId: string;
  readonly statuses: {
    personId: string;
    countryCode: string;
    status: ProtectionStatus;
    category: ProtectionCategory | null;
    effectiveOn: string;
    validUntil: string | null;
  }[];
}

export async function listDuplicateActiveStatuses(
  executor: Db,
  filter: { countries: readonly string[]; onDate: string; limit: number },
): Promise<IdentityDuplicate[]> {
  const rows = await queryRows<{
    identity_id: string;
    person_id: string;
    country_code: string;
    status: ProtectionStatus;
    category: ProtectionCategory | null;
    effective_on: string;
    valid_until: string | null;
  }>(
    executor,
    sql`WITH candidates AS (
          SELECT person_id FROM identity_clusters
           WHERE cluster_id IN (SELECT cluster_id FROM identity_clusters
                                 GROUP BY cluster_id HAVING count(*) > 1)
          UNION
          SELECT person_id FROM protection_status_events
           GROUP BY person_id HAVING count(DISTINCT country_code) > 1
        ), current AS (
          SELECT DISTINCT ON (e.person_id, e.country_code)
                 e.person_id, e.country_code, e.status, e.category, e.effective_on, e.valid_until
            FROM protection_status_events e JOIN candidates USING (person_id)
           ORDER BY e.person_id, e.country_code, e.effective_on DESC, e.recorded_at DESC
        ), active AS (
          SELECT current.*, coalesce(c.cluster_id, current.person_id) AS identity_id
            FROM current LEFT JOIN identity_clusters c ON c.person_id = current.person_id
           WHERE current.status IN ('granted', 'document-issued', 'extended')
             AND current.effective_on <= ${filter.onDate}
             AND (current.valid_until IS NULL OR current.valid_until > ${filter.onDate})
        ), duplicated AS (
          SELECT identity_id FROM active GROUP BY identity_id
          HAVING count(*) > 1
             AND bool_or(country_code = ANY(${sql.param(filter.countries)}::text[]))
           ORDER BY identity_id LIMIT ${filter.limit}
        )
        SELECT a.identity_id, a.person_id, a.country_code, a.status, a.category,
               to_char(a.effective_on, 'YYYY-MM-DD') AS effective_on,
               to_char(a.valid_until, 'YYYY-MM-DD') AS valid_until
          FROM active a JOIN duplicated USING (identity_id)
         ORDER BY a.identity_id, a.effective_on, a.country_code`,
  );
  const byIdentity = new Map<string, IdentityDuplicate>();
  for (const row of rows) {
    const duplicate = byIdentity.get(row.identity_id) ?? {
      identityId: row.identity_id,
      statuses: [],
    };
    duplicate.statuses.push({
      personId: row.person_id,
      countryCode: row.country_code,
      status: row.status,
      category: row.category,
      effectiveOn: row.effective_on,
      validUntil: row.valid_until,
    });
    byIdentity.set(row.identity_id, duplicate);
  }
  return [...byIdentity.values()];
}
