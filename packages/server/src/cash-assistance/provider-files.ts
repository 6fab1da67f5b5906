/**
 * The files exchanged with the payment provider: the export of a batch (only what the provider
 * needs to pay: reference, the recipient's Latin name, birth date and document, amount, currency,
 * period) and the provider's result file, reconciled into outcomes and ledger postings.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  PROVIDER_EXPORT_COLUMNS,
  RECONCILIATION_COLUMNS,
  type FieldError,
  type ReconciliationReport,
} from '@haven/contract';
import {
  failureReversalPosting,
  formatMinor,
  parseMinor,
  settlementPosting,
  type Currency,
} from '@haven/core';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.js';
import { jsonColumn, queryRows, type Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import { idempotentCreate } from '../idempotency/idempotent-create.js';
import { openDocumentNumber } from '../protection/document-numbers.js';
import type { Keyring } from '../protection/keyring.js';
import { householdCountry } from '../protection/scope.js';
import type { CashActor } from './caller.js';
import { batchInScope } from './batch-reads.js';
import { appendPosting } from './ledger.js';

/**
 * CSV formula injection (OWASP): a cell starting with = + - @ (or a tab or carriage return) is
 * prefixed with an apostrophe, the rule of the persons export (cli persons-csv/formula-injection).
 */
const neutraliseFormula = (cell: string): string =>
  /^'*[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;

/** Persons per export audit entry: a million-person batch is audited in rows of bounded size. */
const AUDIT_PERSONS_PER_ENTRY = 10_000;

/** Reports at most this many invalid rows, so a wrong file gives a readable answer. */
const MAX_ROW_ERRORS = 100;

/** The batch's payments not yet reported by the provider, as the provider's CSV. Audited. */
export async function exportBatch(
  db: Db,
  keyring: Keyring,
  actor: CashActor,
  batchId: string,
): Promise<string> {
  const { programme, period } = await batchInScope(db, actor, batchId);
  return db.transaction(async (tx) => {
    const rows = await queryRows<{
      reference: string;
      recipient_id: string;
      given_name: string;
      family_name: string;
      birth_date: string;
      document_id: string | null;
      number_sealed: string | null;
      data_country: string | null;
      amount: string;
    }>(
      tx,
      sql`SELECT p.reference, p.recipient_person_id AS recipient_id,
                 payee.given_name_latin AS given_name,
                 payee.family_name_latin AS family_name, payee.birth_date,
                 d.id AS document_id, d.number_sealed,
                 ${householdCountry('payee')} AS data_country,
                 p.amount_minor::text AS amount
            FROM cash_payments p
            JOIN persons payee ON payee.id = p.recipient_person_id
            LEFT JOIN LATERAL (SELECT id, number_sealed FROM identity_documents
                                WHERE person_id = payee.id ORDER BY type, id LIMIT 1) d ON true
           WHERE p.batch_id = ${batchId} AND p.amount_minor > 0
             AND NOT EXISTS (SELECT 1 FROM cash_payment_outcomes o WHERE o.payment_id = p.id)
           ORDER BY p.reference`,
    );
    await tx.execute(
      sql`UPDATE cash_batches SET exported_at = coalesce(exported_at, now()) WHERE id = ${batchId}`,
    );
    // Who left for the provider, by id only: the audit never copies the names or documents.
    const persons = [...new Set(rows.map((row) => row.recipient_id))];
    const parts = Math.max(1, Math.ceil(persons.length / AUDIT_PERSONS_PER_ENTRY));
    await appendAudit(
      tx,
      Array.from({ length: parts }, (_, part) => ({
        ...actor.audit,
        chain: programme.countryCode,
        action: 'cash-batch.export',
        resourceType: 'cash-batch',
        resourceId: batchId,
        detail: {
          payments: rows.length,
          part: part + 1,
          parts,
          persons: persons.slice(
            part * AUDIT_PERSONS_PER_ENTRY,
            (part + 1) * AUDIT_PERSONS_PER_ENTRY,
          ),
        },
      })),
    );
    return stringify(
      rows.map((row) =>
        [
          row.reference,
          row.given_name,
          row.family_name,
          row.birth_date,
          // Sealed at rest; opened only into the file the provider needs to identify the payee.
          row.document_id === null
            ? ''
            : openDocumentNumber(
                keyring,
                { id: row.document_id, numberSealed: row.number_sealed },
                row.data_country,
              ),
          formatMinor(Number(row.amount)),
          programme.currency,
          period,
        ].map(neutraliseFormula),
      ),
      { header: true, columns: [...PROVIDER_EXPORT_COLUMNS] },
    );
  });
}

interface ResultRow {
  readonly row: number;
  readonly reference: string;
  readonly outcome: 'paid' | 'failed';
  readonly amountMinor: number;
  readonly providerReference: string | null;
  readonly failureReason: string | null;
}

/** Reads and checks the provider's file: every invalid cell is reported, nothing is written. */
function readResultFile(text: string, currency: string): ResultRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new HttpProblem(400, 'validation-failed', 'The file is not valid CSV', [
      { field: 'file', in: 'body', message: error instanceof Error ? error.message : 'Unreadable' },
    ]);
  }
  const header = Object.keys(records[0] ?? {});
  const missing = RECONCILIATION_COLUMNS.filter((column) => !header.includes(column));
  if (records.length === 0 || missing.length > 0) {
    throw new HttpProblem(400, 'validation-failed', 'The file lacks required columns', [
      {
        field: 'file',
        in: 'body',
        message:
          records.length === 0
            ? 'Has no rows'
            : `Must have the columns ${RECONCILIATION_COLUMNS.join(', ')}; missing ${missing.join(', ')}`,
      },
    ]);
  }
  const errors: FieldError[] = [];
  const rows: ResultRow[] = [];
  records.forEach((record, index) => {
    const at = (column: string) => `rows[${index + 1}].${column}`;
    const reference = record.reference ?? '';
    const outcome = record.outcome ?? '';
    const amountMinor = parseMinor(record.amount ?? '');
    if (reference === '') {
      errors.push({ field: at('reference'), in: 'body', message: 'Must not be empty' });
    }
    if (outcome !== 'paid' && outcome !== 'failed') {
      errors.push({ field: at('outcome'), in: 'body', message: "Must be 'paid' or 'failed'" });
    }
    if (amountMinor === undefined) {
      errors.push({
        field: at('amount'),
        in: 'body',
        message: 'Must be an amount such as 1300.00',
      });
    }
    if (record.currency !== currency) {
      errors.push({
        field: at('currency'),
        in: 'body',
        message: `Must be ${currency}, the currency of the batch (was '${record.currency ?? ''}')`,
      });
    }
    if ((outcome === 'paid' || outcome === 'failed') && amountMinor !== undefined && reference) {
      rows.push({
        row: index + 1,
        reference,
        outcome,
        amountMinor,
        providerReference: record.provider_reference || null,
        failureReason: record.failure_reason || null,
      });
    }
  });
  if (errors.length > 0) {
    throw new HttpProblem(
      400,
      'validation-failed',
      'The provider file is not valid: nothing was recorded',
      errors.slice(0, MAX_ROW_ERRORS),
    );
  }
  return rows;
}

/** A recorded reconciliation as its import answered it (a resent import replays it). */
async function reconciliationReport(
  db: Db,
  reconciliationId: string,
  currency: Currency,
): Promise<ReconciliationReport> {
  const [row] = await queryRows<{
    batch_id: string;
    rows: number;
    paid_count: number;
    failed_count: number;
    paid_minor: string;
    failed_minor: string;
    mismatches: ReconciliationReport['mismatches'] | string;
    imported_at: string;
    imported_by_name: string;
  }>(
    db,
    sql`SELECT batch_id, rows, paid_count, failed_count, paid_minor::text, failed_minor::text,
               mismatches, imported_by_name,
               to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS imported_at
          FROM cash_reconciliations WHERE id = ${reconciliationId}`,
  );
  if (!row) {
    throw new Error(`Reconciliation ${reconciliationId} claimed an idempotency key but is missing`);
  }
  return {
    id: reconciliationId,
    batchId: row.batch_id,
    rows: row.rows,
    paid: { amountMinor: Number(row.paid_minor), currency },
    failed: { amountMinor: Number(row.failed_minor), currency },
    paidCount: row.paid_count,
    failedCount: row.failed_count,
    mismatches: jsonColumn(row.mismatches),
    importedAt: row.imported_at,
    importedByName: row.imported_by_name,
  };
}

/**
 * Records the provider's outcomes for a batch: paid lines settle (payable → provider clearing),
 * failed lines reverse their commitment; lines that do not match are reported, not recorded.
 * With an Idempotency-Key, the same file resent answers the first import instead of reporting
 * every line as already reconciled; another file under the same key is a 409.
 */
export async function reconcileBatch(
  db: Db,
  actor: CashActor,
  batchId: string,
  file: string,
  idempotencyKey?: string,
): Promise<ReconciliationReport> {
  const { programme } = await batchInScope(db, actor, batchId);
  const rows = readResultFile(file, programme.currency);
  const idempotency = idempotencyKey
    ? { key: idempotencyKey, scope: `cash-reconciliations:${batchId}`, body: file }
    : undefined;
  const imported = await idempotentCreate(
    db,
    idempotency,
    (claim) =>
      db.transaction(async (tx) => {
        const id = randomUUID();
        await claim(tx, id);
        return recordOutcomes(tx, actor, programme, batchId, file, rows, id);
      }),
    (reconciliationId) => reconciliationReport(db, reconciliationId, programme.currency),
  );
  return imported.value;
}

/**
 * A covered-at-cap line pays nothing because the household's paying lines already reached its
 * cap; when one of them fails, that coverage did not happen either. Its zero lines (same batch,
 * same enrolment, not yet reported) fail with it, in the same reconciliation, so the
 * cross-country guard (which ignores failed lines) lets those persons be paid again for the
 * period. Appended, never updated: the line stays, its outcome says why it no longer covers.
 */
async function voidZeroLinesOf(
  tx: Db,
  reconciliationId: string,
  failedPaymentIds: readonly string[],
): Promise<number> {
  const voided = await queryRows<{ payment_id: string }>(
    tx,
    sql`INSERT INTO cash_payment_outcomes (payment_id, reconciliation_id, outcome,
          provider_reference, failure_reason, recorded_at)
        SELECT DISTINCT ON (z.id) z.id, ${reconciliationId}, 'failed', NULL,
               'Covered by payment ' || f.reference || ', which failed', now()
          FROM cash_payments f
          JOIN cash_payments z ON z.batch_id = f.batch_id AND z.enrolment_id = f.enrolment_id
                              AND z.kind = 'covered-at-cap'
         WHERE f.id = ANY(${sql.param([...failedPaymentIds])}::uuid[])
           AND NOT EXISTS (SELECT 1 FROM cash_payment_outcomes o WHERE o.payment_id = z.id)
         ORDER BY z.id, f.reference
        RETURNING payment_id`,
  );
  return voided.length;
}

async function recordOutcomes(
  tx: Db,
  actor: CashActor,
  programme: { readonly id: string; readonly currency: Currency; readonly countryCode: string },
  batchId: string,
  file: string,
  rows: readonly ResultRow[],
  id: string,
): Promise<ReconciliationReport> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`cash-batch-lines:${batchId}`}))`);
  const payments = await queryRows<{
    id: string;
    reference: string;
    amount: string;
    reported: boolean;
  }>(
    tx,
    sql`SELECT p.id, p.reference, p.amount_minor::text AS amount,
                 EXISTS (SELECT 1 FROM cash_payment_outcomes o WHERE o.payment_id = p.id) AS reported
            FROM cash_payments p WHERE p.batch_id = ${batchId} AND p.amount_minor > 0`,
  );
  const byReference = new Map(payments.map((payment) => [payment.reference, payment]));
  const mismatches: ReconciliationReport['mismatches'] = [];
  const seen = new Set<string>();
  const accepted: (ResultRow & { paymentId: string })[] = [];
  for (const row of rows) {
    const payment = byReference.get(row.reference);
    if (seen.has(row.reference)) {
      mismatches.push({
        row: row.row,
        reference: row.reference,
        code: 'duplicate-row',
        message: 'The reference appears more than once in the file',
      });
    } else if (!payment) {
      mismatches.push({
        row: row.row,
        reference: row.reference,
        code: 'unknown-reference',
        message: 'No payment of this batch has this reference',
      });
    } else if (payment.reported) {
      mismatches.push({
        row: row.row,
        reference: row.reference,
        code: 'already-reconciled',
        message: 'The outcome of this payment was already recorded',
      });
    } else if (Number(payment.amount) !== row.amountMinor) {
      mismatches.push({
        row: row.row,
        reference: row.reference,
        code: 'amount-differs',
        message: `The batch pays ${formatMinor(Number(payment.amount))} ${programme.currency}; the provider reports ${formatMinor(row.amountMinor)}`,
      });
    } else {
      accepted.push({ ...row, paymentId: payment.id });
    }
    seen.add(row.reference);
  }
  for (const payment of payments) {
    if (!payment.reported && !seen.has(payment.reference)) {
      mismatches.push({
        row: 0,
        reference: payment.reference,
        code: 'missing-from-file',
        message: 'The provider did not report this payment: it stays outstanding',
      });
    }
  }
  const paid = accepted.filter((row) => row.outcome === 'paid');
  const failed = accepted.filter((row) => row.outcome === 'failed');
  const paidMinor = paid.reduce((sum, row) => sum + row.amountMinor, 0);
  const failedMinor = failed.reduce((sum, row) => sum + row.amountMinor, 0);
  const [imported] = await queryRows<{ at: string }>(
    tx,
    sql`INSERT INTO cash_reconciliations (id, batch_id, file_sha256, rows, paid_count,
            failed_count, paid_minor, failed_minor, mismatches, imported_at, imported_by,
            imported_by_name)
          VALUES (${id}, ${batchId}, ${createHash('sha256').update(file).digest('hex')},
            ${rows.length}, ${paid.length}, ${failed.length}, ${paidMinor}, ${failedMinor},
            ${JSON.stringify(mismatches)}::jsonb, now(), ${actor.userId}, ${actor.name})
          RETURNING to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`,
  );
  if (accepted.length > 0) {
    await tx.execute(
      sql`INSERT INTO cash_payment_outcomes (payment_id, reconciliation_id, outcome,
              provider_reference, failure_reason, recorded_at)
            SELECT u.payment_id, ${id}, u.outcome, NULLIF(u.provider_reference, ''),
                   NULLIF(u.failure_reason, ''), now()
              FROM unnest(${sql.param(accepted.map((row) => row.paymentId))}::uuid[],
                          ${sql.param(accepted.map((row) => row.outcome))}::text[],
                          ${sql.param(accepted.map((row) => row.providerReference ?? ''))}::text[],
                          ${sql.param(accepted.map((row) => row.failureReason ?? ''))}::text[])
                   AS u(payment_id, outcome, provider_reference, failure_reason)`,
    );
  }
  const voidedZeroLines =
    failed.length > 0
      ? await voidZeroLinesOf(
          tx,
          id,
          failed.map((row) => row.paymentId),
        )
      : 0;
  if (paidMinor > 0) {
    await appendPosting(
      tx,
      programme,
      settlementPosting(paidMinor, programme.currency),
      { batchId, reconciliationId: id },
      `Provider confirmed ${String(paid.length)} payments`,
      actor,
    );
  }
  if (failedMinor > 0) {
    await appendPosting(
      tx,
      programme,
      failureReversalPosting(failedMinor, programme.currency),
      { batchId, reconciliationId: id },
      `Provider failed ${String(failed.length)} payments`,
      actor,
    );
  }
  await appendAudit(tx, [
    {
      ...actor.audit,
      chain: programme.countryCode,
      action: 'cash-batch.reconcile',
      resourceType: 'cash-batch',
      resourceId: batchId,
      detail: {
        reconciliationId: id,
        paid: paid.length,
        failed: failed.length,
        voidedZeroLines,
        mismatches: mismatches.length,
      },
    },
  ]);
  return {
    id,
    batchId,
    rows: rows.length,
    paid: { amountMinor: paidMinor, currency: programme.currency },
    failed: { amountMinor: failedMinor, currency: programme.currency },
    paidCount: paid.length,
    failedCount: failed.length,
    mismatches,
    importedAt: imported?.at ?? '',
    importedByName: actor.name,
  };
}
