/**
 * Temporary protection (issue 6 items 1–3, issue 7 item 4): eligibility assessments with the
 * caseworker's decision, the append-only status timeline per person and host country, conflict
 * cases across countries, and the records that put rights into effect (work authorisations,
 * school enrolments). Dates are 'YYYY-MM-DD' strings; timestamps ISO strings.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  check,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { hostCountries, persons, users } from '../schema.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const day = (name: string) => date(name, { mode: 'string' });

/**
 * Facts → recommendation under a rules version, then the human decision (GDPR Art. 22: a
 * recommendation alone never grants anything). Facts hold no free text and no document numbers.
 */
export const eligibilityAssessments = pgTable(
  'eligibility_assessments',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    countryCode: char('country_code', { length: 2 })
      .notNull()
      .references(() => hostCountries.code),
    /** The rules regime applied ('PL', 'MD', or 'EU' for the default of Decision 2022/382). */
    regime: text('regime').notNull(),
    onDate: day('on_date').notNull(),
    rulesVersion: text('rules_version').notNull(),
    facts: jsonb('facts').notNull(),
    /** 'eligible' | 'not-eligible' | 'needs-evidence', and the whole answer in `recommendation`. */
    recommendationKind: text('recommendation_kind').notNull(),
    recommendedCategory: text('recommended_category'),
    ruleId: text('rule_id'),
    ruleVersion: text('rule_version'),
    recommendation: jsonb('recommendation').notNull(),
    assessedAt: at('assessed_at').notNull(),
    assessedBy: uuid('assessed_by').references(() => users.id),
    assessedByName: text('assessed_by_name').notNull(),
    /** The human decision: 'confirmed' | 'overridden'; null until decided. */
    decision: text('decision'),
    decidedEligible: boolean('decided_eligible'),
    decidedCategory: text('decided_category'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedByName: text('decided_by_name'),
    decidedAt: at('decided_at'),
  },
  (t) => [
    index('eligibility_assessments_person_idx').on(t.personId, t.countryCode, t.assessedAt),
    check(
      'eligibility_assessments_override_reason',
      sql`${t.decision} is distinct from 'overridden' or ${t.decisionReason} is not null`,
    ),
  ],
);

/** Conflict cases: a grant requested while the person (or their identity) is active elsewhere. */
export const protectionCases = pgTable(
  'protection_cases',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    countryCode: char('country_code', { length: 2 })
      .notNull()
      .references(() => hostCountries.code),
    /**
     * active-elsewhere: a grant held because the identity is active in another country;
     * active-after-grant: both statuses were granted before the duplicate was known (a later
     * dedup run), opened from /protection-duplicates.
     */
    kind: text('kind').notNull(),
    /** The grant held while the case is open: { status, category, effectiveOn, validUntil, assessmentId }. */
    heldEvent: jsonb('held_event').notNull(),
    /** The statuses it conflicts with, as found when the case was opened. */
    conflicting: jsonb('conflicting').notNull(),
    /** Every country the case touches, for scope filters (the held one and the conflicting ones). */
    countries: text('countries').array().notNull(),
    /**
     * The pairs of statuses the case is about, each 'personId|country~personId|country' sorted:
     * a pair found again as a duplicate never opens a second case.
     */
    pairKeys: text('pair_keys')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    state: text('state').notNull(),
    openedAt: at('opened_at').notNull(),
    openedBy: uuid('opened_by').references(() => users.id),
    openedByName: text('opened_by_name').notNull(),
    outcome: text('outcome'),
    resolutionReason: text('resolution_reason'),
    resolvedAt: at('resolved_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedByName: text('resolved_by_name'),
  },
  (t) => [
    index('protection_cases_person_idx').on(t.personId),
    index('protection_cases_state_idx').on(t.state, t.openedAt),
    index('protection_cases_pair_keys_idx').using('gin', t.pairKeys),
  ],
);

/**
 * The status timeline: append-only, one row per change (the agreed shape other areas read
 * through temporary-protection/current-status.ts). The current status of a person in a country
 * is the row with the latest (effective_on, recorded_at).
 */
export const protectionStatusEvents = pgTable(
  'protection_status_events',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    countryCode: char('country_code', { length: 2 })
      .notNull()
      .references(() => hostCountries.code),
    /** applied | granted | document-issued | extended | suspended | lapsed | ceased */
    status: text('status').notNull(),
    category: text('category'),
    effectiveOn: day('effective_on').notNull(),
    validUntil: day('valid_until'),
    /** A reason code (core STATUS_REASONS), never free text. */
    reason: text('reason'),
    /** The confirmed assessment a grant rests on. */
    assessmentId: uuid('assessment_id').references(() => eligibilityAssessments.id),
    /** The conflict case whose resolution recorded this event. */
    caseId: uuid('case_id').references(() => protectionCases.id),
    recordedAt: at('recorded_at').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedByName: text('recorded_by_name').notNull(),
  },
  (t) => [
    index('protection_status_events_person_idx').on(
      t.personId,
      t.countryCode,
      t.effectiveOn,
      t.recordedAt,
    ),
    index('protection_status_events_country_idx').on(t.countryCode, t.status),
  ],
);

/** The right to work put into effect (e.g. PL: the employer's notification to the labour office). */
export const workAuthorisations = pgTable(
  'work_authorisations',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    countryCode: char('country_code', { length: 2 })
      .notNull()
      .references(() => hostCountries.code),
    basis: text('basis').notNull(),
    validFrom: day('valid_from').notNull(),
    validUntil: day('valid_until'),
    employerNotifiedOn: day('employer_notified_on'),
    recordedAt: at('recorded_at').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedByName: text('recorded_by_name').notNull(),
  },
  (t) => [index('work_authorisations_person_idx').on(t.personId, t.countryCode)],
);

/** A minor's school enrolment (TPD Art. 14); placement in a school comes later (issue 8). */
export const schoolEnrolments = pgTable(
  'school_enrolments',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    countryCode: char('country_code', { length: 2 })
      .notNull()
      .references(() => hostCountries.code),
    status: text('status').notNull(),
    schoolName: text('school_name'),
    place: text('place'),
    schoolYear: text('school_year'),
    requestedOn: day('requested_on').notNull(),
    enrolledOn: day('enrolled_on'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedByName: text('recorded_by_name').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('school_enrolments_person_idx').on(t.personId, t.countryCode)],
);
