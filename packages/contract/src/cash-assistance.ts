// contract: ready
/**
 * Cash assistance (issue 6 item 4): programmes as versioned rules data, enrolment of households
 * with an active protection status, the payment schedule, disbursement batches built once per
 * programme period with the cross-country duplicate guard (held payments go to review), the
 * provider export, reconciliation of the provider's result file, and the double-entry ledger.
 * Amounts are integers of the currency's minor unit (`amountMinor`, grosz/bani) with an ISO 4217
 * currency; never floats.
 *
 * Endpoints (all under /api/v1; a programme is in scope when its country is among the caller's
 * countries, otherwise 404):
 *   GET  /cash/programme-templates              cash:read    the rules data: transfer values, periods, sources
 *   GET  /cash/programmes                       cash:read    programmes in scope
 *   POST /cash/programmes                       cash:manage  open a programme from a template (201)
 *   GET  /cash/programmes/:id                   cash:read    one programme with enrolment/batch counts and its ledger balances
 *   GET  /cash/programmes/:id/enrolments        cash:read    enrolments of the programme (keyset page, ?after=)
 *   POST /cash/programmes/:id/enrolments        cash:enrol   enrol a household (members with an active status in the programme's country); 201, 409 already enrolled, 422 refused with reasons
 *   GET  /cash/enrolments/:id                   cash:read    one enrolment: members, schedule with each period's payment state
 *   POST /cash/enrolments/:id/closure           cash:enrol   close an enrolment from a day, with a reason (later periods are not paid)
 *   GET  /persons/:id/cash-assistance           cash:read    a person's enrolments, payments and holds in programmes in scope
 *   GET  /cash/programmes/:id/batches           cash:read    batches of the programme
 *   POST /cash/programmes/:id/batches           cash:manage  build the batch of a period: 201 built, 200 the existing batch (idempotent)
 *   GET  /cash/batches/:id                      cash:read    a batch: totals, persons paid/held, reconciliation state, ledger proof
 *   GET  /cash/batches/:id/payments             cash:read    the batch's payment lines (keyset page, ?after=)
 *   GET  /cash/batches/:id/export               cash:manage  CSV for the payment provider (text/csv; only what the provider needs)
 *   POST /cash/batches/:id/reconciliation       cash:manage  import the provider's result CSV (text/csv body): paid/failed per line → postings; mismatches reported
 *   GET  /cash/holds                            cash:read    held payments in scope (open by default; ?programmeId=, ?state=)
 *   POST /cash/holds/:id/decision               cash:manage  release (pays the household's top-up) or cancel a hold, with a reason
 *   GET  /cash/programmes/:id/ledger            cash:read    trial balance per account and the latest postings
 */
import {
  ASSISTANCE_KINDS,
  CURRENCIES,
  HOLD_REASONS,
  LEDGER_ACCOUNT_KINDS,
  PAYMENT_LINE_KINDS,
  POSTING_KINDS,
  isPeriodKey,
} from '@haven/core';
import { z } from 'zod';
import { CalendarDate, Id, SingleLine } from './fields.js';

export const Currency = z.enum(CURRENCIES);
export const AssistanceKind = z.enum(ASSISTANCE_KINDS);
export const HoldReason = z.enum(HOLD_REASONS);
export const LedgerAccountKind = z.enum(LEDGER_ACCOUNT_KINDS);
export const PostingKind = z.enum(POSTING_KINDS);

/** A calendar month, 'YYYY-MM'. */
export const PeriodKey = z
  .string()
  .refine(isPeriodKey, { message: "Must be a month as 'YYYY-MM'" })
  .describe("A calendar month, 'YYYY-MM'");

const Reason = SingleLine(500);

const MinorAmount = z
  .number()
  .int()
  .describe('Integer amount in the minor unit of the currency (grosz, bani)');

export const Money = z
  .object({ amountMinor: MinorAmount, currency: Currency })
  .meta({ id: 'Money' });
export type Money = z.infer<typeof Money>;

export const TransferValue = z
  .object({
    firstPersonMinor: MinorAmount,
    additionalPersonMinor: MinorAmount,
    householdCapMinor: MinorAmount.nullable(),
  })
  .meta({ id: 'TransferValue' });

export const ProgrammeSource = z
  .object({ title: z.string(), url: z.string().nullable(), verified: z.boolean() })
  .meta({ id: 'ProgrammeSource' });

export const ProgrammeTemplate = z
  .object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    countryCode: z.string(),
    currency: Currency,
    assistanceKind: AssistanceKind,
    transfer: TransferValue,
    periodsPerEnrolment: z.number().int(),
    validFrom: z.string(),
    validTo: z.string(),
    source: ProgrammeSource,
  })
  .meta({ id: 'ProgrammeTemplate' });
export type ProgrammeTemplate = z.infer<typeof ProgrammeTemplate>;

export const ProgrammeTemplateList = z
  .object({ items: z.array(ProgrammeTemplate) })
  .meta({ id: 'ProgrammeTemplateList' });

export const NewProgramme = z
  .strictObject({
    templateId: SingleLine(100).describe('A programme template id, e.g. UNHCR-PL-MPCA-2022'),
    name: SingleLine(200).optional().describe("Defaults to the template's name"),
  })
  .meta({ id: 'NewProgramme' });
export type NewProgramme = z.infer<typeof NewProgramme>;

export const Programme = z
  .object({
    id: z.string(),
    name: z.string(),
    countryCode: z.string(),
    currency: Currency,
    assistanceKind: AssistanceKind,
    templateId: z.string(),
    rulesVersion: z.number().int(),
    transfer: TransferValue,
    periodsPerEnrolment: z.number().int(),
    validFrom: z.string(),
    validTo: z.string(),
    source: ProgrammeSource,
    createdAt: z.string(),
    createdByName: z.string(),
  })
  .meta({ id: 'Programme' });
export type Programme = z.infer<typeof Programme>;

export const LedgerBalance = z
  .object({
    account: LedgerAccountKind,
    /** Debits minus credits; the balances of one programme sum to zero. */
    balanceMinor: MinorAmount,
    currency: Currency,
  })
  .meta({ id: 'LedgerBalance' });

export const ProgrammeDetail = Programme.extend({
  activeEnrolments: z.number().int(),
  enrolledPersons: z.number().int(),
  batches: z.number().int(),
  openHolds: z.number().int(),
  balances: z.array(LedgerBalance),
}).meta({ id: 'ProgrammeDetail' });

export const ProgrammeList = z.object({ items: z.array(Programme) }).meta({ id: 'ProgrammeList' });

export const EnrolmentStatus = z.enum(['active', 'closed']);

export const NewEnrolment = z
  .strictObject({
    householdId: Id,
    personIds: z
      .array(Id)
      .min(1)
      .max(30)
      .optional()
      .describe('Members to enrol; all members of the household when left out'),
    recipientPersonId: Id.describe('The member who receives the money (an adult enrolled member)'),
    enrolledOn: CalendarDate.describe(
      'First day of the enrolment; the schedule starts in its month',
    ),
  })
  .meta({ id: 'NewEnrolment' });
export type NewEnrolment = z.infer<typeof NewEnrolment>;

export const EnrolmentClosure = z
  .strictObject({ closedOn: CalendarDate, reason: Reason })
  .meta({ id: 'EnrolmentClosure' });
export type EnrolmentClosure = z.infer<typeof EnrolmentClosure>;

export const EnrolledMember = z
  .object({
    personId: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    birthDate: z.string(),
    isRecipient: z.boolean(),
  })
  .meta({ id: 'EnrolledMember' });

export const EnrolmentSummary = z
  .object({
    id: z.string(),
    programmeId: z.string(),
    programmeName: z.string(),
    householdId: z.string(),
    status: EnrolmentStatus,
    enrolledOn: z.string(),
    closedOn: z.string().nullable(),
    memberCount: z.number().int(),
    recipientName: z.string(),
    entitlement: Money.describe("One period's amount for the enrolled household size"),
    enrolledAt: z.string(),
    enrolledByName: z.string(),
  })
  .meta({ id: 'EnrolmentSummary' });
export type EnrolmentSummary = z.infer<typeof EnrolmentSummary>;

export const EnrolmentPage = z
  .object({ items: z.array(EnrolmentSummary), nextAfter: z.string().nullable() })
  .meta({ id: 'EnrolmentPage' });

export const PeriodPaymentState = z.enum(['not-built', 'paid', 'partly-held', 'held', 'missed']);

export const ScheduledPeriod = z
  .object({
    period: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    state: PeriodPaymentState.describe(
      'not-built: no batch yet; missed: the batch of the period was built without this household',
    ),
    batchId: z.string().nullable(),
    paid: Money.nullable(),
  })
  .meta({ id: 'ScheduledPeriod' });

export const Enrolment = EnrolmentSummary.extend({
  members: z.array(EnrolledMember),
  schedule: z.array(ScheduledPeriod),
  closureReason: z.string().nullable(),
}).meta({ id: 'Enrolment' });
export type Enrolment = z.infer<typeof Enrolment>;

/** Why an enrolment or payment was refused; one entry per person concerned. */
export const CashRefusal = z
  .object({
    personId: z.string().nullable(),
    code: z.string().describe('e.g. status-ceased, no-protection-status, out-of-scope'),
    reason: z.string(),
  })
  .meta({ id: 'CashRefusal' });

export const BatchState = z.enum(['built', 'exported', 'reconciled']);

export const NewBatch = z.strictObject({ period: PeriodKey }).meta({ id: 'NewBatch' });
export type NewBatch = z.infer<typeof NewBatch>;

export const LedgerProof = z
  .object({
    /** Sum of every posting line of the programme: zero when the ledger balances. */
    ledgerSumMinor: MinorAmount,
    /** What the batch's postings committed (batch commitment + hold releases). */
    committedMinor: MinorAmount,
    /** Sum of the batch's payment lines: equals committedMinor. */
    paymentLinesMinor: MinorAmount,
    balanced: z.boolean(),
  })
  .meta({ id: 'LedgerProof' });

export const Batch = z
  .object({
    id: z.string(),
    programmeId: z.string(),
    programmeName: z.string(),
    period: z.string(),
    state: BatchState,
    currency: Currency,
    total: Money,
    payments: z.number().int(),
    personsPaid: z.number().int(),
    personsHeld: z.number().int(),
    heldByReason: z.record(z.string(), z.number().int()),
    paidConfirmed: Money,
    failed: Money,
    outstanding: Money,
    builtAt: z.string(),
    builtByName: z.string(),
    exportedAt: z.string().nullable(),
    reconciledAt: z.string().nullable(),
    ledger: LedgerProof,
  })
  .meta({ id: 'Batch' });
export type Batch = z.infer<typeof Batch>;

export const BatchList = z.object({ items: z.array(Batch) }).meta({ id: 'BatchList' });

/** 'nothing-to-pay': a zero-amount covered-at-cap line, never sent to the provider. */
export const PaymentOutcome = z.enum(['pending', 'paid', 'failed', 'nothing-to-pay']);

export const PaymentLine = z
  .object({
    id: z.string(),
    reference: z.string().describe('Stable reference the provider echoes back'),
    kind: z.enum(PAYMENT_LINE_KINDS),
    enrolmentId: z.string(),
    householdId: z.string(),
    recipientPersonId: z.string(),
    recipientName: z.string(),
    personsCovered: z.number().int(),
    amount: Money,
    outcome: PaymentOutcome,
    failureReason: z.string().nullable(),
  })
  .meta({ id: 'PaymentLine' });
export type PaymentLine = z.infer<typeof PaymentLine>;

export const PaymentPage = z
  .object({ items: z.array(PaymentLine), nextAfter: z.string().nullable() })
  .meta({ id: 'PaymentPage' });

export const HoldState = z.enum(['open', 'released', 'cancelled']);

export const Hold = z
  .object({
    id: z.string(),
    batchId: z.string(),
    programmeId: z.string(),
    programmeName: z.string(),
    period: z.string(),
    enrolmentId: z.string(),
    personId: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    reason: HoldReason,
    /**
     * For paid-elsewhere / duplicate-in-batch: where the identity was already paid. The other
     * record's person id only when the caller's countries include that country (core
     * seesPersonDetailsIn); otherwise null.
     */
    conflict: z
      .object({
        programmeName: z.string(),
        countryCode: z.string(),
        period: z.string(),
        personId: z
          .string()
          .nullable()
          .describe("The paid record's person; null outside the caller's countries"),
      })
      .nullable(),
    state: HoldState,
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decisionReason: z.string().nullable(),
    releasedPaymentId: z.string().nullable(),
  })
  .meta({ id: 'Hold' });
export type Hold = z.infer<typeof Hold>;

export const HoldQuery = z.strictObject({
  programmeId: Id.optional(),
  batchId: Id.optional(),
  state: HoldState.default('open'),
  after: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type HoldQuery = z.infer<typeof HoldQuery>;

export const HoldPage = z
  .object({ items: z.array(Hold), nextAfter: z.string().nullable() })
  .meta({ id: 'HoldPage' });

export const HoldDecision = z
  .strictObject({
    decision: z.enum(['release', 'cancel']),
    reason: Reason.describe('Why: e.g. "different person: birth dates and documents differ"'),
  })
  .meta({ id: 'HoldDecision' });
export type HoldDecision = z.infer<typeof HoldDecision>;

export const PageQuery = z.strictObject({
  after: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const ReconciliationMismatch = z
  .object({
    row: z.number().int().describe('1-based data row of the file'),
    reference: z.string(),
    code: z.enum([
      'unknown-reference',
      'amount-differs',
      'already-reconciled',
      'missing-from-file',
      'duplicate-row',
    ]),
    message: z.string(),
  })
  .meta({ id: 'ReconciliationMismatch' });

export const ReconciliationReport = z
  .object({
    id: z.string(),
    batchId: z.string(),
    rows: z.number().int(),
    paid: Money,
    failed: Money,
    paidCount: z.number().int(),
    failedCount: z.number().int(),
    mismatches: z.array(ReconciliationMismatch),
    importedAt: z.string(),
    importedByName: z.string(),
  })
  .meta({ id: 'ReconciliationReport' });
export type ReconciliationReport = z.infer<typeof ReconciliationReport>;

/** Header of the provider's result file, in this order. */
export const RECONCILIATION_COLUMNS = [
  'reference',
  'outcome',
  'amount',
  'currency',
  'provider_reference',
  'failure_reason',
] as const;

/** Header of the provider export, in this order. */
export const PROVIDER_EXPORT_COLUMNS = [
  'reference',
  'recipient_given_name',
  'recipient_family_name',
  'recipient_birth_date',
  'recipient_document_number',
  'amount',
  'currency',
  'period',
] as const;

export const LedgerPostingLine = z
  .object({ account: LedgerAccountKind, amountMinor: MinorAmount, currency: Currency })
  .meta({ id: 'LedgerPostingLine' });

export const LedgerPosting = z
  .object({
    id: z.string(),
    kind: PostingKind,
    batchId: z.string().nullable(),
    memo: z.string(),
    postedAt: z.string(),
    postedByName: z.string(),
    lines: z.array(LedgerPostingLine),
  })
  .meta({ id: 'LedgerPosting' });

export const Ledger = z
  .object({
    programmeId: z.string(),
    currency: Currency,
    balances: z.array(LedgerBalance),
    sumMinor: MinorAmount.describe('Zero when the ledger balances'),
    postings: z.array(LedgerPosting).describe('The latest 100 postings, newest first'),
  })
  .meta({ id: 'Ledger' });

export const PersonCashAssistance = z
  .object({
    personId: z.string(),
    enrolments: z.array(EnrolmentSummary),
    payments: z.array(
      z.object({
        paymentId: z.string(),
        batchId: z.string(),
        programmeName: z.string(),
        countryCode: z.string(),
        period: z.string(),
        amount: Money.describe("The household's payment that covered this person"),
        outcome: PaymentOutcome,
      }),
    ),
    holds: z.array(Hold),
  })
  .meta({ id: 'PersonCashAssistance' });
export type PersonCashAssistance = z.infer<typeof PersonCashAssistance>;

export const CashIdParams = z.strictObject({ id: Id });
