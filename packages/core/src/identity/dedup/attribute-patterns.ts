/**
 * The places and postcodes some registers record (#3 item 5), compared for millions of pairs: a
 * second small pattern per pair beside the names' and dates' one (pair-patterns.ts), so that a
 * register without them (Haven's own) pays one check per pair. Each record's place words are
 * folded once.
 */
import { compareNameWords, nameWords, type Word } from '../compare-names.js';
import { comparePostcodes, PLACE_MATCH_LEVELS, POSTCODE_MATCH_LEVELS } from '../compare-places.js';
import type { ComparisonVector, LinkageField } from '../linkage/comparison-vector.js';
import type { PersonRecord } from '../linkage/person-record.js';

const PLACE_LEVELS = PLACE_MATCH_LEVELS.length;
const POSTCODE_LEVELS = POSTCODE_MATCH_LEVELS.length;

/** Number of distinct attribute patterns: a pattern is a number below this. */
export const ATTRIBUTE_PATTERN_COUNT = PLACE_LEVELS * PLACE_LEVELS * POSTCODE_LEVELS;

export interface AttributeLevels {
  readonly birthPlace: number;
  readonly residence: number;
  readonly postcode: number;
}

const PLACE_MISSING = PLACE_MATCH_LEVELS.indexOf('missing');
const POSTCODE_MISSING = POSTCODE_MATCH_LEVELS.indexOf('missing');

export function encodeAttributes(levels: AttributeLevels): number {
  return (levels.birthPlace * PLACE_LEVELS + levels.residence) * POSTCODE_LEVELS + levels.postcode;
}

export function decodeAttributes(pattern: number): AttributeLevels {
  const postcode = pattern % POSTCODE_LEVELS;
  const rest = Math.floor(pattern / POSTCODE_LEVELS);
  return {
    birthPlace: Math.floor(rest / PLACE_LEVELS),
    residence: rest % PLACE_LEVELS,
    postcode,
  };
}

/** The pattern of a pair of which at least one record has no place and no postcode. */
export const NO_ATTRIBUTES = encodeAttributes({
  birthPlace: PLACE_MISSING,
  residence: PLACE_MISSING,
  postcode: POSTCODE_MISSING,
});

/** The vector with the attribute pattern's levels in place of its (missing) ones. */
export function withAttributes(vector: ComparisonVector, pattern: number): ComparisonVector {
  if (pattern === NO_ATTRIBUTES) {
    return vector;
  }
  const levels = decodeAttributes(pattern);
  return {
    ...vector,
    levels: {
      ...vector.levels,
      birthPlace: PLACE_MATCH_LEVELS[levels.birthPlace] ?? 'missing',
      residence: PLACE_MATCH_LEVELS[levels.residence] ?? 'missing',
      postcode: POSTCODE_MATCH_LEVELS[levels.postcode] ?? 'missing',
    },
  };
}

interface RecordAttributes {
  readonly birthPlace: readonly Word[];
  readonly residence: readonly Word[];
  readonly postcode: string | undefined;
}

export interface AttributeComparer {
  /** True when some record has a place or a postcode: otherwise every pattern is NO_ATTRIBUTES. */
  readonly isUsed: boolean;
  /** The register's fields some record has a value of: blocking keys only on those. */
  readonly recordedFields: ReadonlySet<LinkageField>;
  compare(a: number, b: number): number;
}

const NO_WORDS: readonly Word[] = [];

/**
 * Compares records' places and postcodes by position.
 * @example createAttributeComparer(records).compare(0, 1) // NO_ATTRIBUTES when either has none
 */
export function createAttributeComparer(records: readonly PersonRecord[]): AttributeComparer {
  const attributes: (RecordAttributes | undefined)[] = new Array<RecordAttributes | undefined>(
    records.length,
  );
  const placeWords = new Map<string, readonly Word[]>();
  const wordsOf = (place: string | undefined): readonly Word[] => {
    if (!place) {
      return NO_WORDS;
    }
    let words = placeWords.get(place);
    if (words === undefined) {
      words = nameWords(place, 'family');
      placeWords.set(place, words);
    }
    return words;
  };
  const recordedFields = new Set<LinkageField>();
  records.forEach((record, position) => {
    if (record.birthPlace || record.residence || record.postcode) {
      for (const field of ['birthPlace', 'residence', 'postcode'] as const) {
        if (record[field]) {
          recordedFields.add(field);
        }
      }
      attributes[position] = {
        birthPlace: wordsOf(record.birthPlace),
        residence: wordsOf(record.residence),
        postcode: record.postcode,
      };
    }
  });
  const placeLevel = (a: readonly Word[], b: readonly Word[]): number =>
    a.length === 0 || b.length === 0
      ? PLACE_MISSING
      : PLACE_MATCH_LEVELS.indexOf(compareNameWords(a, b, 'family').level);
  return {
    isUsed: recordedFields.size > 0,
    recordedFields,
    compare: (a, b) => {
      const x = attributes[a];
      const y = attributes[b];
      if (x === undefined || y === undefined) {
        return NO_ATTRIBUTES;
      }
      return encodeAttributes({
        birthPlace: placeLevel(x.birthPlace, y.birthPlace),
        residence: placeLevel(x.residence, y.residence),
        postcode:
          x.postcode && y.postcode
            ? POSTCODE_MATCH_LEVELS.indexOf(comparePostcodes(x.postcode, y.postcode))
            : POSTCODE_MISSING,
      });
    },
  };
}
