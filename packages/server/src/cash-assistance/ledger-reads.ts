/** The ledger of a programme as a welfare officer reads it: trial balance and latest postings. */
import type { Currency, LedgerAccountKind, PostingKind } from '@haven/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import type { CashActor } from './caller.js';
import { ledgerBalances } from './ledger.js';
import { programmeInScope } from './programmes.js';

export async function readLedger(db: Db, actor: CashActor, programmeId: string) {
  const programme = await programmeInScope(db, actor, programmeId);
  const balances = await ledgerBalances(db, programmeId);
  const rows = await queryRows<{
    id: string;
    kind: PostingKind;
    batch_id: string | null;
    memo: string;
    posted_at: string;
    posted_by_name: string;
    lines: { account: LedgerAccountKind; amountMinor: number; currency: Currency }[] | string;
  }>(
    db,
    sql`SELECT p.id, p.kind, p.batch_id, p.memo,
               to_char(p.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS posted_at,
               p.posted_by_name,
               (SELECT json_agg(json_build_object('account', a.kind, 'amountMinor', l.amount_minor,
                                                  'currency', l.currency) ORDER BY l.amount_minor DESC)
                  FROM cash_posting_lines l JOIN cash_ledger_accounts a ON a.id = l.account_id
                 WHERE l.posting_id = p.id) AS lines
          FROM cash_postings p
         WHERE p.programme_id = ${programmeId}
         ORDER BY p.posted_at DESC, p.id LIMIT 100`,
  );
  return {
    programmeId,
    currency: programme.currency,
    balances,
    sumMinor: balances.reduce((sum, balance) => sum + balance.balanceMinor, 0),
    postings: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      batchId: row.batch_id,
      memo: row.memo,
      postedAt: row.posted_at,
      postedByName: row.posted_by_name,
      lines: (typeof row.lines === 'string'
        ? (JSON.parse(row.lines) as typeof row.lines)
        : row.lines) as {
        account: LedgerAccountKind;
        amountMinor: number;
        currency: Currency;
      }[],
    })),
  };
}
