/**
 * Building a disbursement batch at scale: the database hands over compact rows (due enrolments
 * with their members' identity keys, the identities already paid for an overlapping period of
 * the same kind anywhere, the members' protection status), @haven/core decides pay or hold
 * (decideBatch: the one place those rules live), and the decisions go back in bulk through
 * unnest arrays, all in one transaction with the batch's ledger posting and its audit entry.
 *
 * Idempotent: a programme period has one batch (unique index); building it again returns the
 * batch already built, and two concurrent builds serialise on an advisory lock.
 */
import { randomUUID } from 'node:crypto';
import {
  commitmentPosting,
  decideBatch,
  isScheduledPeriod,
  periodOf,
  protectionStanding,
  type DueHousehold,
  type PaymentPeriod,
} from '@haven/core';
import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.js';
import { queryRows, type Db } from '../db/open.js';
import { currentProtectionStatuses } from '../temporary-protection/current-status.js';
import type { CashActor } from './caller.js';
import { appendPosting } from './ledger.js';
import type { ProgrammeRecord } from './programmes.js';
import { HttpProblem } from '../http/problems.js';

/** Rows per bulk INSERT: arrays travel as one parameter each, so the statement stays small. */
const WRITE_CHUNK = 20_000;

export interface BuiltBatch {
  readonly batchId: string;
  /** False when the period's batch already existed and was returned as it was. */
  readonly created: boolean;
}

async function existingBatch(executor: Db, programmeId: string, period: string) {
  const [row] = await queryRows<{ id: string }>(
    executor,
    sql`SELECT id FROM cash_batches WHERE programme_id = ${programmeId} AND period = ${period}`,
  );
  return row?.id;
}

/** Enrolments of the programme that may be due in the period, with members and identity keys. */
async function loadDueHouseholds(
  executor: Db,
  programme: ProgrammeRecord,
  period: PaymentPeriod,
): Promise<{ households: DueHousehold[]; personIds: string[] }> {
  const rows = await queryRows<{
    id: string;
    enrolled_on: string;
    closed_on: string | null;
    recipient: string;
    persons: string[];
    identities: string[];
  }>(
    executor,
    // Nothing enrolled after the period is due; core's schedule decides the rest.
    sql`SELECT e.id, to_char(e.enrolled_on, 'YYYY-MM-DD') AS enrolled_on,
               to_char(e.closed_on, 'YYYY-MM-DD') AS closed_on,
               e.recipient_person_id::text AS recipient,
               array_agg(m.person_id::text ORDER BY m.person_id) AS persons,
               array_agg(coalesce(c.cluster_id, m.person_id)::text ORDER BY m.person_id) AS identities
          FROM cash_enrolments e
          JOIN cash_enrolment_members m ON m.enrolment_id = e.id
          LEFT JOIN identity_clusters c ON c.person_id = m.person_id
         WHERE e.programme_id = ${programme.id} AND e.enrolled_on <= ${period.endsOn}
         GROUP BY e.id`,
  );
  const due = rows.filter((row) =>
    isScheduledPeriod(programme, row.enrolled_on, row.closed_on, period.period),
  );
  const personIds = due.flatMap((row) => row.persons);
  const statuses = await currentProtectionStatuses(executor, personIds);
  const households = due.map((row) => ({
    enrolmentId: row.id,
    enrolledOn: row.enrolled_on,
    recipientPersonId: row.recipient,
    members: row.persons.map((personId, index) => ({
      personId,
      identityKey: row.identities[index] ?? personId,
      standing: protectionStanding(
        statuses.get(personId)?.find((status) => status.countryCode === programme.countryCode),
        period,
      ),
    })),
  }));
  return { households, personIds };
}

/**
 * Identities paid or committed for a period overlapping this one, in any programme of the same
 * kind in any country (a payment the provider reported failed does not count).
 */
async function paidIdentities(
  executor: Db,
  programme: ProgrammeRecord,
  period: PaymentPeriod,
): Promise<Set<string>> {
  const rows = await queryRows<{ identity: string }>(
    executor,
    sql`SELECT DISTINCT coalesce(c.cluster_id, covered.person_id)::text AS identity
          FROM cash_payments p
          CROSS JOIN LATERAL unnest(p.covered_person_ids) AS covered(person_id)
          LEFT JOIN identity_clusters c ON c.person_id = covered.person_id
         WHERE p.assistance_kind = ${programme.assistanceKind}
           AND p.period_starts_on <= ${period.endsOn}
           AND p.period_ends_on >= ${period.startsOn}
           AND NOT EXISTS (SELECT 1 FROM cash_payment_outcomes o
                            WHERE o.payment_id = p.id AND o.outcome = 'failed')`,
  );
  return new Set(rows.map((row) => row.identity));
}

/** A provider-facing reference: the batch's first 8 hex digits and a sequence number. */
export const paymentReference = (batchId: string, sequence: number): string =>
  `${batchId.slice(0, 8).toUpperCase()}-${String(sequence).padStart(7, '0')}`;

/** Builds the batch of a programme period, or returns the one already built. */
export async function buildBatch(
  db: Db,
  actor: CashActor,
  programme: ProgrammeRecord,
  periodKey: string,
): Promise<BuiltBatch> {
  const period = periodOf(periodKey);
  if (period.endsOn < programme.validFrom || period.startsOn > programme.validTo) {
    throw new HttpProblem(
      422,
      'period-outside-programme',
      'The programme does not pay in this period',
      [
        {
          field: 'period',
          in: 'body',
          message: `Must be between ${programme.validFrom.slice(0, 7)} and ${programme.validTo.slice(0, 7)}`,
        },
      ],
    );
  }
  const already = await existingBatch(db, programme.id, period.period);
  if (already) {
    return { batchId: already, created: false };
  }
  return db.transaction(async (tx) => {
    // Two builds of the same period wait for each other; the second finds the first's batch.
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`cash-batch:${programme.id}:${period.period}`}))`,
    );
    const raced = await existingBatch(tx, programme.id, period.period);
    if (raced) {
      return { batchId: raced, created: false };
    }
    const { households } = await loadDueHouseholds(tx, programme, period);
    const paid = await paidIdentities(tx, programme, period);
    const decisions = decideBatch(programme.transfer, households, paid);

    const batchId = randomUUID();
    await tx.execute(
      sql`INSERT INTO cash_batches (id, programme_id, period, period_starts_on, period_ends_on,
            currency, built_total_minor, persons_paid, persons_held, built_at, built_by,
            built_by_name)
          VALUES (${batchId}, ${programme.id}, ${period.period}, ${period.startsOn},
            ${period.endsOn}, ${programme.currency}, ${decisions.totalMinor},
            ${decisions.personsPaid}, ${decisions.personsHeld}, now(), ${actor.userId},
            ${actor.name})`,
    );

    const payments = decisions.households.filter(
      (household) => household.amountMinor > 0 && household.recipientPersonId !== null,
    );
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
              FROM unnest(${sql.param(chunk.map(() => randomUUID()))}::uuid[],
                          ${sql.param(chunk.map((_, index) => paymentReference(batchId, start + index + 1)))}::text[],
                          ${sql.param(chunk.map((household) => household.enrolmentId))}::uuid[],
                          ${sql.param(chunk.map((household) => household.recipientPersonId ?? ''))}::uuid[],
                          ${sql.param(chunk.map((household) => household.amountMinor))}::bigint[],
                          ${sql.param(chunk.map((household) => household.paidPersonIds.length))}::smallint[],
                          ${sql.param(chunk.map((household) => household.paidPersonIds.join(',')))}::text[])
                   AS u(id, reference, enrolment_id, recipient, amount, covered, persons)`,
      );
    }

    const holds = decisions.households.flatMap((household) =>
      household.held.map((member) => ({ ...member, enrolmentId: household.enrolmentId })),
    );
    for (let start = 0; start < holds.length; start += WRITE_CHUNK) {
      const chunk = holds.slice(start, start + WRITE_CHUNK);
      await tx.execute(
        sql`INSERT INTO cash_holds (id, batch_id, programme_id, enrolment_id, person_id,
              identity_key, reason, created_at)
            SELECT u.id, ${batchId}, ${programme.id}, u.enrolment_id, u.person_id, u.identity_key,
                   u.reason, now()
              FROM unnest(${sql.param(chunk.map(() => randomUUID()))}::uuid[],
                          ${sql.param(chunk.map((hold) => hold.enrolmentId))}::uuid[],
                          ${sql.param(chunk.map((hold) => hold.personId))}::uuid[],
                          ${sql.param(chunk.map((hold) => hold.identityKey))}::uuid[],
                          ${sql.param(chunk.map((hold) => hold.reason))}::text[])
                   AS u(id, enrolment_id, person_id, identity_key, reason)`,
      );
    }

    if (decisions.totalMinor > 0) {
      await appendPosting(
        tx,
        programme,
        commitmentPosting('batch-commitment', decisions.totalMinor, programme.currency),
        { batchId },
        `Batch ${period.period}: ${String(payments.length)} payments`,
        actor,
      );
    }
    await appendAudit(tx, [
      {
        ...actor.audit,
        chain: programme.countryCode,
        action: 'cash-batch.build',
        resourceType: 'cash-batch',
        resourceId: batchId,
        detail: {
          programmeId: programme.id,
          period: period.period,
          payments: payments.length,
          personsPaid: decisions.personsPaid,
          personsHeld: decisions.personsHeld,
        },
      },
    ]);
    return { batchId, created: true };
  });
}
