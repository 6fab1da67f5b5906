/**
 * Building a disbursement batch (issue 6 item 4): for every household due in a programme period,
 * which members are paid and which are held for review, and the household's amount.
 *
 * The guard: no identity is paid twice for overlapping periods of the same assistance kind, in
 * any programme, in any country. An identity is an identity cluster of the newest dedup run (a
 * person outside every cluster is their own identity), so the same person registered in Poland
 * and in Romania, or twice in Poland, is one identity. Agencies in 2022 lost most to exactly this
 * (DOMAIN.md section 13: duplicate enrolment across agencies and countries).
 *
 * Household amount when members are held: the amount is recomputed on the members paid, as if the
 * household had only them (UNHCR transfer values are per person with a household cap, DOMAIN.md
 * section 13). A held member's share is never paid twice: the household that already received it
 * keeps it, and if a reviewer releases the hold the household receives the difference as a top-up
 * ({@link releaseTopUp}). A household whose members are all held receives nothing in this batch.
 *
 * This module is the only place these rules live: the server loads compact rows, calls
 * {@link decideBatch}, and writes its decisions back in bulk.
 */
import { isActiveStatus, type ProtectionStatus } from '../temporary-protection/status.js';
import { householdEntitlement, type TransferValue } from './programmes.js';
import type { PaymentPeriod } from './schedule.js';

export const HOLD_REASONS = [
  /** The identity was already paid or committed for an overlapping period (any country). */
  'paid-elsewhere',
  /** The identity appears twice among the households of this batch; the earlier enrolment is paid. */
  'duplicate-in-batch',
  /** Protection status in the programme's country is not active (applied, suspended, lapsed). */
  'status-not-active',
  /** Protection in the programme's country has ceased. */
  'status-ceased',
  /** No protection status at all in the programme's country. */
  'no-protection-status',
] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** The protection of a member in the programme's country as the batch sees it. */
export type ProtectionStanding = 'active' | 'not-active' | 'ceased' | 'none';

export interface StatusOnRecord {
  readonly status: ProtectionStatus;
  readonly effectiveOn: string;
  readonly validUntil: string | null;
}

/**
 * A member's standing for a period from their current status in the programme's country: active
 * when the latest status, effective by the period's last day, is active and valid on its first
 * day. (Granted during the month pays the month; ceased during the month does not.)
 */
export function protectionStanding(
  current: StatusOnRecord | undefined,
  period: PaymentPeriod,
): ProtectionStanding {
  if (current === undefined) {
    return 'none';
  }
  if (current.status === 'ceased') {
    return 'ceased';
  }
  const active =
    isActiveStatus(current.status) &&
    current.effectiveOn <= period.endsOn &&
    (current.validUntil === null || current.validUntil >= period.startsOn);
  return active ? 'active' : 'not-active';
}

export interface DueMember {
  readonly personId: string;
  /** The identity cluster id, or the person id when the person is in no cluster. */
  readonly identityKey: string;
  readonly standing: ProtectionStanding;
}

export interface DueHousehold {
  readonly enrolmentId: string;
  /** 'YYYY-MM-DD'; with the enrolment id, decides which of two duplicates is paid. */
  readonly enrolledOn: string;
  /** The member the household named to receive the money. */
  readonly recipientPersonId: string;
  readonly members: readonly DueMember[];
}

export interface HeldMember {
  readonly personId: string;
  readonly identityKey: string;
  readonly reason: HoldReason;
}

export interface HouseholdDecision {
  readonly enrolmentId: string;
  /** The named recipient if paid, else the first paid member; null when nobody is paid. */
  readonly recipientPersonId: string | null;
  readonly amountMinor: number;
  readonly paidPersonIds: readonly string[];
  readonly held: readonly HeldMember[];
}

export interface BatchDecisions {
  readonly households: readonly HouseholdDecision[];
  readonly totalMinor: number;
  readonly personsPaid: number;
  readonly personsHeld: number;
}

const STANDING_HOLDS: Readonly<Record<Exclude<ProtectionStanding, 'active'>, HoldReason>> = {
  'not-active': 'status-not-active',
  ceased: 'status-ceased',
  none: 'no-protection-status',
};

/**
 * Decides pay or hold for each member of each due household, in one pass over a Map: linear in
 * the number of members (a million persons decide in well under a second).
 * @example decideBatch(transfer, [household of A and B], new Set([identity of B]))
 *   // A paid 700 PLN, B held 'paid-elsewhere'
 */
export function decideBatch(
  transfer: TransferValue,
  households: readonly DueHousehold[],
  paidIdentities: ReadonlySet<string>,
): BatchDecisions {
  // Earlier enrolments win a duplicate within the batch; ties broken by id so a rebuild agrees.
  const ordered = [...households].sort((a, b) =>
    a.enrolledOn === b.enrolledOn
      ? a.enrolmentId < b.enrolmentId
        ? -1
        : a.enrolmentId > b.enrolmentId
          ? 1
          : 0
      : a.enrolledOn < b.enrolledOn
        ? -1
        : 1,
  );
  const paidInBatch = new Set<string>();
  const decisions: HouseholdDecision[] = [];
  let totalMinor = 0;
  let personsPaid = 0;
  let personsHeld = 0;
  for (const household of ordered) {
    const paidPersonIds: string[] = [];
    const held: HeldMember[] = [];
    for (const member of household.members) {
      const reason: HoldReason | undefined =
        member.standing !== 'active'
          ? STANDING_HOLDS[member.standing]
          : paidIdentities.has(member.identityKey)
            ? 'paid-elsewhere'
            : paidInBatch.has(member.identityKey)
              ? 'duplicate-in-batch'
              : undefined;
      if (reason === undefined) {
        paidInBatch.add(member.identityKey);
        paidPersonIds.push(member.personId);
      } else {
        held.push({ personId: member.personId, identityKey: member.identityKey, reason });
      }
    }
    const amountMinor = householdEntitlement(transfer, paidPersonIds.length);
    const recipientPersonId = paidPersonIds.includes(household.recipientPersonId)
      ? household.recipientPersonId
      : (paidPersonIds[0] ?? null);
    decisions.push({
      enrolmentId: household.enrolmentId,
      recipientPersonId,
      amountMinor,
      paidPersonIds,
      held,
    });
    totalMinor += amountMinor;
    personsPaid += paidPersonIds.length;
    personsHeld += held.length;
  }
  return { households: decisions, totalMinor, personsPaid, personsHeld };
}

/**
 * Kinds of payment line: 'regular' built with the batch, 'top-up' paid when a reviewer releases
 * a hold, 'covered-at-cap' a zero-amount line for a released member whose household had already
 * reached its cap — nothing is sent to the provider, but the line records that the person is
 * covered for the period, so the cross-country guard sees them (the guard reads payment lines).
 */
export const PAYMENT_LINE_KINDS = ['regular', 'top-up', 'covered-at-cap'] as const;
export type PaymentLineKind = (typeof PAYMENT_LINE_KINDS)[number];

/**
 * The line a released hold adds to its batch: the top-up, or — when the household cap was
 * already reached — a zero-amount line that still covers the released person for the period.
 * @example releaseLine(UNHCR PL 2022, 4, 250_000) // { kind: 'covered-at-cap', amountMinor: 0 }
 */
export function releaseLine(
  transfer: TransferValue,
  personsPaidBefore: number,
  amountPaidBeforeMinor: number,
): { kind: 'top-up' | 'covered-at-cap'; amountMinor: number } {
  const amountMinor = releaseTopUp(transfer, personsPaidBefore, amountPaidBeforeMinor);
  return { kind: amountMinor > 0 ? 'top-up' : 'covered-at-cap', amountMinor };
}

/**
 * What a household receives when a reviewer releases one held member: the entitlement of the
 * members paid plus the released one, less what the household already received for the period.
 * @example releaseTopUp(UNHCR PL 2022, 1, 70_000) === 60_000 // 1,300 − 700 PLN
 */
export function releaseTopUp(
  transfer: TransferValue,
  personsPaidBefore: number,
  amountPaidBeforeMinor: number,
): number {
  return Math.max(0, householdEntitlement(transfer, personsPaidBefore + 1) - amountPaidBeforeMinor);
}
