/**
 * Pairs a match weight must not decide alone (#3 item 3). Twins share a surname, a patronymic,
 * a birth date and a sex; a Fellegi–Sunter weight, which takes the fields as independent, adds
 * these agreements up and outweighs the one field that tells twins apart. Merging twins takes
 * away a child's separate rights, so such a pair goes to review instead.
 */
import type { ComparisonVector } from './comparison-vector.js';

/**
 * True when two records name different given names and no shared document vouches for them
 * being one person: twins, or siblings registered with a mistyped birth date.
 * @example isDisputedPair(compareRecords(olenaTwin, hannaTwin)) // true
 */
export function isDisputedPair(vector: ComparisonVector): boolean {
  const { givenName, document } = vector.levels;
  return givenName === 'different' && document !== 'exact' && document !== 'one-typo';
}
