/**
 * Cash assistance (issue 6 item 4): programmes, enrolments, the double-entry ledger, disbursement
 * batches with their payment lines (and the persons each covers), held payments with their
 * review decisions, and reconciliations of the provider's result files.
 *
 * Append-only where money is concerned: postings and their lines, payment lines, outcomes and hold
 * decisions are only ever inserted (no code path updates or deletes them; a correction is a
 * reversing posting). Amounts are bigint minor units with an ISO 4217 currency.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { hostCountries, households, persons, users } from '../schema.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const day = (name: string) => date(name, { mode: 'string' });
const minor = (name: string) => bigint(name, { mode: 'number' });

export const cashProgrammes = pgTable('cash_programmes', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  countryCode: char('country_code', { length: 2 })
    .notNull()
    .references(() => hostCountries.code),
  currency: char('currency', { length: 3 }).notNull(),
  /** core ASSISTANCE_KINDS: the duplicate guard compares payments of one kind. */
  assistanceKind: text('assistance_kind').notNull(),
  /** The rules template and version the figures were copied from. */
  templateId: text('template_id').notNull(),
  rulesVersion: integer('rules_version').notNull(),
  firstPersonMinor: minor('first_person_minor').notNull(),
  additionalPersonMinor: minor('additional_person_minor').notNull(),
  householdCapMinor: minor('household_cap_minor'),
  periodsPerEnrolment: smallint('periods_per_enrolment').notNull(),
  validFrom: day('valid_from').notNull(),
  validTo: day('valid_to').notNull(),
  sourceTitle: text('source_title').notNull(),
  sourceUrl: text('source_url'),
  sourceVerified: boolean('source_verified').notNull(),
  createdAt: at('created_at').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdByName: text('created_by_name').notNull(),
});

export const cashEnrolments = pgTable(
  'cash_enrolments',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => cashProgrammes.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    recipientPersonId: uuid('recipient_person_id')
      .notNull()
      .references(() => persons.id),
    enrolledOn: day('enrolled_on').notNull(),
    closedOn: day('closed_on'),
    closureReason: text('closure_reason'),
    enrolledAt: at('enrolled_at').notNull(),
    enrolledBy: uuid('enrolled_by').references(() => users.id),
    enrolledByName: text('enrolled_by_name').notNull(),
  },
  (t) => [
    // One open enrolment per household and programme.
    uniqueIndex('cash_enrolments_open_idx')
      .on(t.programmeId, t.householdId)
      .where(sql`closed_on IS NULL`),
    index('cash_enrolments_household_idx').on(t.householdId),
  ],
);

export const cashEnrolmentMembers = pgTable(
  'cash_enrolment_members',
  {
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => cashEnrolments.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
  },
  (t) => [
    primaryKey({ columns: [t.enrolmentId, t.personId] }),
    index('cash_enrolment_members_person_idx').on(t.personId),
  ],
);

/** One account per programme and kind (core LEDGER_ACCOUNT_KINDS), in the programme's currency. */
export const cashLedgerAccounts = pgTable(
  'cash_ledger_accounts',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => cashProgrammes.id),
    kind: text('kind').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
  },
  (t) => [uniqueIndex('cash_ledger_accounts_kind_idx').on(t.programmeId, t.kind)],
);

export const cashBatches = pgTable(
  'cash_batches',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => cashProgrammes.id),
    period: char('period', { length: 7 }).notNull(),
    periodStartsOn: day('period_starts_on').notNull(),
    periodEndsOn: day('period_ends_on').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    /** What the batch committed when built (the batch-commitment posting); top-ups come later. */
    builtTotalMinor: minor('built_total_minor').notNull(),
    personsPaid: integer('persons_paid').notNull(),
    personsHeld: integer('persons_held').notNull(),
    builtAt: at('built_at').notNull(),
    builtBy: uuid('built_by').references(() => users.id),
    builtByName: text('built_by_name').notNull(),
    exportedAt: at('exported_at'),
  },
  // A programme period has one batch: building it twice returns the first (idempotent).
  (t) => [uniqueIndex('cash_batches_period_idx').on(t.programmeId, t.period)],
);

export const cashReconciliations = pgTable(
  'cash_reconciliations',
  {
    id: uuid('id').primaryKey(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => cashBatches.id),
    fileSha256: text('file_sha256').notNull(),
    rows: integer('rows').notNull(),
    paidCount: integer('paid_count').notNull(),
    failedCount: integer('failed_count').notNull(),
    paidMinor: minor('paid_minor').notNull(),
    failedMinor: minor('failed_minor').notNull(),
    /** Reported mismatches (references and codes only, no names). */
    mismatches: jsonb('mismatches').notNull(),
    importedAt: at('imported_at').notNull(),
    importedBy: uuid('imported_by').references(() => users.id),
    importedByName: text('imported_by_name').notNull(),
  },
  (t) => [index('cash_reconciliations_batch_idx').on(t.batchId)],
);

export const cashHolds = pgTable(
  'cash_holds',
  {
    id: uuid('id').primaryKey(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => cashBatches.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => cashProgrammes.id),
    /** With the person, a member of the enrolment (the composite foreign key below). */
    enrolmentId: uuid('enrolment_id').notNull(),
    personId: uuid('person_id').notNull(),
    /** The identity cluster (or the person) the guard compared. */
    identityKey: uuid('identity_key').notNull(),
    /** core HOLD_REASONS */
    reason: text('reason').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('cash_holds_person_idx').on(t.personId),
    // Also serves every "holds of a batch" read (its leading column): a separate batch index
    // would only cost each of a batch's holds one more index insert.
    uniqueIndex('cash_holds_person_batch_idx').on(t.batchId, t.personId),
    // The held person is a member of the enrolment: one check per hold on the members' key
    // (pages the batch's payment lines have just read) instead of two on persons and enrolments.
    foreignKey({
      name: 'cash_holds_member_fk',
      columns: [t.enrolmentId, t.personId],
      foreignColumns: [cashEnrolmentMembers.enrolmentId, cashEnrolmentMembers.personId],
    }),
  ],
);

export const cashPayments = pgTable(
  'cash_payments',
  {
    id: uuid('id').primaryKey(),
    /**
     * The batch exists: checked once per statement like the recipient below, not by a foreign
     * key (a per-row check locked the batch row 400,000 times, seconds of a build).
     */
    batchId: uuid('batch_id').notNull(),
    /** Stable reference the provider echoes back in its result file. */
    reference: text('reference').notNull(),
    /** core PAYMENT_LINE_KINDS: regular (built with the batch), top-up or covered-at-cap (a released hold). */
    kind: text('kind').notNull(),
    /** With the recipient, a member of the enrolment (the composite foreign key below). */
    enrolmentId: uuid('enrolment_id').notNull(),
    recipientPersonId: uuid('recipient_person_id').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    personsCovered: smallint('persons_covered').notNull(),
    /**
     * The persons this payment covers (enrolment members, by construction). With the kind and
     * period denormalised, "who was paid for an overlapping period of this kind" is one index
     * scan; an array rather than a row per person keeps a million-person batch to one row per
     * household.
     */
    coveredPersonIds: uuid('covered_person_ids').array().notNull(),
    assistanceKind: text('assistance_kind').notNull(),
    periodStartsOn: day('period_starts_on').notNull(),
    periodEndsOn: day('period_ends_on').notNull(),
    holdId: uuid('hold_id').references(() => cashHolds.id),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('cash_payments_reference_idx').on(t.reference),
    index('cash_payments_batch_idx').on(t.batchId, t.id),
    index('cash_payments_enrolment_idx').on(t.enrolmentId),
    index('cash_payments_period_idx').on(t.assistanceKind, t.periodStartsOn, t.periodEndsOn),
    // Money lines are positive; only a covered-at-cap line (a released member of a household
    // already at its cap) is zero, and it never goes to the provider.
    check(
      'cash_payments_amount_positive',
      sql`amount_minor > 0 OR (amount_minor = 0 AND kind = 'covered-at-cap')`,
    ),
    // The recipient is a member of the paid enrolment. Not a foreign key: a batch inserts
    // 400,000 lines at once, and a per-row key check (with its lock on the member row) cost
    // seconds; a statement-level trigger checks all of a statement's lines in one anti-join
    // instead (cash-assistance.sql), and members are never changed or deleted (same file).
  ],
);

/** What the provider reported for a payment: once per payment (primary key). */
export const cashPaymentOutcomes = pgTable('cash_payment_outcomes', {
  paymentId: uuid('payment_id')
    .primaryKey()
    .references(() => cashPayments.id),
  reconciliationId: uuid('reconciliation_id')
    .notNull()
    .references(() => cashReconciliations.id),
  /** paid | failed */
  outcome: text('outcome').notNull(),
  providerReference: text('provider_reference'),
  failureReason: text('failure_reason'),
  recordedAt: at('recorded_at').notNull(),
});

/** A reviewer's decision on a hold: release (pays a top-up) or cancel. Once per hold. */
export const cashHoldDecisions = pgTable('cash_hold_decisions', {
  holdId: uuid('hold_id')
    .primaryKey()
    .references(() => cashHolds.id),
  /** release | cancel */
  decision: text('decision').notNull(),
  reason: text('reason').notNull(),
  releasedPaymentId: uuid('released_payment_id').references(() => cashPayments.id),
  decidedAt: at('decided_at').notNull(),
  decidedBy: uuid('decided_by').references(() => users.id),
  decidedByName: text('decided_by_name').notNull(),
});

export const cashPostings = pgTable(
  'cash_postings',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => cashProgrammes.id),
    /** core POSTING_KINDS */
    kind: text('kind').notNull(),
    batchId: uuid('batch_id').references(() => cashBatches.id),
    reconciliationId: uuid('reconciliation_id').references(() => cashReconciliations.id),
    holdId: uuid('hold_id').references(() => cashHolds.id),
    memo: text('memo').notNull(),
    postedAt: at('posted_at').notNull(),
    postedBy: uuid('posted_by').references(() => users.id),
    postedByName: text('posted_by_name').notNull(),
  },
  (t) => [
    index('cash_postings_programme_idx').on(t.programmeId, t.postedAt),
    index('cash_postings_batch_idx').on(t.batchId),
  ],
);

export const cashPostingLines = pgTable(
  'cash_posting_lines',
  {
    id: uuid('id').primaryKey(),
    postingId: uuid('posting_id')
      .notNull()
      .references(() => cashPostings.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => cashLedgerAccounts.id),
    /** Debit positive, credit negative. */
    amountMinor: minor('amount_minor').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
  },
  (t) => [
    index('cash_posting_lines_posting_idx').on(t.postingId),
    index('cash_posting_lines_account_idx').on(t.accountId),
  ],
);
