/**
 * How long Haven keeps each kind of record (issue #4), as data: the retention job applies these
 * rules and nothing else. Periods follow the purpose (UNHCR data-protection policy 2015, §6.4;
 * GDPR Art. 5(1)(e)): technical records go as soon as they have served; personal data goes when
 * the household has not been seen for the period a deployment sets.
 */
export type RetainedRecord =
  'session' | 'login-failure' | 'idempotency-key' | 'api-token' | 'person' | 'manifest-entry';

export interface RetentionRule {
  readonly record: RetainedRecord;
  /** Days after the record's last use (see `after`) that it is kept. */
  readonly days: number;
  /** What the period counts from. */
  readonly after: string;
  /** What happens at the end: deleted, or erased in place so that counts of arrivals stay. */
  readonly action: 'delete' | 'erase';
}

export const RETENTION_RULES: readonly RetentionRule[] = [
  { record: 'session', days: 0, after: 'expiry or idle timeout', action: 'delete' },
  { record: 'login-failure', days: 1, after: 'the last failed sign-in', action: 'delete' },
  { record: 'idempotency-key', days: 30, after: 'the request', action: 'delete' },
  { record: 'api-token', days: 90, after: 'expiry or revocation', action: 'delete' },
  {
    record: 'person',
    days: 5 * 365,
    after: "the household's latest registration",
    action: 'erase',
  },
  {
    // Someone who boarded a run but was never linked to a registered person (not checked in, or
    // checked in and registered without the pre-filled form): their entry serves the run's
    // reconciliation and, for someone missing, the tracing of their family (ICRC Restoring Family
    // Links), which lasts as long as a registered person's record. The same period as a person,
    // then: a shorter one would forget the missing sooner than the found. An entry linked to a
    // registered person goes with that person's erasure instead.
    record: 'manifest-entry',
    days: 5 * 365,
    after:
      'the end of its run: the latest of its arrival (else its expected arrival), its last ' +
      'change (a cancellation) and its last check-in',
    action: 'erase',
  },
];

/** The rule of a record type, with a deployment's own period where it sets one. */
export function retentionDays(
  record: RetainedRecord,
  overrides: Partial<Record<RetainedRecord, number>> = {},
): number {
  const rule = RETENTION_RULES.find((candidate) => candidate.record === record);
  if (!rule) {
    throw new RangeError(`No retention rule for ${record}`);
  }
  return overrides[record] ?? rule.days;
}
