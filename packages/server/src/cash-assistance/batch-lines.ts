/**
 * Writing a batch's decisions: one payment line per paid household and one hold per held member,
 * in bulk (COPY, db/copy.ts) inside the batch's transaction.
 *
 * Line ids are UUIDv7 (RFC 9562), time-ordered: a million lines append to the right edge of the
 * primary key and of the (batch, id) index instead of touching a random page each.
 */
import type { HeldMember, HouseholdDecision, PaymentPeriod } from '@haven/core';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as timeOrderedUuid } from 'uuid';
import { copyField, copyLines, copyRows } from '../db/copy.js';
import { queryRows, type Db } from '../db/open.js';
import type { ProgrammeRecord } from './programmes.js';

/** Random bytes drawn at once for that many line ids (16 bytes each). */
const IDS_PER_DRAW = 4096;

/**
 * A source of time-ordered line ids for one batch: the batch's millisecond and a counter that
 * starts at a random value (RFC 9562 section 6.2, method 1), with random bytes drawn 64 KiB at a
 * time. uuid's own v7() asks the system for 16 bytes per id, which cost more than the rest of
 * a payment line.
 */
export function timeOrderedIds(): () => string {
  const msecs = Date.now();
  // The counter field is 32 bits (uuid's v7 layout); starting below 2^31 leaves room for 2^31 ids.
  let sequence = randomInt(2 ** 31);
  let random = randomBytes(0);
  let offset = 0;
  return () => {
    if (offset === random.length) {
      random = randomBytes(16 * IDS_PER_DRAW);
      offset = 0;
    }
    sequence += 1;
    offset += 16;
    return timeOrderedUuid({ msecs, seq: sequence, random: random.subarray(offset - 16, offset) });
  };
}

/** The columns of a payment line as COPY writes them, in order. */
export const PAYMENT_LINE_COLUMNS: readonly string[] = [
  'id',
  'batch_id',
  'reference',
  'kind',
  'enrolment_id',
  'recipient_person_id',
  'amount_minor',
  'currency',
  'persons_covered',
  'covered_person_ids',
  'assistance_kind',
  'period_starts_on',
  'period_ends_on',
  'created_at',
];

/** A provider-facing reference: the batch's first 8 hex digits and a sequence number. */
export const paymentReference = (batchId: string, sequence: number): string =>
  `${batchId.slice(0, 8).toUpperCase()}-${String(sequence).padStart(7, '0')}`;

/**
 * A new batch's id whose reference prefix no earlier batch has: references are unique across all
 * batches, so two random ids sharing their first 8 hex digits would fail the second build.
 */
export async function newBatchId(tx: Db, draw: () => string = randomUUID): Promise<string> {
  for (;;) {
    const id = draw();
    const clashing = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM cash_batches WHERE left(id::text, 8) = ${id.slice(0, 8).toLowerCase()}
          LIMIT 1`,
    );
    if (clashing.length === 0) {
      return id;
    }
  }
}

/** A household decision that pays: an amount and a recipient. */
export type PayingDecision = HouseholdDecision & { readonly recipientPersonId: string };

/** The transaction's timestamp as text the same session reads back exactly (COPY has no now()). */
async function transactionNow(tx: Db): Promise<string> {
  const [row] = await queryRows<{ now: string }>(tx, sql`SELECT now()::text AS now`);
  if (!row) {
    throw new Error('SELECT now() returned no row');
  }
  return row.now;
}

/** Inserts the batch's regular payment lines, numbered 1..n in the order given. */
export async function insertPaymentLines(
  tx: Db,
  programme: ProgrammeRecord,
  period: PaymentPeriod,
  batchId: string,
  payments: readonly PayingDecision[],
): Promise<void> {
  const now = await transactionNow(tx);
  const nextId = timeOrderedIds();
  // What every line shares, escaped once. The rest are numbers and uuids the database gave as
  // text (hex digits and hyphens), which COPY takes as they are: escaping 400,000 lines field by
  // field cost seconds of a build.
  const batch = copyField(batchId);
  const currency = copyField(programme.currency);
  const kindAndPeriod = [programme.assistanceKind, period.startsOn, period.endsOn, now]
    .map(copyField)
    .join('\t');
  await copyLines(
    tx,
    'cash_payments',
    PAYMENT_LINE_COLUMNS,
    payments,
    (household, index) =>
      `${nextId()}\t${batch}\t${paymentReference(batchId, index + 1)}\tregular\t` +
      `${household.enrolmentId}\t${household.recipientPersonId}\t` +
      `${String(household.amountMinor)}\t${currency}\t${String(household.paidPersonIds.length)}\t` +
      `{${household.paidPersonIds.join(',')}}\t${kindAndPeriod}`,
  );
}

/** A held member with the enrolment it was held in. */
export type BatchHold = HeldMember & { readonly enrolmentId: string };

/** Inserts the batch's holds: each goes to review. */
export async function insertHolds(
  tx: Db,
  programme: ProgrammeRecord,
  batchId: string,
  holds: readonly BatchHold[],
): Promise<void> {
  const now = await transactionNow(tx);
  const nextId = timeOrderedIds();
  await copyRows(
    tx,
    'cash_holds',
    [
      'id',
      'batch_id',
      'programme_id',
      'enrolment_id',
      'person_id',
      'identity_key',
      'reason',
      'created_at',
    ],
    holds,
    (hold) => [
      nextId(),
      batchId,
      programme.id,
      hold.enrolmentId,
      hold.personId,
      hold.identityKey,
      hold.reason,
      now,
    ],
  );
}
