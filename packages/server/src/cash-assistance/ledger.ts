/**
 * Writing to the double-entry ledger: every posting is checked by core (lines in the programme's
 * currency, whole minor units, summing to zero) before it is inserted; postings are never updated
 * or deleted. Balances and the proof that the ledger balances are read here too.
 */
import { randomUUID } from 'node:crypto';
import {
  LEDGER_ACCOUNT_KINDS,
  checkPosting,
  type Currency,
  type LedgerAccountKind,
  type Posting,
} from '@haven/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import type { CashActor } from './caller.js';

export interface PostingRefs {
  readonly batchId?: string | undefined;
  readonly reconciliationId?: string | undefined;
  readonly holdId?: string | undefined;
}

/** Opens the accounts of a new programme, one per kind, in its currency. */
export async function openLedgerAccounts(
  tx: Db,
  programmeId: string,
  currency: Currency,
): Promise<void> {
  const ids = LEDGER_ACCOUNT_KINDS.map(() => randomUUID());
  await tx.execute(
    sql`INSERT INTO cash_ledger_accounts (id, programme_id, kind, currency)
        SELECT u.id, ${programmeId}, u.kind, ${currency}
          FROM unnest(${sql.param(ids)}::uuid[], ${sql.param([...LEDGER_ACCOUNT_KINDS])}::text[])
               AS u(id, kind)`,
  );
}

/**
 * Appends a balanced posting to a programme's ledger; refuses (422, with core's reason) a posting
 * in another currency, of fractional amounts, or whose lines do not sum to zero.
 */
export async function appendPosting(
  tx: Db,
  programme: { readonly id: string; readonly currency: Currency },
  posting: Posting,
  refs: PostingRefs,
  memo: string,
  actor: CashActor,
): Promise<string> {
  const refusal = checkPosting(posting, programme.currency);
  if (refusal) {
    throw new HttpProblem(
      422,
      refusal.code,
      'The ledger refuses this posting',
      undefined,
      refusal.reason,
    );
  }
  const id = randomUUID();
  await tx.execute(
    sql`INSERT INTO cash_postings (id, programme_id, kind, batch_id, reconciliation_id, hold_id,
                                   memo, posted_at, posted_by, posted_by_name)
        VALUES (${id}, ${programme.id}, ${posting.kind}, ${refs.batchId ?? null},
                ${refs.reconciliationId ?? null}, ${refs.holdId ?? null}, ${memo}, now(),
                ${actor.userId}, ${actor.name})`,
  );
  const lines = posting.lines.filter((line) => line.amountMinor !== 0);
  await tx.execute(
    sql`INSERT INTO cash_posting_lines (id, posting_id, account_id, amount_minor, currency)
        SELECT u.id, ${id}, a.id, u.amount, ${programme.currency}
          FROM unnest(${sql.param(lines.map(() => randomUUID()))}::uuid[],
                      ${sql.param(lines.map((line) => line.account))}::text[],
                      ${sql.param(lines.map((line) => line.amountMinor))}::bigint[])
               AS u(id, kind, amount)
          JOIN cash_ledger_accounts a ON a.programme_id = ${programme.id} AND a.kind = u.kind`,
  );
  return id;
}

export interface AccountBalance {
  readonly account: LedgerAccountKind;
  readonly balanceMinor: number;
  readonly currency: Currency;
}

export async function ledgerBalances(executor: Db, programmeId: string): Promise<AccountBalance[]> {
  const rows = await queryRows<{ kind: LedgerAccountKind; currency: Currency; balance: string }>(
    executor,
    sql`SELECT a.kind, a.currency, coalesce(sum(l.amount_minor), 0)::text AS balance
          FROM cash_ledger_accounts a
          LEFT JOIN cash_posting_lines l ON l.account_id = a.id
         WHERE a.programme_id = ${programmeId}
         GROUP BY a.kind, a.currency
         ORDER BY a.kind`,
  );
  return rows.map((row) => ({
    account: row.kind,
    currency: row.currency,
    balanceMinor: Number(row.balance),
  }));
}

export interface BatchLedgerProof {
  /** Sum of every posting line of the programme, in its currency: zero when balanced. */
  readonly ledgerSumMinor: number;
  /** Credited to the payable account by the batch's commitment and hold-release postings. */
  readonly committedMinor: number;
  /** Sum of the batch's payment lines. */
  readonly paymentLinesMinor: number;
  readonly balanced: boolean;
}

/** The proof, by query, that the ledger balances and that the batch posted what it pays. */
export async function batchLedgerProof(
  executor: Db,
  programmeId: string,
  batchId: string,
): Promise<BatchLedgerProof> {
  const [row] = await queryRows<{ ledger: string; committed: string; lines: string }>(
    executor,
    sql`SELECT
          (SELECT coalesce(sum(l.amount_minor), 0) FROM cash_posting_lines l
             JOIN cash_postings p ON p.id = l.posting_id
            WHERE p.programme_id = ${programmeId})::text AS ledger,
          (SELECT coalesce(-sum(l.amount_minor), 0) FROM cash_posting_lines l
             JOIN cash_postings p ON p.id = l.posting_id
             JOIN cash_ledger_accounts a ON a.id = l.account_id
            WHERE p.batch_id = ${batchId} AND a.kind = 'beneficiary-payable'
              AND p.kind IN ('batch-commitment', 'hold-release'))::text AS committed,
          (SELECT coalesce(sum(amount_minor), 0) FROM cash_payments
            WHERE batch_id = ${batchId})::text AS lines`,
  );
  const ledgerSumMinor = Number(row?.ledger ?? 0);
  const committedMinor = Number(row?.committed ?? 0);
  const paymentLinesMinor = Number(row?.lines ?? 0);
  return {
    ledgerSumMinor,
    committedMinor,
    paymentLinesMinor,
    balanced: ledgerSumMinor === 0 && committedMinor === paymentLinesMinor,
  };
}
