/**
 * Writing a batch's decisions: one payment line per paid household and one hold per held member,
 * in bulk (unnest arrays, one parameter per column) inside the batch's transaction.
 *
 * Line ids are UUIDv7 (RFC 9562), time-ordered: a million lines append to the right edge of the
 * primary key and of the (batch, id) index instead of touching a random page each.
 */
import type { HeldMember, HouseholdDecision, PaymentPeriod } from '@haven/core';
import { sql } from 'drizzle-orm';
import { v7 as timeOrderedUuid } from 'uuid';
import type { Db } from '../db/open.js';
import type { ProgrammeRecord } from './programmes.js';

/** Rows per bulk INSERT: arrays travel as one parameter each, so the statement stays small. */
const WRITE_CHUNK = 20_000;

/** A provider-facing reference: the batch's first 8 hex digits and a sequence number. */
export const paymentReference = (batchId: string, sequence: number): string =>
  `${batchId.slice(0, 8).toUpperCase()}-${String(sequence).padStart(7, '0')}`;

/** A household decision that pays: an amount and a recipient. */
export type PayingDecision = HouseholdDecision & { readonly recipientPersonId: string };

/** Inserts the batch's regular payment lines, numbered 1..n in the order given. */
export async function insertPaymentLines(
  tx: Db,
  programme: ProgrammeRecord,
  period: PaymentPeriod,
  batchId: string,
  payments: readonly PayingDecision[],
): Promise<void> {
  for (let start = 0; start < payments.length; start += WRITE_CHUNK) {
    const chunk = payments.slice(start, start + WRITE_CHUNK);
    await tx.execute(
      sql`INSERT INTO cash_payments (id, batch_id, reference, kind, enrolment_id,
            recipient_person_id, amount_minor, currency, persons_covered, covered_person_ids,
            assistance_kind, period_starts_on, period_ends_on, created_at)
          SELECT u.id, ${batchId}, u.reference, 'regular', u.enrolment_id, u.recipient,
                 u.amount, ${programme.currency}, u.covered,
                 string_to_array(u.persons, ',')::uuid[], ${programme.assistanceKind},
                 ${period.startsOn}::date, ${period.endsOn}::date, now()
            FROM unnest(${sql.param(chunk.map(() => timeOrderedUuid()))}::uuid[],
                        ${sql.param(chunk.map((_, index) => paymentReference(batchId, start + index + 1)))}::text[],
                        ${sql.param(chunk.map((household) => household.enrolmentId))}::uuid[],
                        ${sql.param(chunk.map((household) => household.recipientPersonId))}::uuid[],
                        ${sql.param(chunk.map((household) => household.amountMinor))}::bigint[],
                        ${sql.param(chunk.map((household) => household.paidPersonIds.length))}::smallint[],
                        ${sql.param(chunk.map((household) => household.paidPersonIds.join(',')))}::text[])
                 AS u(id, reference, enrolment_id, recipient, amount, covered, persons)`,
    );
  }
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
  for (let start = 0; start < holds.length; start += WRITE_CHUNK) {
    const chunk = holds.slice(start, start + WRITE_CHUNK);
    await tx.execute(
      sql`INSERT INTO cash_holds (id, batch_id, programme_id, enrolment_id, person_id,
            identity_key, reason, created_at)
          SELECT u.id, ${batchId}, ${programme.id}, u.enrolment_id, u.person_id, u.identity_key,
                 u.reason, now()
            FROM unnest(${sql.param(chunk.map(() => timeOrderedUuid()))}::uuid[],
                        ${sql.param(chunk.map((hold) => hold.enrolmentId))}::uuid[],
                        ${sql.param(chunk.map((hold) => hold.personId))}::uuid[],
                        ${sql.param(chunk.map((hold) => hold.identityKey))}::uuid[],
                        ${sql.param(chunk.map((hold) => hold.reason))}::text[])
                 AS u(id, enrolment_id, person_id, identity_key, reason)`,
    );
  }
}
