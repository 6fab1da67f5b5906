/**
 * Pairs a match weight must not decide alone (#3 item 3). Twins share a surname, a patronymic,
 * a birth date and a sex; a Fellegi–Sunter weight, which takes the fields as independent, adds
 * these agreements up and outweighs the one field that tells twins apart. Merging twins takes
 * away a child's separate rights, so such a pair goes to review instead.
 */
import { editDistance } from '../string-similarity.js';
import type { ComparisonVector } from './comparison-vector.js';

/** A record's given name as the register shows it. */
export interface GivenNameSpelling {
  /** canonicalName of the given name. */
  readonly canonical: string;
  /** No other record of the register carries this given name (its class, in any spelling). */
  readonly isLone: boolean;
}

/** Keystrokes a slip of the pen may cost a given name (Rhomas, Hrarry, Amrbr). */
const MAX_SLIP_EDITS = 2;
/** Shorter names are too easily another name after two edits. */
const MIN_SLIP_CHARS = 3;

/**
 * True when one of two different given names is carried by no one else in the register and is
 * a keystroke or two from the other: a slip of the pen, not a sibling's name. A twin's name is a
 * name others carry too (Марія and Дарія are each common), so this never clears real twins in a
 * register large enough to show which names are in use.
 * @example isSlipOfThePen({ canonical: 'rhomas', isLone: true }, { canonical: 'thomas', isLone: false }) // true
 */
export function isSlipOfThePen(a: GivenNameSpelling, b: GivenNameSpelling): boolean {
  return (
    (a.isLone || b.isLone) &&
    Math.min(a.canonical.length, b.canonical.length) >= MIN_SLIP_CHARS &&
    Math.abs(a.canonical.length - b.canonical.length) <= MAX_SLIP_EDITS &&
    editDistance(a.canonical, b.canonical) <= MAX_SLIP_EDITS
  );
}

/**
 * True when two records name different given names and no shared document vouches for them
 * being one person: twins, or siblings registered with a mistyped birth date. With the
 * register's view of both given names, a slip of the pen (isSlipOfThePen) is not a dispute.
 * @example isDisputedPair(compareRecords(olenaTwin, hannaTwin)) // true
 */
export function isDisputedPair(
  vector: ComparisonVector,
  givenNames?: readonly [GivenNameSpelling, GivenNameSpelling],
): boolean {
  const { givenName, document } = vector.levels;
  return (
    givenName === 'different' &&
    document !== 'exact' &&
    document !== 'one-typo' &&
    !(givenNames !== undefined && isSlipOfThePen(...givenNames))
  );
}
