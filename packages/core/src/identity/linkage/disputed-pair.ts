/**
 * Pairs a match weight must not decide alone (#3 item 3). Twins share a surname, a patronymic,
 * a birth date and a sex; a Fellegi–Sunter weight, which takes the fields as independent, adds
 * these agreements up and outweighs the one field that tells twins apart. Merging twins takes
 * away a child's separate rights, so such a pair goes to review instead.
 */
import { isSexVariant, type NameMatchLevel } from '../compare-names.js';
import type { DateMatchLevel } from '../compare-dates.js';
import type { DocumentMatchLevel } from '../compare-documents.js';
import { isKnownGivenName } from '../nicknames.js';
import { editDistance } from '../string-similarity.js';
import type { ComparisonVector } from './comparison-vector.js';

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
 * What a register shows of how steady its people's given names are, counted on pairs the other
 * fields alone make one person (at the link weight) and that cannot be twins (cannotBeTwins:
 * one document, or birth dates a clerk's slip apart; twins share a birth date). m of a
 * `different` given name, as EM estimates it, is no measure here: EM's class of matches takes in
 * the twins a register of households plants, which is what the measure must not count.
 */
export interface GivenNameSteadiness {
  /** Such pairs whose records both have a given name. */
  readonly pairs: number;
  /** Of those, the pairs whose given names are different. */
  readonly differentPairs: number;
}

/**
 * The share of such pairs naming different given names up to which the given names tell twins
 * apart, judged on its lower confidence bound. Generated registers of households, whose names
 * are transcribed, Russified and mistyped but kept, show about 1 %; the public benchmark sets,
 * whose generators replace given names, 11–18 %. Not lower: in a register of households where one
 * later registration in twenty carries another given name (8 % of such pairs), dropping the rule
 * found 5 % more of one person's pairs but merged about 40 twins in 5,000 records.
 */
export const MAX_DIFFERENT_GIVEN_NAMES_FOR_TWINS_RULE = 0.1;

/** z of a one-sided 97.5 % bound: the rule is dropped on evidence, not on a handful of pairs. */
const CONFIDENCE_Z = 1.96;

/** A clerk's slip in one of two dates, which twins' dates (one date) cannot show. */
const DATES_A_SLIP_APART: readonly DateMatchLevel[] = [
  'one-typo',
  'day-month-swapped',
  'off-by-one-year',
];

/**
 * True when a pair cannot be twins on these levels: one document, or birth dates a clerk's slip
 * apart (a digit, day and month exchanged, a year) with no documents that differ. Not dates a
 * day apart (twins born either side of midnight) nor dates that differ outright (siblings).
 * @example cannotBeTwins('one-typo', 'missing') // true
 */
export function cannotBeTwins(birthDate: DateMatchLevel, document: DocumentMatchLevel): boolean {
  return (
    document === 'exact' || (document !== 'different' && DATES_A_SLIP_APART.includes(birthDate))
  );
}

/** Wilson's lower bound of a share of `hits` among `count`. */
function lowerBound(hits: number, count: number): number {
  if (count === 0) {
    return 0;
  }
  const share = hits / count;
  const z2 = CONFIDENCE_Z * CONFIDENCE_Z;
  const centre = share + z2 / (2 * count);
  const spread = CONFIDENCE_Z * Math.sqrt((share * (1 - share) + z2 / (4 * count)) / count);
  return (centre - spread) / (1 + z2 / count);
}

/**
 * True unless the register shows, beyond doubt, that its people's records name different given
 * names in more than one pair in ten. Where they do, a different given name is the register's
 * common error rather than a sign of a twin, the model weighs it at what it costs there, and the
 * twins rule would only keep one person apart wherever a clerk wrote another name (FEBRL3: 122
 * pairs; the historical figures: 41,600). Few pairs to judge by, or none, keep the rule; where it
 * is dropped, merged pairs it would have held apart go to review (selectReviewPairs).
 * @example givenNamesTellTwinsApart({ pairs: 60, differentPairs: 9 }) // true: 15 %, but of 60
 */
export function givenNamesTellTwinsApart(steadiness: GivenNameSteadiness): boolean {
  return (
    lowerBound(steadiness.differentPairs, steadiness.pairs) <=
    MAX_DIFFERENT_GIVEN_NAMES_FOR_TWINS_RULE
  );
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
  // Not a document one typo apart: twins' passports are often issued one number apart.
  return givenName === 'different' && document !== 'exact';
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
