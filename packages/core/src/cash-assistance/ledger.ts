/**
 * The double-entry ledger of cash assistance (issue 6 item 4). Every amount enters as a posting
 * whose lines sum to zero in each currency; nothing is updated in place, a correction is a
 * reversing posting. Debits are positive, credits negative.
 *
 * Accounts per programme (one currency each):
 * - assistance-expense: what the programme has committed to beneficiaries (debit balance);
 * - beneficiary-payable: owed to beneficiaries, not yet confirmed paid by the provider (credit);
 * - provider-clearing: paid out through the payment provider, to settle with its statement.
 *
 * The general ledger is posted per batch (a control-account posting), per released hold and per
 * reconciliation import; the batch's payment lines are the subsidiary ledger of the payable
 * account. Their sum equals the batch posting — the benchmark and the tests prove it by query.
 */
import type { Currency } from './money.js';
import { isMinorAmount } from './money.js';

export const LEDGER_ACCOUNT_KINDS = [
  'assistance-expense',
  'beneficiary-payable',
  'provider-clearing',
] as const;
export type LedgerAccountKind = (typeof LEDGER_ACCOUNT_KINDS)[number];

export const POSTING_KINDS = [
  /** A batch commits its payments: expense to payable. */
  'batch-commitment',
  /** A held payment released by a reviewer: expense to payable, for the top-up. */
  'hold-release',
  /** The provider confirmed payments: payable to provider clearing. */
  'settlement',
  /** The provider could not pay: the commitment is reversed, payable back to expense. */
  'failure-reversal',
] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

export interface PostingLine {
  readonly account: LedgerAccountKind;
  /** Debit positive, credit negative, integer minor units. */
  readonly amountMinor: number;
  readonly currency: Currency;
}

export interface Posting {
  readonly kind: PostingKind;
  readonly lines: readonly PostingLine[];
}

export type PostingRefusal =
  | { readonly kind: 'refused'; readonly code: 'wrong-currency'; readonly reason: string }
  | { readonly kind: 'refused'; readonly code: 'not-balanced'; readonly reason: string }
  | { readonly kind: 'refused'; readonly code: 'not-an-amount'; readonly reason: string };

/**
 * Checks a posting against its ledger's currency: every line in that currency, every amount a
 * whole number of minor units, and the lines summing to zero.
 * @example checkPosting({ kind: 'settlement', lines: [{ account: 'beneficiary-payable',
 *   amountMinor: 700_00, currency: 'PLN' }, { account: 'provider-clearing', amountMinor: -700_00,
 *   currency: 'PLN' }] }, 'PLN') // undefined: balanced
 */
export function checkPosting(
  posting: Posting,
  ledgerCurrency: Currency,
): PostingRefusal | undefined {
  let sum = 0;
  for (const line of posting.lines) {
    if (line.currency !== ledgerCurrency) {
      return {
        kind: 'refused',
        code: 'wrong-currency',
        reason: `The programme pays in ${ledgerCurrency}; a line in ${line.currency} cannot be posted to it`,
      };
    }
    if (!isMinorAmount(line.amountMinor)) {
      return {
        kind: 'refused',
        code: 'not-an-amount',
        reason: `${String(line.amountMinor)} is not a whole number of minor units`,
      };
    }
    sum += line.amountMinor;
  }
  if (sum !== 0) {
    return {
      kind: 'refused',
      code: 'not-balanced',
      reason: `The lines sum to ${String(sum)} ${ledgerCurrency}, not zero`,
    };
  }
  return undefined;
}

function twoLegs(
  kind: PostingKind,
  debit: LedgerAccountKind,
  credit: LedgerAccountKind,
  amountMinor: number,
  currency: Currency,
): Posting {
  return {
    kind,
    lines: [
      { account: debit, amountMinor, currency },
      { account: credit, amountMinor: -amountMinor, currency },
    ],
  };
}

/** A batch (or a released hold) commits `amountMinor`: debit expense, credit payable. */
export function commitmentPosting(
  kind: 'batch-commitment' | 'hold-release',
  amountMinor: number,
  currency: Currency,
): Posting {
  return twoLegs(kind, 'assistance-expense', 'beneficiary-payable', amountMinor, currency);
}

/** The provider paid `amountMinor`: debit payable, credit provider clearing. */
export function settlementPosting(amountMinor: number, currency: Currency): Posting {
  return twoLegs('settlement', 'beneficiary-payable', 'provider-clearing', amountMinor, currency);
}

/** The provider failed to pay `amountMinor`: the commitment is reversed (debit payable, credit expense). */
export function failureReversalPosting(amountMinor: number, currency: Currency): Posting {
  return twoLegs(
    'failure-reversal',
    'beneficiary-payable',
    'assistance-expense',
    amountMinor,
    currency,
  );
}
