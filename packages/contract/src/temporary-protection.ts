// contract: ready
/**
 * Temporary protection (issue 6 items 1–3, issue 7 item 4): eligibility assessed from a
 * person's facts against versioned rules data, confirmed or overridden by a named caseworker
 * (GDPR Art. 22 — a recommendation alone never grants anything), the status timeline per host
 * country, the rights that follow with their legal citations, conflict cases across countries,
 * and the work-authorisation and school-enrolment records.
 *
 * Endpoints (all under /api/v1; scope = the person's registration country or the status's
 * country must be among the caller's countries, otherwise 404):
 *   GET  /protection-rules                         protection:read    the rules data: categories, country regimes, rights, with citations
 *   POST /persons/:id/eligibility-assessments      protection:decide  facts → recommendation, stored and audited (201)
 *   GET  /eligibility-assessments/:id              protection:read    one assessment with its recommendation and who decided
 *   POST /eligibility-assessments/:id/decision     protection:decide  confirm, or override with a reason, by the signed-in caseworker
 *   GET  /persons/:id/protection                   protection:read    per country: timeline, current status, latest assessment, rights with citations and next renewal, records; open cases
 *   POST /persons/:id/protection/events            protection:decide  a status change; 201 recorded, 202 held as a conflict case (grant while active elsewhere), 409/422 refused with a reason
 *   GET  /protection-cases                         protection:read    conflict cases in scope (open by default)
 *   GET  /protection-cases/:id                     protection:read    one case with both statuses
 *   POST /protection-cases/:id/resolution          protection:decide  a caseworker resolves a case with an outcome and a reason
 *   POST /persons/:id/work-authorisations          protection:decide  record a work authorisation (needs an active status with the right to work)
 *   POST /persons/:id/school-enrolments            school-enrolments:record  request school enrolment for a minor with an active status
 *   PATCH /school-enrolments/:id                   school-enrolments:record  mark a school enrolment enrolled or withdrawn, set school name/place
 *   GET  /protection-duplicates                    protection:read    identities holding more than one active status (found after the fact, e.g. by a later dedup run)
 *   POST /protection-duplicates/cases              protection:decide  open a protection case for each such pair in your countries, once per pair (idempotent)
 */
import {
  ANCHOR_CATEGORIES,
  ENTITLEMENT_KINDS,
  EVIDENCE_KINDS,
  FAMILY_RELATIONSHIPS,
  PROTECTION_CATEGORIES,
  PROTECTION_REGIMES,
  PROTECTION_STATUSES,
  STATUS_REASONS,
  UKRAINE_RESIDENCE_TITLES,
  findFactConflicts,
} from '@haven/core';
import { z } from 'zod';
import {
  BirthDate,
  CalendarDate,
  CountryAlpha2,
  Id,
  NationalityCode,
  Timestamp,
} from './fields.js';

export const ProtectionStatus = z.enum(PROTECTION_STATUSES);
export const ProtectionCategory = z.enum(PROTECTION_CATEGORIES);
export const ProtectionRegime = z.enum(PROTECTION_REGIMES);
export const StatusReason = z.enum(STATUS_REASONS);
export const EntitlementKind = z.enum(ENTITLEMENT_KINDS);
export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export const FamilyRelationship = z.enum(FAMILY_RELATIONSHIPS);
export const UkraineResidenceTitle = z.enum(UKRAINE_RESIDENCE_TITLES);

const Reason = z
  .string()
  .overwrite((text) => text.normalize('NFC'))
  .trim()
  .min(1, 'Must not be empty')
  .max(500, 'Must be at most 500 characters')
  .regex(/^[^\p{Cc}]*$/u, 'Must not contain control characters');

export const LegalCitation = z
  .object({
    act: z
      .string()
      .describe("The act as published, e.g. 'Council Implementing Decision (EU) 2022/382'"),
    article: z.string().describe("e.g. 'Art. 2(1)(a)'"),
    url: z.string().nullable(),
    verified: z
      .boolean()
      .describe('False when not backed by the domain reference: check the official text first'),
  })
  .meta({ id: 'LegalCitation' });
export type LegalCitation = z.infer<typeof LegalCitation>;

export const ProtectionRuleRef = z
  .object({
    id: z.string().describe("Stable rule id, e.g. 'PL/TP-2-1-A'"),
    version: z.number().int(),
    validFrom: CalendarDate,
    validTo: CalendarDate.nullable(),
  })
  .meta({ id: 'ProtectionRuleRef' });

export const ProtectionActor = z
  .object({ id: Id.nullable(), name: z.string() })
  .meta({ id: 'ProtectionActor', description: 'Who did it: user id and display name' });

// ---------------------------------------------------------------- eligibility

export const FamilyLinkInput = z
  .strictObject({
    relationship: FamilyRelationship,
    anchorCategory: z
      .enum(ANCHOR_CATEGORIES)
      .describe('Category of the family member protection derives from'),
    anchorPersonId: Id.nullable().default(null),
    familyResidedInUkraineBeforeInvasion: z.boolean().nullable().default(null),
    unmarried: z.boolean().nullable().default(null).describe('Art. 2(4)(b): for a minor child'),
    livedInFamilyUnit: z.boolean().nullable().default(null).describe('Art. 2(4)(c)'),
    whollyOrMainlyDependent: z.boolean().nullable().default(null).describe('Art. 2(4)(c)'),
  })
  .meta({ id: 'FamilyLink' });

/** Facts as a caseworker records them; null means not known yet. No free text. */
export const EligibilityFactsInput = z
  .strictObject({
    birthDate: BirthDate,
    nationality: NationalityCode,
    residedInUkraineBeforeInvasion: z.boolean().nullable().default(null),
    ukraineResidenceTitle: UkraineResidenceTitle.nullable()
      .default(null)
      .describe('Non-Ukrainians only: the title held in Ukraine before 24 Feb 2022'),
    leftUkraineOn: CalendarDate.nullable().default(null),
    arrivedOn: CalendarDate.nullable().default(null).describe('Arrival in the host country'),
    canReturnSafely: z.boolean().nullable().default(null),
    familyLink: FamilyLinkInput.nullable().default(null),
    evidence: z
      .array(EvidenceKind)
      .max(EVIDENCE_KINDS.length)
      .refine((kinds) => new Set(kinds).size === kinds.length, {
        message: 'Must not repeat a kind',
      })
      .default([])
      .describe('Kinds of evidence the caseworker has seen'),
  })
  .meta({ id: 'EligibilityFacts' });
export type EligibilityFactsInput = z.infer<typeof EligibilityFactsInput>;

/** The facts as stored and answered (no input defaults or transforms). */
export const EligibilityFacts = z
  .object({
    birthDate: z.string(),
    nationality: z.string(),
    residedInUkraineBeforeInvasion: z.boolean().nullable(),
    ukraineResidenceTitle: UkraineResidenceTitle.nullable(),
    leftUkraineOn: z.string().nullable(),
    arrivedOn: z.string().nullable(),
    canReturnSafely: z.boolean().nullable(),
    familyLink: z
      .object({
        relationship: FamilyRelationship,
        anchorCategory: z.enum(ANCHOR_CATEGORIES),
        anchorPersonId: z.string().nullable(),
        familyResidedInUkraineBeforeInvasion: z.boolean().nullable(),
        unmarried: z.boolean().nullable(),
        livedInFamilyUnit: z.boolean().nullable(),
        whollyOrMainlyDependent: z.boolean().nullable(),
      })
      .nullable(),
    evidence: z.array(EvidenceKind),
  })
  .meta({ id: 'EligibilityFactsRecord' });
export type EligibilityFacts = z.infer<typeof EligibilityFacts>;

export const NewEligibilityAssessment = z
  .strictObject({
    countryCode: CountryAlpha2.describe('The host country assessing'),
    onDate: CalendarDate.optional().describe('The day the rules are applied for; today by default'),
    facts: EligibilityFactsInput,
  })
  .superRefine((input, ctx) => {
    // Facts that cannot all be true (born after arriving, arriving before leaving, …): every
    // conflicting field is named, so nothing half-true is ever assessed.
    const onDate = input.onDate ?? new Date().toISOString().slice(0, 10);
    for (const conflict of findFactConflicts(input.facts, onDate)) {
      ctx.addIssue({
        code: 'custom',
        path: ['facts', ...conflict.field.split('.')],
        message: conflict.message,
      });
    }
  })
  .meta({ id: 'NewEligibilityAssessment' });
export type NewEligibilityAssessment = z.infer<typeof NewEligibilityAssessment>;

export const EligibilityMissingItem = z
  .object({
    kind: z.enum(['fact', 'evidence']),
    name: z.string().describe('A fact field or an evidence kind'),
    why: z.string(),
  })
  .meta({ id: 'EligibilityMissingItem' });

export const IneligibilityReason = z
  .object({ code: z.string(), message: z.string(), citation: LegalCitation.nullable() })
  .meta({ id: 'IneligibilityReason' });

export const EligibilityRecommendation = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('eligible'),
      category: ProtectionCategory,
      protectionForm: z.enum([
        'temporary-protection',
        'adequate-national-protection',
        'national-temporary-protection',
      ]),
      rule: ProtectionRuleRef,
      citation: z.array(LegalCitation),
      notes: z.array(z.string()),
    }),
    z.object({
      kind: z.literal('not-eligible'),
      rule: ProtectionRuleRef.nullable(),
      reasons: z.array(IneligibilityReason),
    }),
    z.object({
      kind: z.literal('needs-evidence'),
      category: ProtectionCategory.nullable(),
      rule: ProtectionRuleRef.nullable(),
      missing: z.array(EligibilityMissingItem),
    }),
  ])
  .meta({ id: 'EligibilityRecommendation' });
export type EligibilityRecommendation = z.infer<typeof EligibilityRecommendation>;

export const AssessmentDecisionOutcome = z.enum(['confirmed', 'overridden']);

export const AssessmentDecision = z
  .object({
    outcome: AssessmentDecisionOutcome,
    eligible: z.boolean(),
    category: ProtectionCategory.nullable(),
    reason: z.string().nullable(),
    decidedBy: ProtectionActor,
    decidedAt: Timestamp,
  })
  .meta({ id: 'EligibilityDecision' });

export const EligibilityAssessment = z
  .object({
    id: Id,
    personId: Id,
    countryCode: z.string(),
    regime: ProtectionRegime,
    onDate: CalendarDate,
    rulesVersion: z.string().describe('Version of the rules data set the recommendation used'),
    facts: EligibilityFacts,
    recommendation: EligibilityRecommendation,
    assessedBy: ProtectionActor,
    assessedAt: Timestamp,
    decision: AssessmentDecision.nullable().describe('Null until a caseworker decides'),
  })
  .meta({ id: 'EligibilityAssessment' });
export type EligibilityAssessment = z.infer<typeof EligibilityAssessment>;

export const EligibilityDecisionInput = z
  .discriminatedUnion('outcome', [
    z.strictObject({
      outcome: z.literal('confirmed'),
      reason: Reason.optional(),
    }),
    z.strictObject({
      outcome: z.literal('overridden'),
      eligible: z.boolean(),
      category: ProtectionCategory.nullable().default(null).describe('Required when eligible'),
      reason: Reason.describe('Required: why the caseworker departs from the recommendation'),
    }),
  ])
  .superRefine((input, ctx) => {
    if (input.outcome === 'overridden' && input.eligible && input.category === null) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'Is required when eligible' });
    }
    if (input.outcome === 'overridden' && !input.eligible && input.category !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['category'],
        message: 'Must be empty when not eligible',
      });
    }
  })
  .meta({ id: 'NewEligibilityDecision' });
export type EligibilityDecisionInput = z.infer<typeof EligibilityDecisionInput>;

// ---------------------------------------------------------------- status timeline

export const StatusEvent = z
  .object({
    id: Id,
    countryCode: z.string(),
    status: ProtectionStatus,
    category: ProtectionCategory.nullable(),
    reason: StatusReason.nullable(),
    effectiveOn: CalendarDate,
    validUntil: CalendarDate.nullable(),
    assessmentId: Id.nullable(),
    caseId: Id.nullable(),
    recordedBy: ProtectionActor,
    recordedAt: Timestamp,
  })
  .meta({ id: 'ProtectionStatusEvent' });
export type StatusEvent = z.infer<typeof StatusEvent>;

export const NewStatusEvent = z
  .strictObject({
    countryCode: CountryAlpha2,
    status: ProtectionStatus,
    effectiveOn: CalendarDate,
    reason: StatusReason.optional().describe('Required for suspended, lapsed and ceased'),
    validUntil: CalendarDate.optional().describe(
      'Document expiry; by default the end of protection in that country under the rules data',
    ),
  })
  .meta({ id: 'NewProtectionStatusEvent' });
export type NewStatusEvent = z.infer<typeof NewStatusEvent>;

export const Entitlement = z
  .object({
    kind: EntitlementKind,
    granted: z.boolean(),
    conditions: z.array(z.object({ code: z.string(), text: z.string() })),
    citation: z.array(LegalCitation),
    rule: ProtectionRuleRef,
    nextRenewalOn: CalendarDate.nullable().describe('When the status must next be renewed'),
    record: z
      .object({
        type: z.enum(['work-authorisation', 'school-enrolment']),
        id: Id,
        status: z.string(),
      })
      .nullable()
      .describe('The record that puts the right into effect, when one exists'),
  })
  .meta({ id: 'Entitlement' });
export type Entitlement = z.infer<typeof Entitlement>;

export const WorkAuthorisation = z
  .object({
    id: Id,
    personId: Id,
    countryCode: z.string(),
    basis: z.enum(['status', 'employer-notification', 'permit']),
    validFrom: CalendarDate,
    validUntil: CalendarDate.nullable(),
    employerNotifiedOn: CalendarDate.nullable(),
    recordedBy: ProtectionActor,
    recordedAt: Timestamp,
  })
  .meta({ id: 'WorkAuthorisation' });
export type WorkAuthorisation = z.infer<typeof WorkAuthorisation>;

export const NewWorkAuthorisation = z
  .strictObject({
    countryCode: CountryAlpha2,
    basis: z
      .enum(['status', 'employer-notification', 'permit'])
      .describe("'employer-notification': PL Special Act (employer notifies the labour office)"),
    validFrom: CalendarDate,
    employerNotifiedOn: CalendarDate.optional(),
  })
  .meta({ id: 'NewWorkAuthorisation' });
export type NewWorkAuthorisation = z.infer<typeof NewWorkAuthorisation>;

export const SchoolEnrolmentStatus = z.enum(['requested', 'enrolled', 'withdrawn']);

const ShortText = (max: number) =>
  z
    .string()
    .overwrite((text) => text.normalize('NFC'))
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `Must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'Must not contain control characters');

export const SchoolEnrolment = z
  .object({
    id: Id,
    personId: Id,
    countryCode: z.string(),
    status: SchoolEnrolmentStatus,
    schoolName: z.string().nullable(),
    place: z.string().nullable(),
    schoolYear: z.string().nullable(),
    requestedOn: CalendarDate,
    enrolledOn: CalendarDate.nullable(),
    recordedBy: ProtectionActor,
    updatedAt: Timestamp,
  })
  .meta({ id: 'SchoolEnrolment' });
export type SchoolEnrolment = z.infer<typeof SchoolEnrolment>;

export const NewSchoolEnrolment = z
  .strictObject({
    countryCode: CountryAlpha2,
    requestedOn: CalendarDate,
    schoolName: ShortText(200).optional(),
    place: ShortText(200).optional(),
    schoolYear: z
      .string()
      .regex(/^\d{4}\/\d{4}$/, "Must be like '2025/2026'")
      .optional(),
  })
  .meta({ id: 'NewSchoolEnrolment' });
export type NewSchoolEnrolment = z.infer<typeof NewSchoolEnrolment>;

export const SchoolEnrolmentUpdate = z
  .strictObject({
    status: SchoolEnrolmentStatus.optional(),
    enrolledOn: CalendarDate.optional(),
    schoolName: ShortText(200).optional(),
    place: ShortText(200).optional(),
  })
  .meta({ id: 'SchoolEnrolmentUpdate' });
export type SchoolEnrolmentUpdate = z.infer<typeof SchoolEnrolmentUpdate>;

// ---------------------------------------------------------------- conflict cases

export const ProtectionCaseOutcome = z.enum([
  /** Grant here; the status in the other country ceases (protection-elsewhere). */
  'grant-here-cease-elsewhere',
  /** The existing status stays; the held grant is not recorded. */
  'keep-existing',
  /** The identity match was wrong: not the same person; the held grant is recorded. */
  'not-same-person',
]);

export const ConflictingStatus = z
  .object({
    personId: Id.nullable().describe(
      "The same person, or another record of the same identity cluster; null when the caller's countries do not include its country",
    ),
    samePerson: z.boolean(),
    countryCode: z.string(),
    status: ProtectionStatus,
    category: ProtectionCategory.nullable(),
    effectiveOn: CalendarDate,
    validUntil: CalendarDate.nullable(),
  })
  .meta({ id: 'ConflictingProtectionStatus' });

export const ProtectionCase = z
  .object({
    id: Id,
    personId: Id.nullable().describe(
      "The person whose status is held here; null when the caller's countries do not include the case's country",
    ),
    countryCode: z.string().describe('Where the held grant was requested'),
    kind: z
      .enum(['active-elsewhere', 'active-after-grant'])
      .describe(
        'active-elsewhere: a grant held because the identity is active in another country (nothing recorded yet); active-after-grant: both statuses were granted before a later dedup run linked them (heldEvent is the later grant, already in force)',
      ),
    heldEvent: z.object({
      status: ProtectionStatus,
      category: ProtectionCategory.nullable(),
      effectiveOn: CalendarDate,
      validUntil: CalendarDate.nullable(),
      assessmentId: Id.nullable(),
    }),
    conflicting: z.array(ConflictingStatus),
    state: z.enum(['open', 'resolved']),
    openedBy: ProtectionActor,
    openedAt: Timestamp,
    resolution: z
      .object({
        outcome: ProtectionCaseOutcome,
        reason: z.string(),
        resolvedBy: ProtectionActor,
        resolvedAt: Timestamp,
      })
      .nullable(),
  })
  .meta({ id: 'ProtectionCase' });
export type ProtectionCase = z.infer<typeof ProtectionCase>;

export const ProtectionCaseQuery = z.strictObject({
  state: z.enum(['open', 'resolved', 'all']).default('open'),
  limit: z.coerce
    .number({ message: 'Must be a number' })
    .int('Must be a whole number')
    .min(1, 'Must be at least 1')
    .max(200, 'Must be at most 200')
    .default(50),
});
export type ProtectionCaseQuery = z.infer<typeof ProtectionCaseQuery>;

export const ProtectionCasePage = z
  .object({ items: z.array(ProtectionCase) })
  .meta({ id: 'ProtectionCasePage' });

export const ProtectionCaseResolution = z
  .strictObject({ outcome: ProtectionCaseOutcome, reason: Reason })
  .meta({ id: 'NewProtectionCaseResolution' });
export type ProtectionCaseResolution = z.infer<typeof ProtectionCaseResolution>;

export const StatusEventOutcome = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('recorded'), event: StatusEvent }),
    z.object({ outcome: z.literal('held'), case: ProtectionCase }),
  ])
  .meta({ id: 'ProtectionStatusEventOutcome' });
export type StatusEventOutcome = z.infer<typeof StatusEventOutcome>;

// ---------------------------------------------------------------- the person's protection page

export const CountryProtection = z
  .object({
    countryCode: z.string(),
    regime: ProtectionRegime,
    current: StatusEvent.nullable(),
    active: z.boolean(),
    nextStatuses: z.array(ProtectionStatus).describe('Statuses a caseworker may record next'),
    timeline: z.array(StatusEvent).describe('Oldest first'),
    latestAssessment: EligibilityAssessment.nullable(),
    entitlements: z.array(Entitlement).describe('Empty unless the status is active'),
    nextRenewalOn: CalendarDate.nullable(),
    workAuthorisations: z.array(WorkAuthorisation),
    schoolEnrolments: z.array(SchoolEnrolment),
  })
  .meta({ id: 'CountryProtection' });
export type CountryProtection = z.infer<typeof CountryProtection>;

export const PersonProtection = z
  .object({
    personId: Id,
    onDate: CalendarDate,
    registrationCountry: z.string().nullable(),
    countries: z.array(CountryProtection).describe('Countries in the caller scope'),
    openCases: z.array(ProtectionCase),
  })
  .meta({ id: 'PersonProtection' });
export type PersonProtection = z.infer<typeof PersonProtection>;

export const PersonProtectionQuery = z.strictObject({
  onDate: CalendarDate.optional().describe('The day rights are derived for; today by default'),
});

// ---------------------------------------------------------------- rules data

export const ProtectionRules = z
  .object({
    version: z.string(),
    categories: z.array(
      z.object({
        category: ProtectionCategory,
        description: z.string(),
        citation: z.array(LegalCitation),
      }),
    ),
    regimes: z.array(
      z.object({
        regime: ProtectionRegime,
        name: z.string(),
        citation: z.array(LegalCitation),
        categories: z.array(ProtectionCategory),
        protectionEndsOn: CalendarDate,
        absenceRule: z.string().nullable(),
        notes: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'ProtectionRules' });
export type ProtectionRules = z.infer<typeof ProtectionRules>;

export const ProtectionPersonParams = z.strictObject({ id: Id });

// ---------------------------------------------------------------- duplicates found after the fact

/**
 * An identity (one person, or the records of one identity cluster of the newest dedup run) with
 * more than one active status: granted before the duplicate was known. Caseworkers end all but
 * one (status 'ceased', reason 'protection-elsewhere').
 */
export const ProtectionDuplicate = z
  .object({
    identityId: z
      .string()
      .describe('An opaque key of the identity, stable between calls; never a person id'),
    statuses: z.array(
      z.object({
        personId: Id.nullable().describe(
          "The record's person; null when the caller's countries do not include its country (the cross-country rule)",
        ),
        countryCode: z.string(),
        status: ProtectionStatus,
        category: ProtectionCategory.nullable(),
        effectiveOn: CalendarDate,
        validUntil: CalendarDate.nullable(),
      }),
    ),
  })
  .meta({ id: 'ProtectionDuplicate' });
export type ProtectionDuplicate = z.infer<typeof ProtectionDuplicate>;

export const ProtectionDuplicateQuery = z.strictObject({
  onDate: CalendarDate.optional().describe('Statuses in force on this day; today by default'),
  limit: z.coerce
    .number({ message: 'Must be a number' })
    .int('Must be a whole number')
    .min(1, 'Must be at least 1')
    .max(200, 'Must be at most 200')
    .default(50),
});
export type ProtectionDuplicateQuery = z.infer<typeof ProtectionDuplicateQuery>;

export const ProtectionDuplicatePage = z
  .object({ items: z.array(ProtectionDuplicate) })
  .meta({ id: 'ProtectionDuplicatePage' });

export const NewDuplicateCases = z
  .strictObject({
    onDate: CalendarDate.optional().describe('Statuses in force on this day; today by default'),
  })
  .meta({ id: 'NewProtectionDuplicateCases' });
export type NewDuplicateCases = z.infer<typeof NewDuplicateCases>;

export const DuplicateCasesOpened = z
  .object({
    opened: z.array(ProtectionCase).describe('Cases opened by this call'),
    alreadyOpened: z
      .number()
      .int()
      .describe('Pairs in your countries that a case (open or resolved) is already about'),
  })
  .meta({ id: 'ProtectionDuplicateCasesOpened' });
export type DuplicateCasesOpened = z.infer<typeof DuplicateCasesOpened>;
