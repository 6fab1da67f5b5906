/**
 * Building a disbursement batch at scale: the database hands over compact rows (due enrolments
 * with their members' identity keys and current protection, batch-due.ts; the identities already
 * paid for an overlapping period of the same kind anywhere), @haven/core decides pay or hold
 * (decideBatch: the one place those rules live), and the decisions go back in bulk by COPY
 * (batch-lines.ts), all in one transaction with the batch's ledger posting and its audit entry:
 * a crash leaves no half-built batch.
 *
 * Idempotent: a programme period has one batch (unique index); building it again returns the
 * batch already built, and two concurrent builds serialise on an advisory lock.
 */
import { commitmentPosting, decideBatch, periodOf, type PaymentPeriod } from '@haven/core';
import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.js';
import { queryRows, type Db } from '../db/open.js';
import { loadDueHouseholds } from './batch-due.js';
import { insertHolds, insertPaymentLines, newBatchId, type PayingDecision } from './batch-lines.js';
import type { CashActor } from './caller.js';
import { appendPosting } from './ledger.js';
import type { ProgrammeRecord } from './programmes.js';
import { HttpProblem } from '../http/problems.js';

/** Told how long each phase of a build took (the benchmark prints them; a route passes nothing). */
export type PhaseTimer = (phase: string, elapsedMs: number) => void;

/** Runs one phase of a build, telling the timer how long it took. */
async function timed<T>(onPhase: PhaseTimer | undefined, phase: string, run: () => Promise<T>) {
  const started = performance.now();
  const result = await run();
  onPhase?.(phase, performance.now() - started);
  return result;
}

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

/**
 * Loads the period's due households and has core decide them. The loaded households (a million
 * members) are dropped when this returns, so the garbage collector does not trace them again
 * and again while the lines are written.
 */
async function decideDueHouseholds(
  tx: Db,
  programme: ProgrammeRecord,
  period: PaymentPeriod,
  onPhase: PhaseTimer | undefined,
) {
  const households = await timed(onPhase, 'load due households', () =>
    loadDueHouseholds(tx, programme, period),
  );
  const paid = await timed(onPhase, 'paid identities', () => paidIdentities(tx, programme, period));
  return timed(onPhase, 'decide (core)', () =>
    Promise.resolve(decideBatch(programme.transfer, households, paid)),
  );
}

export { paymentReference } from './batch-lines.js';

/** Builds the batch of a programme period, or returns the one already built. */
export async function buildBatch(
  db: Db,
  actor: CashActor,
  programme: ProgrammeRecord,
  periodKey: string,
  onPhase?: PhaseTimer,
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
    const decisions = await decideDueHouseholds(tx, programme, period, onPhase);

    const batchId = await newBatchId(tx);
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
      (household): household is PayingDecision =>
        household.amountMinor > 0 && household.recipientPersonId !== null,
    );
    await timed(onPhase, 'insert payment lines', () =>
      insertPaymentLines(tx, programme, period, batchId, payments),
    );
    const holds = decisions.households.flatMap((household) =>
      household.held.map((member) => ({ ...member, enrolmentId: household.enrolmentId })),
    );
    await timed(onPhase, 'insert holds', () => insertHolds(tx, programme, batchId, holds));
    const phaseStarted = performance.now();
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
    onPhase?.('posting and audit', performance.now() - phaseStarted);
    return { batchId, created: true };
  });
}
