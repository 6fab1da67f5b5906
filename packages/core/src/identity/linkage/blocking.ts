/**
 * Blocking for identity resolution (#3 item 3): only records that share a key under some rule
 * are compared, so linkage costs about the sum of the squared bucket sizes instead of n²/2.
 * Several loose rules are united because each misses what another catches: a mistyped surname
 * still shares the given name and birth date, a mistyped birth date still shares the document.
 */
import type { PreparedRecord } from './person-record.js';

export interface BlockingRule {
  readonly name: string;
  /** The record's keys under this rule; none when a field the rule needs is absent. */
  readonly keysOf: (record: PreparedRecord) => readonly string[];
}

const keyOf = (...parts: readonly string[]): string[] =>
  parts.every((part) => part !== '') ? [parts.join('|')] : [];

/** Shorter surnames lose too much of themselves to a deletion to stay distinctive. */
const MIN_KEY_FOR_DELETION = 5;

/** Given and family names are exchanged on 3 % of registrations: key a given name both ways. */
const eitherNameClass = (record: PreparedRecord, other: string): string[] => [
  ...keyOf(record.givenClass, other),
  ...keyOf(record.familyClass, other),
];

/** Rules that together find nearly every duplicate of a displaced person's registration. */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  {
    name: 'family-phonetic+birth-year',
    keysOf: (record) => keyOf(record.familyPhonetic, record.birthYear),
  },
  {
    name: 'given-class+birth-date',
    keysOf: (record) => eitherNameClass(record, record.fullBirthDate),
  },
  { name: 'document-digits', keysOf: (record) => record.documentDigits },
  {
    name: 'family-stem+given-class',
    keysOf: (record) => keyOf(record.familyStem, record.givenClass),
  },
  {
    // A mistyped surname and a birth date off by a day or swapped: the year still holds.
    name: 'given-class+birth-year',
    keysOf: (record) => eitherNameClass(record, record.birthYear),
  },
  {
    // A birth year off by one, or a typo in the year: month and day still hold.
    name: 'either-name-class+birth-month-day',
    keysOf: (record) => eitherNameClass(record, record.fullBirthDate.slice(5)),
  },
  {
    // Both names mistyped or spelt some unforeseen way: the exact birth date still meets.
    name: 'birth-date+name-initial',
    keysOf: (record) => [
      ...keyOf(record.fullBirthDate, record.givenClass.slice(0, 1)),
      ...keyOf(record.fullBirthDate, record.familyClass.slice(0, 1)),
    ],
  },
  {
    name: 'names-any-order',
    keysOf: (record) =>
      record.givenClass !== '' && record.familyClass !== ''
        ? [[record.givenClass, record.familyClass].sort().join('+')]
        : [],
  },
  {
    // One typo in a surname (a letter dropped, added, changed or two exchanged) leaves the two
    // spellings with a key in common: the spelling itself or one of its single deletions (the
    // symmetric-delete neighbourhood of SymSpell).
    name: 'given-class+family-one-deletion',
    keysOf: (record) => {
      const key = record.familyPhonetic;
      if (key.length < MIN_KEY_FOR_DELETION || record.givenClass === '') {
        return [];
      }
      const deletions = [...key].map((_, at) => key.slice(0, at) + key.slice(at + 1));
      return [key, ...deletions].map((spelling) => `${record.givenClass}|${spelling}`);
    },
  },
];

export interface BlockingOptions {
  /**
   * Buckets larger than this are skipped and reported: a key shared by thousands of records
   * (a placeholder birth date, '000000') would cost millions of useless comparisons.
   */
  readonly maxBucketSize?: number;
}

export interface SkippedBucket {
  readonly key: string;
  readonly size: number;
}

export interface BlockingRuleReport {
  readonly name: string;
  /** Distinct pairs this rule proposes. */
  readonly pairCount: number;
  /** Of those, pairs no earlier rule proposed. */
  readonly newPairCount: number;
  readonly skippedBuckets: readonly SkippedBucket[];
}

export interface CandidatePairs {
  /** Positions in the records given, first < second, each pair once. */
  readonly pairs: readonly (readonly [number, number])[];
  readonly rules: readonly BlockingRuleReport[];
}

const DEFAULT_MAX_BUCKET_SIZE = 500;

/** Records by key under one rule; a record with two documents joins two buckets. */
function bucketsOf(records: readonly PreparedRecord[], rule: BlockingRule): Map<string, number[]> {
  const buckets = new Map<string, number[]>();
  records.forEach((record, position) => {
    for (const key of new Set(rule.keysOf(record))) {
      const bucket = buckets.get(key);
      if (bucket) {
        bucket.push(position);
      } else {
        buckets.set(key, [position]);
      }
    }
  });
  return buckets;
}

/**
 * The union of the pairs that share a key under any rule, without ever listing all n² pairs.
 * @example findCandidatePairs(records.map(prepareRecord)).pairs // [[0, 3], [1, 2], …]
 */
export function findCandidatePairs(
  records: readonly PreparedRecord[],
  rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
  options: BlockingOptions = {},
): CandidatePairs {
  const maxBucketSize = options.maxBucketSize ?? DEFAULT_MAX_BUCKET_SIZE;
  const count = records.length;
  // first * count + second identifies a pair exactly while count² < 2^53 (94 million records).
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const reports = rules.map((rule): BlockingRuleReport => {
    const ruleSeen = new Set<number>();
    const skippedBuckets: SkippedBucket[] = [];
    let newPairCount = 0;
    for (const [key, bucket] of bucketsOf(records, rule)) {
      if (bucket.length > maxBucketSize) {
        skippedBuckets.push({ key, size: bucket.length });
        continue;
      }
      for (let i = 0; i < bucket.length; i++) {
        for (let j = i + 1; j < bucket.length; j++) {
          const first = bucket[i] ?? 0;
          const second = bucket[j] ?? 0;
          const id = first * count + second;
          if (ruleSeen.has(id)) {
            continue;
          }
          ruleSeen.add(id);
          if (!seen.has(id)) {
            seen.add(id);
            pairs.push([first, second]);
            newPairCount += 1;
          }
        }
      }
    }
    return { name: rule.name, pairCount: ruleSeen.size, newPairCount, skippedBuckets };
  });
  return { pairs, rules: reports };
}
