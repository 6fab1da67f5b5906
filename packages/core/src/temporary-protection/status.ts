/**
 * The temporary-protection status timeline of one person in one host country (issue 6 item 2):
 * applied → granted → document issued → extended → suspended / lapsed → ceased. Every change is
 * an appended event; which changes are allowed, and why a status may end, is this table.
 *
 * Sources: Council Directive 2001/55/EC (TPD) Art. 4 (duration), Art. 6 (end of temporary
 * protection), Art. 8 (residence permits: "document issued"); Council Implementing Decision
 * (EU) 2022/382 Art. 2; DOMAIN.md section 1 ("Modelling consequence").
 */

export const PROTECTION_STATUSES = [
  'applied',
  'granted',
  'document-issued',
  'extended',
  'suspended',
  'lapsed',
  'ceased',
] as const;
export type ProtectionStatus = (typeof PROTECTION_STATUSES)[number];

/** Statuses under which the person holds temporary protection and its rights. */
const ACTIVE_STATUSES: ReadonlySet<ProtectionStatus> = new Set([
  'granted',
  'document-issued',
  'extended',
]);

/** Granted, document issued or extended: the person holds protection and its rights. */
export function isActiveStatus(status: ProtectionStatus): boolean {
  return ACTIVE_STATUSES.has(status);
}

/**
 * Why a status is suspended, lapses or ceases. Each names the rule it follows:
 * - returned-to-ukraine: voluntary return (TPD Art. 21); in Poland also an absence of more than
 *   one month (Special Act of 12 March 2022, DOMAIN.md section 1) — recorded as 'lapsed'.
 * - protection-elsewhere: temporary protection granted by another State; one status only
 *   (TPD Art. 26 transfer; the Temporary Protection Platform, DOMAIN.md section 2).
 * - moved-to-another-country: the person left the host country to reside elsewhere.
 * - other-status: international protection or another residence title replaced TP.
 * - protection-ended: the Council ended temporary protection or its period ran out (TPD Art. 6).
 * - application-refused / application-withdrawn: the application did not lead to a grant.
 * - absence-rule: a national absence rule was breached (PL: more than one month abroad).
 * - not-renewed: the document or registration was not renewed in time.
 * - pending-case: held while caseworkers resolve a conflict between countries.
 * - exclusion: excluded under TPD Art. 28 (serious crimes, danger to security).
 * - deceased.
 */
export const STATUS_REASONS = [
  'returned-to-ukraine',
  'protection-elsewhere',
  'moved-to-another-country',
  'other-status',
  'protection-ended',
  'application-refused',
  'application-withdrawn',
  'absence-rule',
  'not-renewed',
  'pending-case',
  'exclusion',
  'deceased',
  'reinstated',
] as const;
export type StatusReason = (typeof STATUS_REASONS)[number];

/** The reasons each status accepts; statuses not listed take no reason. */
export const REASONS_BY_STATUS: Readonly<
  Partial<Record<ProtectionStatus, readonly StatusReason[]>>
> = {
  suspended: ['pending-case', 'absence-rule', 'exclusion'],
  lapsed: ['absence-rule', 'not-renewed', 'returned-to-ukraine'],
  ceased: [
    'returned-to-ukraine',
    'protection-elsewhere',
    'moved-to-another-country',
    'other-status',
    'protection-ended',
    'application-refused',
    'application-withdrawn',
    'exclusion',
    'deceased',
  ],
  granted: ['reinstated'],
};

/**
 * Allowed transitions. `null` is "no status yet in this country". Some countries grant on
 * registration (Poland's PESEL UKR), so a first event may be 'granted'. A lapsed or ceased
 * status can be applied for again (a person who returned to Ukraine and fled again).
 */
export const STATUS_TRANSITIONS: Readonly<
  Record<ProtectionStatus | 'none', readonly ProtectionStatus[]>
> = {
  none: ['applied', 'granted'],
  applied: ['granted', 'ceased'],
  granted: ['document-issued', 'extended', 'suspended', 'lapsed', 'ceased'],
  'document-issued': ['document-issued', 'extended', 'suspended', 'lapsed', 'ceased'],
  extended: ['document-issued', 'extended', 'suspended', 'lapsed', 'ceased'],
  suspended: ['granted', 'lapsed', 'ceased'],
  lapsed: ['applied', 'granted', 'ceased'],
  ceased: ['applied'],
};

export type TransitionRefusal =
  | { readonly code: 'transition-not-allowed'; readonly message: string }
  | { readonly code: 'reason-required'; readonly message: string }
  | { readonly code: 'reason-not-allowed'; readonly message: string }
  | { readonly code: 'effective-before-current'; readonly message: string };

export interface CurrentStatus {
  readonly status: ProtectionStatus;
  readonly effectiveOn: string;
}

export interface StatusChange {
  readonly status: ProtectionStatus;
  readonly reason: StatusReason | null;
  readonly effectiveOn: string;
}

/** The statuses that may follow `current` (no status yet: `null`). */
export function nextStatuses(current: ProtectionStatus | null): readonly ProtectionStatus[] {
  return STATUS_TRANSITIONS[current ?? 'none'];
}

/**
 * Why a status change is refused, or undefined when it is allowed: the transition must be in
 * the table, suspended/lapsed/ceased need a reason that fits, and a change cannot take effect
 * before the current status did (the timeline is read in effective order).
 *
 * @example checkTransition({ status: 'ceased', effectiveOn: '2023-01-01' },
 *   { status: 'granted', reason: null, effectiveOn: '2023-02-01' }) // → transition-not-allowed
 */
export function checkTransition(
  current: CurrentStatus | null,
  change: StatusChange,
): TransitionRefusal | undefined {
  const from = current?.status ?? null;
  if (!nextStatuses(from).includes(change.status)) {
    const allowed = nextStatuses(from).join(', ');
    return {
      code: 'transition-not-allowed',
      message: `A status cannot change from ${from ?? 'none'} to ${change.status}; allowed next: ${allowed}`,
    };
  }
  const reasons = REASONS_BY_STATUS[change.status];
  const needsReason =
    change.status === 'suspended' || change.status === 'lapsed' || change.status === 'ceased';
  if (needsReason && change.reason === null) {
    return {
      code: 'reason-required',
      message: `A ${change.status} status needs a reason: one of ${(reasons ?? []).join(', ')}`,
    };
  }
  if (change.reason !== null && !(reasons ?? []).includes(change.reason)) {
    return {
      code: 'reason-not-allowed',
      message: `'${change.reason}' is not a reason for ${change.status}`,
    };
  }
  if (current && change.effectiveOn < current.effectiveOn) {
    return {
      code: 'effective-before-current',
      message: `The change cannot take effect before the current status (${current.effectiveOn})`,
    };
  }
  return undefined;
}

/** A refused status change as an error with a stable code, for callers that cannot go on. */
export class StatusTransitionError extends Error {
  constructor(readonly refusal: TransitionRefusal) {
    super(refusal.message);
    this.name = 'StatusTransitionError';
  }
}

/** Throws {@link StatusTransitionError} unless {@link checkTransition} allows the change. */
export function assertTransition(current: CurrentStatus | null, change: StatusChange): void {
  const refusal = checkTransition(current, change);
  if (refusal) {
    throw new StatusTransitionError(refusal);
  }
}
