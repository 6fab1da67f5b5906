/** Reading batches and their payment lines, with the ledger proof of each batch. */
import type { Batch, PaymentLine } from '@haven/contract';
import type { Currency, PaymentLineKind } from '@haven/core';
import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.js';
import { queryRows, type Db } from '../db/open.js';
import { notFound, type CashActor } from './caller.js';
import { batchLedgerProof } from './ledger.js';
import { programmeInScope, type ProgrammeRecord } from './programmes.js';

const ISO = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The batch when its programme is in scope; 404 otherwise. */
export async function batchInScope(
  db: Db,
  actor: CashActor,
  batchId: string,
): Promise<{ programme: ProgrammeRecord; period: string }> {
  const [row] = await queryRows<{ programme_id: string; period: string }>(
    db,
    sql`SELECT programme_id, period FROM cash_batches WHERE id = ${batchId}`,
  );
  if (!row) {
    throw notFound('batch');
  }
  return { programme: await programmeInScope(db, actor, row.programme_id), period: row.period };
}

export async function readBatch(db: Db, actor: CashActor, batchId: string): Promise<Batch> {
  const { programme } = await batchInScope(db, actor, batchId);
  const [row] = await queryRows<{
    period: string;
    currency: Currency;
    built_at: string;
    built_by_name: string;
    exported_at: string | null;
    reconciled_at: string | null;
    total: string;
    payments: number;
    persons_paid: number;
    paid: string;
    failed: string;
    pending: number;
  }>(
    db,
    sql`SELECT b.period, b.currency, ${ISO('b.built_at')} AS built_at, b.built_by_name,
               ${ISO('b.exported_at')} AS exported_at,
               (SELECT ${ISO('max(r.imported_at)')} FROM cash_reconciliations r
                 WHERE r.batch_id = b.id) AS reconciled_at,
               coalesce(sum(p.amount_minor), 0)::text AS total,
               count(p.id)::int AS payments,
               coalesce(sum(p.persons_covered), 0)::int AS persons_paid,
               coalesce(sum(p.amount_minor) FILTER (WHERE o.outcome = 'paid'), 0)::text AS paid,
               coalesce(sum(p.amount_minor) FILTER (WHERE o.outcome = 'failed'), 0)::text AS failed,
               count(p.id) FILTER (WHERE o.payment_id IS NULL AND p.amount_minor > 0)::int AS pending
          FROM cash_batches b
          LEFT JOIN cash_payments p ON p.batch_id = b.id
          LEFT JOIN cash_payment_outcomes o ON o.payment_id = p.id
         WHERE b.id = ${batchId}
         GROUP BY b.id`,
  );
  const holds = await queryRows<{ reason: string; open: number }>(
    db,
    sql`SELECT h.reason, count(*)::int AS open FROM cash_holds h
         WHERE h.batch_id = ${batchId}
           AND NOT EXISTS (SELECT 1 FROM cash_hold_decisions d
                            WHERE d.hold_id = h.id AND d.decision = 'release')
         GROUP BY h.reason`,
  );
  if (!row) {
    throw notFound('batch');
  }
  const money = (amountMinor: number) => ({ amountMinor, currency: row.currency });
  const total = Number(row.total);
  const paid = Number(row.paid);
  const failed = Number(row.failed);
  return {
    id: batchId,
    programmeId: programme.id,
    programmeName: programme.name,
    period: row.period,
    state:
      row.reconciled_at !== null && row.pending === 0
        ? 'reconciled'
        : row.exported_at !== null
          ? 'exported'
          : 'built',
    currency: row.currency,
    total: money(total),
    payments: row.payments,
    personsPaid: row.persons_paid,
    personsHeld: holds.reduce((sum, hold) => sum + hold.open, 0),
    heldByReason: Object.fromEntries(holds.map((hold) => [hold.reason, hold.open])),
    paidConfirmed: money(paid),
    failed: money(failed),
    outstanding: money(total - paid - failed),
    builtAt: row.built_at,
    builtByName: row.built_by_name,
    exportedAt: row.exported_at,
    reconciledAt: row.reconciled_at,
    ledger: await batchLedgerProof(db, programme.id, batchId),
  };
}

export async function listBatches(
  db: Db,
  actor: CashActor,
  programme: ProgrammeRecord,
): Promise<Batch[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM cash_batches WHERE programme_id = ${programme.id} ORDER BY period DESC`,
  );
  const batches: Batch[] = [];
  for (const row of rows) {
    batches.push(await readBatch(db, actor, row.id));
  }
  return batches;
}

/** A batch's payment lines (keyset by id); the recipients read are audited. */
export async function listPayments(
  db: Db,
  actor: CashActor,
  batchId: string,
  after: string | undefined,
  limit: number,
): Promise<{ items: PaymentLine[]; nextAfter: string | null }> {
  const { programme } = await batchInScope(db, actor, batchId);
  const rows = await queryRows<{
    id: string;
    reference: string;
    kind: PaymentLineKind;
    enrolment_id: string;
    household_id: string;
    recipient_person_id: string;
    recipient_name: string;
    persons_covered: number;
    amount: string;
    currency: Currency;
    outcome: 'paid' | 'failed' | null;
    failure_reason: string | null;
  }>(
    db,
    sql`SELECT p.id, p.reference, p.kind, p.enrolment_id, e.household_id, p.recipient_person_id,
               r.given_name || ' ' || r.family_name AS recipient_name, p.persons_covered,
               p.amount_minor::text AS amount, p.currency, o.outcome, o.failure_reason
          FROM cash_payments p
          JOIN cash_enrolments e ON e.id = p.enrolment_id
          JOIN persons r ON r.id = p.recipient_person_id
          LEFT JOIN cash_payment_outcomes o ON o.payment_id = p.id
         WHERE p.batch_id = ${batchId}
           AND (${after ?? null}::uuid IS NULL OR p.id > ${after ?? null}::uuid)
         ORDER BY p.id LIMIT ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  if (page.length > 0) {
    await appendAudit(db, [
      {
        ...actor.audit,
        chain: programme.countryCode,
        action: 'cash-payment.list',
        resourceType: 'cash-batch',
        resourceId: batchId,
        detail: { persons: page.map((row) => row.recipient_person_id) },
      },
    ]);
  }
  return {
    items: page.map((row) => ({
      id: row.id,
      reference: row.reference,
      kind: row.kind,
      enrolmentId: row.enrolment_id,
      householdId: row.household_id,
      recipientPersonId: row.recipient_person_id,
      recipientName: row.recipient_name,
      personsCovered: row.persons_covered,
      amount: { amountMinor: Number(row.amount), currency: row.currency },
      outcome: row.outcome ?? (Number(row.amount) > 0 ? 'pending' : 'nothing-to-pay'),
      failureReason: row.failure_reason,
    })),
    nextAfter: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
