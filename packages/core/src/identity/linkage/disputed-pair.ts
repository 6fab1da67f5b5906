/**
 * Pairs a match weight must not decide alone (#3 item 3). Twins share a surname, a patronymic,
 * a birth date and a sex; a Fellegi–Sunter weight, which takes the fields as independent, adds
 * these agreements up and outweighs the one field that tells twins apart. Merging twins takes
 * away a child's separate rights, so such a pair goes to review instead.
 */
import { isSexVariant, NAME_MATCH_LEVELS, type NameMatchLevel } from '../compare-names.js';
import type { DocumentMatchLevel } from '../compare-documents.js';
import { isKnownGivenName } from '../nicknames.js';
import { editDistance } from '../string-similarity.js';
import type { ComparisonVector } from './comparison-vector.js';
import type { LinkageModel } from './fellegi-sunter.js';

/** A record's given name as the register shows it. */
export interface GivenNameSpelling {
  /** canonicalName of the given name. */
  readonly canonical: string;
  /** Its phonetic key (phoneticKey). */
  readonly key: string;
  /** How many records of the register carry this given name (its class, in any spelling). */
  readonly carriedBy: number;
}

/** Keystrokes a slip of the pen may cost a given name of MIN_CHARS_FOR_TWO_SLIPS letters or more. */
const MAX_SLIP_EDITS = 2;
/** Shorter names are too easily another name after two edits (Ева, Іда): one only. */
const MIN_CHARS_FOR_TWO_SLIPS = 7;
/** Shorter names are another name after one edit. */
const MIN_SLIP_CHARS = 4;

/**
 * True when one of two different given names is a slip of the pen for the other, not a
 * sibling's name: carried by no other record of the register, known to no dictionary, not the
 * other's form for the other sex (Ярослав, Ярослава), a keystroke from it (two in a long name),
 * while the other is carried by several records (Rhomas against Thomas). A twin's name is a
 * name: known, or carried by others too; in a register so small that every name is carried
 * once, nothing is a slip.
 * @example isSlipOfThePen({ canonical: 'rhomas', key: 'RHOMAS', carriedBy: 1 }, { canonical: 'thomas', key: 'THOMAS', carriedBy: 30 }) // true
 */
export function isSlipOfThePen(a: GivenNameSpelling, b: GivenNameSpelling): boolean {
  const [slip, name] = a.carriedBy <= b.carriedBy ? [a, b] : [b, a];
  const shorter = Math.min(slip.canonical.length, name.canonical.length);
  const edits = shorter >= MIN_CHARS_FOR_TWO_SLIPS ? MAX_SLIP_EDITS : 1;
  return (
    slip.carriedBy <= 1 &&
    name.carriedBy >= 2 &&
    shorter >= MIN_SLIP_CHARS &&
    !slip.key.split(' ').some(isKnownGivenName) &&
    !isSexVariant(slip.key, name.key) &&
    Math.abs(slip.canonical.length - name.canonical.length) <= edits &&
    editDistance(slip.canonical, name.canonical) <= edits
  );
}

/**
 * The share of one person's pairs of records that name different given names, as EM estimates
 * it, up to which the register's given names tell twins apart. A register of households, whose
 * given names are transcribed and mistyped but kept, sits near 1 % (generated registrations:
 * 0.97 %); registers whose clerks replaced given names sit above 12 % (fake_1000 12.7 %,
 * historical figures 13.4 %, FEBRL3 18.1 %).
 */
export const MAX_DIFFERENT_GIVEN_NAMES_FOR_TWINS_RULE = 0.05;

/**
 * True when the register's given names are steady enough for the twins rule: EM finds that one
 * person's records name different given names in fewer than one pair in twenty. Where they do
 * more often, a different given name is no sign of a twin but the register's common error, the
 * model weighs it as such, and the rule would only keep one person apart wherever a clerk wrote
 * another name (FEBRL3: 130 pairs; the historical figures: 41,000).
 * @example givenNamesTellTwinsApart(model) // false where m(different) is 0.13
 */
export function givenNamesTellTwinsApart(model: LinkageModel): boolean {
  return differentGivenNameShare(model) <= MAX_DIFFERENT_GIVEN_NAMES_FOR_TWINS_RULE;
}

/** m of a different given name: how often one person's records name different given names. */
export function differentGivenNameShare(model: LinkageModel): number {
  return model.fields.givenName.m[NAME_MATCH_LEVELS.indexOf('different')] ?? 0;
}

/**
 * True when the given names differ and no shared document vouches for one person: the twins
 * rule on the levels alone, as the batch decides it once per pattern.
 * @example isDisputedByLevels('different', 'missing') // true
 */
export function isDisputedByLevels(
  givenName: NameMatchLevel,
  document: DocumentMatchLevel,
): boolean {
  return givenName === 'different' && document !== 'exact' && document !== 'one-typo';
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
  return (
    isDisputedByLevels(vector.levels.givenName, vector.levels.document) &&
    !(givenNames !== undefined && isSlipOfThePen(...givenNames))
  );
}
