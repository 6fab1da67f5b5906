/**
 * Duplicates found after the grants (issue 6 item 2): one identity active in two places because
 * a later dedup run linked records that were each granted. Each such pair becomes one protection
 * case for caseworkers, like the case a second grant opens — and never two cases for one pair.
 */

/** A status as the duplicate check sees it: whose, where, and from when. */
export interface ActiveStatusRef {
  readonly personId: string;
  readonly countryCode: string;
  readonly effectiveOn: string;
}

/**
 * The key of a pair of statuses, the same whichever side is named first.
 * @example statusPairKey({ personId: 'b', countryCode: 'RO' }, { personId: 'a', countryCode: 'PL' })
 *   === 'a|PL~b|RO'
 */
export function statusPairKey(
  a: Pick<ActiveStatusRef, 'personId' | 'countryCode'>,
  b: Pick<ActiveStatusRef, 'personId' | 'countryCode'>,
): string {
  const left = `${a.personId}|${a.countryCode}`;
  const right = `${b.personId}|${b.countryCode}`;
  return left <= right ? `${left}~${right}` : `${right}~${left}`;
}

/** One case to open: the status taken as "here" (the later grant) and the one it conflicts with. */
export interface DuplicatePair<T extends ActiveStatusRef> {
  readonly key: string;
  readonly here: T;
  readonly other: T;
}

/**
 * The pairs of an identity's active statuses, each with its later grant as "here" — the side a
 * second grant would have been held on, had the duplicate been known in time.
 * @example duplicatePairs([ro 2022-03-08, pl 2022-04-01]) // [{ here: pl, other: ro }]
 */
export function duplicatePairs<T extends ActiveStatusRef>(
  statuses: readonly T[],
): DuplicatePair<T>[] {
  const newestFirst = [...statuses].sort((a, b) =>
    a.effectiveOn !== b.effectiveOn
      ? b.effectiveOn.localeCompare(a.effectiveOn)
      : `${a.countryCode}${a.personId}`.localeCompare(`${b.countryCode}${b.personId}`),
  );
  const pairs: DuplicatePair<T>[] = [];
  newestFirst.forEach((here, index) => {
    for (const other of newestFirst.slice(index + 1)) {
      pairs.push({ key: statusPairKey(here, other), here, other });
    }
  });
  return pairs;
}
