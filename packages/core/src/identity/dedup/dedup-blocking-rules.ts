/**
 * Blocking rules for a batch over a whole register (#3 item 5). The linkage defaults key some
 * rules on one name and a year, or on two names alone; over a million records such buckets hold
 * hundreds (every Олександр born in 1985, every Олександр Мельник), hundreds of millions of pairs
 * in all. Here each rule joins two strong keys, so buckets stay small, and the rules together
 * still cover each single error a registration carries: a mistyped or transcribed name (the
 * other name and the full date), a mistyped date (both names and the year, or the day and
 * month), a missing date (both names, in small buckets only, or the document).
 */
import { DEFAULT_BLOCKING_RULES, type BlockingRule } from '../linkage/blocking.js';
import { REGISTER_ATTRIBUTE_FIELDS, type LinkageField } from '../linkage/comparison-vector.js';
import type { PreparedRecord } from '../linkage/person-record.js';
import { comparableDocumentNumber, isWrittenInLetters } from '../compare-documents.js';
import { compactPostcode } from '../compare-places.js';
import { classOfPhoneticKey } from '../name-equivalents.js';
import { phoneticKey } from '../name-keys.js';
import { nicknamePartners } from '../nicknames.js';
import type { KeyBuilder } from './key-hash.js';

export interface DedupBlockingRule extends BlockingRule {
  /**
   * The fields its keys are made of: the pairs it proposes agree on them by construction, so
   * they say nothing about m there, and EM leaves them out for those pairs (as Splink trains m
   * of a field only on pairs blocked on other fields).
   */
  readonly fields: readonly LinkageField[];
  /** Its own bucket limit: a name-only key is worth following only while rare. */
  readonly maxBucketSize?: number | undefined;
  /**
   * The same keys as keysOf, handed to a builder piece by piece instead of as strings: for rules
   * with many keys per record, where building strings costs most of blocking's time.
   */
  readonly buildKeys?: ((record: PreparedRecord, key: KeyBuilder) => void) | undefined;
  /** False to keep EM from training m on its pairs. */
  readonly isEstimatedOn?: boolean | undefined;
}

const NO_PARTNERS: readonly string[] = [];
const partnerClasses = new Map<string, readonly string[]>();

/**
 * The classes of the names a one-word name is a nickname of or has as nicknames (Tom: Thomas,
 * Tommy), remembered per key: most names have none, and blocking asks for every record.
 */
function partnerClassesOf(phonetic: string): readonly string[] {
  if (phonetic === '' || phonetic.includes(' ')) {
    return NO_PARTNERS;
  }
  let classes = partnerClasses.get(phonetic);
  if (classes === undefined) {
    const partners = nicknamePartners(phonetic);
    classes = partners.length === 0 ? NO_PARTNERS : partners.map(classOfPhoneticKey);
    partnerClasses.set(phonetic, classes);
  }
  return classes;
}

const pairOf = (a: string, b: string, part: string): string =>
  a < b ? `${a}+${b}|${part}` : `${b}+${a}|${part}`;

/**
 * Both names' classes in either order (given and family names get exchanged), with a part; a
 * one-word name also under each of its nickname partners, so that a record meets the records
 * of its partners.
 */
const namesWith = (record: PreparedRecord, part: string): string[] => {
  const { givenClass, familyClass } = record;
  if (givenClass === '' || familyClass === '' || part === '') {
    return [];
  }
  const keys = [pairOf(givenClass, familyClass, part)];
  for (const partner of partnerClassesOf(record.givenPhonetic)) {
    keys.push(pairOf(partner, familyClass, part));
  }
  for (const partner of partnerClassesOf(record.familyPhonetic)) {
    keys.push(pairOf(givenClass, partner, part));
  }
  return keys;
};

const placeKeys = new Map<string, string>();

/** A place's phonetic key (Київ and Kyiv share it), remembered: places repeat. */
function placeKeyOf(place: string | undefined): string {
  if (!place) {
    return '';
  }
  let key = placeKeys.get(place);
  if (key === undefined) {
    key = phoneticKey(place);
    placeKeys.set(place, key);
  }
  return key;
}

/**
 * The surname's phonetic key; for a record with one name and no surname, that name's, as the
 * comparison reads a lone name as a surname too (nameReading 'surname-as-given').
 */
const surnameKeyOf = (record: PreparedRecord): string =>
  record.familyPhonetic !== '' || record.givenPhonetic.includes(' ')
    ? record.familyPhonetic
    : record.givenPhonetic;

const postcodeKeyOf = (record: PreparedRecord): string =>
  record.record.postcode ? compactPostcode(record.record.postcode) : '';

/** pairOf's key, handed to the builder piece by piece: the same characters, so the same hash. */
const buildPair = (a: string, b: string, part: string, key: KeyBuilder): void => {
  key.begin();
  key.add(a < b ? a : b);
  key.add('+');
  key.add(a < b ? b : a);
  key.add('|');
  key.add(part);
  key.end();
};

/** namesWith's keys, without building their strings. */
const buildNamesWith = (record: PreparedRecord, part: string, key: KeyBuilder): void => {
  const { givenClass, familyClass } = record;
  if (givenClass === '' || familyClass === '' || part === '') {
    return;
  }
  buildPair(givenClass, familyClass, part, key);
  for (const partner of partnerClassesOf(record.givenPhonetic)) {
    buildPair(partner, familyClass, part, key);
  }
  for (const partner of partnerClassesOf(record.familyPhonetic)) {
    buildPair(givenClass, partner, part, key);
  }
};

/** The key `first|second` when both parts are present (keyOf of two parts). */
const buildTwoParts = (first: string, second: string, key: KeyBuilder): void => {
  if (first !== '' && second !== '') {
    key.begin();
    key.add(first);
    key.add('|');
    key.add(second);
    key.end();
  }
};

type Locality = 'residence' | 'birthPlace' | 'postcode';
const LOCALITY_IN_RULE_NAMES: Readonly<Record<Locality, string>> = {
  residence: 'residence',
  birthPlace: 'birth-place',
  postcode: 'postcode',
};

/**
 * A rule keyed on where a record lives or was born and one of its names: the given name's class
 * (`…+given-class`) or the surname's key, a lone name read as one (`…+family-phonetic`).
 */
function localityAndOneName(
  locality: Locality,
  name: 'given' | 'family',
  maxBucketSize?: number,
): DedupBlockingRule {
  const localityKeyOf = (record: PreparedRecord): string =>
    locality === 'postcode' ? postcodeKeyOf(record) : placeKeyOf(record.record[locality]);
  const nameKeyOf = (record: PreparedRecord): string =>
    name === 'given' ? record.givenClass : surnameKeyOf(record);
  return {
    name: `${LOCALITY_IN_RULE_NAMES[locality]}+${name === 'given' ? 'given-class' : 'family-phonetic'}`,
    keysOf: (record) => {
      const place = localityKeyOf(record);
      const value = place === '' ? '' : nameKeyOf(record);
      return value !== '' ? [`${place}|${value}`] : [];
    },
    fields: name === 'given' ? ['givenName', 'sex', locality] : ['familyName', locality],
    maxBucketSize,
  };
}

/** Shorter identifiers are shared by chance too often to bring two records together. */
const MIN_DOCUMENT_CHARS = 6;

const THREE_LETTERS = /[^\d\s\-./<]{3}/;

/** A typo seldom falls in a name's first letters (clerks read them twice): keyed on these. */
const FAMILY_PREFIX_CHARS = 4;
const GIVEN_PREFIX_CHARS = 3;

/** Shorter surnames lose too much of themselves to a deletion to stay distinctive. */
const MIN_KEY_FOR_DELETION = 5;

const defaultRule = (
  name: string,
  fields: readonly LinkageField[],
  buildKeys: DedupBlockingRule['buildKeys'],
): DedupBlockingRule => {
  const rule = DEFAULT_BLOCKING_RULES.find((candidate) => candidate.name === name);
  if (!rule) {
    throw new Error(`No default blocking rule ${name}`);
  }
  return { ...rule, fields, buildKeys };
};

// Given names are gendered: a rule keyed on them proposes pairs of one sex.
const NAMES: readonly LinkageField[] = ['givenName', 'familyName', 'sex'];

/** The rules the batch uses, most productive first. */
export const DEDUP_BLOCKING_RULES: readonly DedupBlockingRule[] = [
  {
    name: 'names+birth-year',
    keysOf: (record) => namesWith(record, record.birthYear),
    buildKeys: (record, key) => {
      buildNamesWith(record, record.birthYear, key);
    },
    fields: [...NAMES, 'birthDate'],
  },
  // Either name's class with the full date: the other name mistyped or transcribed oddly.
  defaultRule('given-class+birth-date', [...NAMES, 'birthDate'], (record, key) => {
    const date = record.fullBirthDate;
    buildTwoParts(record.givenClass, date, key);
    buildTwoParts(record.familyClass, date, key);
  }),
  defaultRule('document-digits', ['document'], (record, key) => {
    for (const digits of record.documentDigits) {
      key.begin();
      key.add(digits);
      key.end();
    }
  }),
  {
    // A birth year off by one, or a typo in the year: month and day still hold.
    name: 'names+birth-month-day',
    keysOf: (record) => namesWith(record, record.fullBirthDate.slice(5)),
    buildKeys: (record, key) => {
      buildNamesWith(record, record.fullBirthDate.slice(5), key);
    },
    fields: [...NAMES, 'birthDate'],
  },
  {
    // A mistyped surname and a partial or mistyped date: the year still holds.
    name: 'given-class+family-one-deletion+birth-year',
    keysOf: (record) => {
      const key = record.familyPhonetic;
      if (key.length < MIN_KEY_FOR_DELETION || record.givenClass === '' || !record.birthYear) {
        return [];
      }
      const deletions = [...key].map((_, at) => key.slice(0, at) + key.slice(at + 1));
      return [key, ...deletions].map(
        (spelling) => `${record.givenClass}|${spelling}|${record.birthYear}`,
      );
    },
    buildKeys: (record, builder) => {
      const key = record.familyPhonetic;
      if (key.length < MIN_KEY_FOR_DELETION || record.givenClass === '' || !record.birthYear) {
        return;
      }
      // at = -1 is the spelling itself, then each single deletion, as keysOf lists them.
      for (let at = -1; at < key.length; at++) {
        builder.begin();
        builder.add(record.givenClass);
        builder.add('|');
        builder.add(key, at);
        builder.add('|');
        builder.add(record.birthYear);
        builder.end();
      }
    },
    fields: [...NAMES, 'birthDate'],
  },
  {
    // A mistyped name and a year off by one or mistyped, two errors the rules above each take
    // one of: the other name, the mistyped one's first letters, the month and the day still hold.
    name: 'names-prefix+birth-month-day',
    keysOf: (record) => {
      const monthDay = record.fullBirthDate.slice(5);
      if (monthDay === '' || record.givenClass === '' || record.familyPhonetic === '') {
        return [];
      }
      return [
        `g|${record.givenClass}|${record.familyPhonetic.slice(0, FAMILY_PREFIX_CHARS)}|${monthDay}`,
        `f|${record.familyPhonetic}|${record.givenPhonetic.slice(0, GIVEN_PREFIX_CHARS)}|${monthDay}`,
      ];
    },
    buildKeys: (record, key) => {
      const monthDay = record.fullBirthDate.slice(5);
      if (monthDay === '' || record.givenClass === '' || record.familyPhonetic === '') {
        return;
      }
      for (const [mark, whole, start, length] of [
        ['g|', record.givenClass, record.familyPhonetic, FAMILY_PREFIX_CHARS],
        ['f|', record.familyPhonetic, record.givenPhonetic, GIVEN_PREFIX_CHARS],
      ] as const) {
        key.begin();
        key.add(mark);
        key.add(whole);
        key.add('|');
        key.add(start.slice(0, length));
        key.add('|');
        key.add(monthDay);
        key.end();
      }
    },
    fields: [...NAMES, 'birthDate'],
  },
  {
    // Both names mistyped or spelt some unforeseen way: the exact birth date and the initials
    // still meet (the linkage default takes one initial; over a million records one is too few).
    name: 'birth-date+initials',
    keysOf: (record) => {
      const date = record.fullBirthDate;
      const given = record.givenPhonetic.charAt(0);
      const family = record.familyPhonetic.charAt(0);
      return date !== '' && given !== '' && family !== ''
        ? [`${date}|${[given, family].sort().join('')}`]
        : [];
    },
    buildKeys: (record, key) => {
      const date = record.fullBirthDate;
      const given = record.givenPhonetic.charAt(0);
      const family = record.familyPhonetic.charAt(0);
      if (date !== '' && given !== '' && family !== '') {
        key.begin();
        key.add(date);
        key.add('|');
        key.add(given < family ? given : family);
        key.add(given < family ? family : given);
        key.end();
      }
    },
    fields: ['birthDate'],
  },
  {
    // Any identifier (a document whose number is mostly letters, an e-mail kept as one).
    name: 'document-number',
    keysOf: (record) =>
      (record.record.documents ?? [])
        .map((document) => document.number.toUpperCase().replace(/[^\p{L}\p{N}]/gu, ''))
        .filter((number) => number.length >= MIN_DOCUMENT_CHARS),
    fields: ['document'],
  },
  {
    // A given name written as a diminutive or left out: the surname and year hold. Followed
    // only while the surname is rare for that year.
    name: 'family-phonetic+birth-year',
    keysOf: (record) => {
      const family = surnameKeyOf(record);
      return family !== '' && record.birthYear !== '' ? [`${family}|${record.birthYear}`] : [];
    },
    buildKeys: (record, key) => {
      buildTwoParts(surnameKeyOf(record), record.birthYear, key);
    },
    fields: ['familyName', 'birthDate'],
    maxBucketSize: 10,
  },
  {
    // The surname mistyped beyond one letter, or left out: the given name and year hold.
    name: 'given-class+birth-year',
    keysOf: (record) =>
      record.givenClass !== '' && record.birthYear !== ''
        ? [`${record.givenClass}|${record.birthYear}`]
        : [],
    buildKeys: (record, key) => {
      buildTwoParts(record.givenClass, record.birthYear, key);
    },
    fields: ['givenName', 'sex', 'birthDate'],
    maxBucketSize: 10,
  },
  {
    // An identifier a person types (an e-mail address kept as one) with a slip in it: it and each
    // of its one-character deletions meet the other's (a typo, a lost or an extra character, two
    // exchanged). Not numbers of digits: states issue them densely, a digit apart is as often a
    // stranger's, and a million registrations would propose millions of pairs (5.9 M, 80 s).
    name: 'identifier-one-deletion',
    keysOf: (record) => {
      const keys: string[] = [];
      for (const document of record.record.documents ?? []) {
        // Three characters in a row that are no digit or separator before the work of
        // normalising: an e-mail address has them, a passport (series of two letters) not.
        if (!THREE_LETTERS.test(document.number)) {
          continue;
        }
        const number = comparableDocumentNumber(document.number);
        if (number.length >= MIN_DOCUMENT_CHARS && isWrittenInLetters(number)) {
          keys.push(number);
          for (let at = 0; at < number.length; at++) {
            keys.push(number.slice(0, at) + number.slice(at + 1));
          }
        }
      }
      return keys;
    },
    fields: ['document'],
    maxBucketSize: 10,
  },
  // Registers that record places or postcodes (another system's CSV; Haven's form does not): a
  // record whose birth date is missing or mistyped beyond the date rules still meets its others.
  {
    name: 'names+birth-place',
    keysOf: (record) => namesWith(record, placeKeyOf(record.record.birthPlace)),
    fields: [...NAMES, 'birthPlace'],
  },
  {
    name: 'names+residence',
    keysOf: (record) => namesWith(record, placeKeyOf(record.record.residence)),
    fields: [...NAMES, 'residence'],
  },
  {
    // Both names mistyped, missing or replaced: the birth date and the town still meet.
    name: 'birth-date+residence',
    keysOf: (record) => {
      // The town first: most registers have none.
      const town = placeKeyOf(record.record.residence);
      const date = town === '' ? '' : record.fullBirthDate;
      return date !== '' ? [`${date}|${town}`] : [];
    },
    fields: ['birthDate', 'residence'],
  },
  // A town and one name, the other name and the date mistyped or missing (Splink's city and
  // first name); followed only while few in the town share the name.
  localityAndOneName('residence', 'given', 20),
  localityAndOneName('residence', 'family', 20),
  // A birth place and one name (a passport's place of birth), as for the town: the other name
  // and the date mistyped, replaced or missing. Historical figures: completeness 0.62 → 0.70.
  localityAndOneName('birthPlace', 'given', 20),
  localityAndOneName('birthPlace', 'family', 20),
  // A postcode names a few streets: with the surname, a given name replaced or mistyped still
  // meets; with the given name, a surname.
  localityAndOneName('postcode', 'family'),
  localityAndOneName('postcode', 'given'),
  {
    // No usable birth date: both names alone, followed only where they are rare. Not further:
    // an undated record against every namesake of a common name (buckets up to 100) found 12
    // points more of the historical figures' pairs but cost the generated registrations 0.3
    // points of precision (namesakes, the hard non-matches of a register).
    name: 'names-only',
    keysOf: (record) => namesWith(record, '*'),
    buildKeys: (record, key) => {
      buildNamesWith(record, '*', key);
    },
    fields: NAMES,
    maxBucketSize: 10,
  },
];

/**
 * Registers up to this size are compared pair by pair as well (about 1.1 million pairs at
 * most, a few seconds): blocking exists to bound the work, and a reception centre's register
 * is small enough not to need it. Blocking only loses pairs there, and a small register's
 * records are often few and far between, each with its own mistakes (fake_1000: 29 % of its true
 * pairs shared no blocking key; compared pair by pair, F1 0.82 → 0.87).
 */
export const EVERY_PAIR_UP_TO_RECORDS = 1_500;

/** Every pair, for small registers; EM learns nothing from it (it keys on no field). */
const EVERY_PAIR: DedupBlockingRule = {
  name: 'every-pair',
  keysOf: () => ['*'],
  fields: [],
  maxBucketSize: EVERY_PAIR_UP_TO_RECORDS,
  isEstimatedOn: false,
};

/**
 * The batch's rules for a register of this many records: DEDUP_BLOCKING_RULES, and for a
 * small register every pair besides.
 * @example dedupBlockingRulesFor(900).at(-1)?.name // 'every-pair'
 */
export function dedupBlockingRulesFor(
  recordCount: number,
  recordedFields?: ReadonlySet<LinkageField>,
): readonly DedupBlockingRule[] {
  // A rule keyed on a place or a postcode no record has would only cost a pass over the register.
  const rules =
    recordedFields === undefined
      ? DEDUP_BLOCKING_RULES
      : DEDUP_BLOCKING_RULES.filter((rule) =>
          rule.fields.every(
            (field) => !REGISTER_ATTRIBUTE_FIELDS.has(field) || recordedFields.has(field),
          ),
        );
  return recordCount <= EVERY_PAIR_UP_TO_RECORDS ? [...rules, EVERY_PAIR] : rules;
}
