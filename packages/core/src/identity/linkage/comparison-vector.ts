/**
 * Compares two prepared records field by field into graded levels (#3 item 3), the input of the
 * Fellegi–Sunter model. The levels are the identity comparators' own, so a level means the same
 * thing in the review screen as in the model.
 */
import type { DocumentType } from '../../registration/identity-documents.js';
import { compareBirthDates, DATE_MATCH_LEVELS } from '../compare-dates.js';
import { compareDocuments, DOCUMENT_MATCH_LEVELS } from '../compare-documents.js';
import {
  comparePatronymics,
  comparePersonNames,
  NAME_MATCH_LEVELS,
  type NameComparison,
} from '../compare-names.js';
import {
  comparePlaces,
  comparePostcodes,
  PLACE_MATCH_LEVELS,
  POSTCODE_MATCH_LEVELS,
} from '../compare-places.js';
import { birthDecadeOf } from './given-name-context.js';
import type { LinkageDocument, PersonRecord, PreparedRecord } from './person-record.js';

export const SEX_MATCH_LEVELS = ['same', 'different', 'missing'] as const;
export type SexMatchLevel = (typeof SEX_MATCH_LEVELS)[number];

/** The compared fields and their levels, best first; the model has one m and u per level. */
export const LINKAGE_LEVELS = {
  givenName: NAME_MATCH_LEVELS,
  familyName: NAME_MATCH_LEVELS,
  patronymic: NAME_MATCH_LEVELS,
  birthDate: DATE_MATCH_LEVELS,
  sex: SEX_MATCH_LEVELS,
  document: DOCUMENT_MATCH_LEVELS,
  // Recorded by some registers only (never by Haven's registration form): where they are
  // absent the level is 'missing' and weighs nothing.
  birthPlace: PLACE_MATCH_LEVELS,
  residence: PLACE_MATCH_LEVELS,
  postcode: POSTCODE_MATCH_LEVELS,
} as const;
export type LinkageField = keyof typeof LINKAGE_LEVELS;
export type LinkageLevel = (typeof LINKAGE_LEVELS)[LinkageField][number];

export const LINKAGE_FIELDS: readonly LinkageField[] = [
  'givenName',
  'familyName',
  'patronymic',
  'birthDate',
  'sex',
  'document',
  'birthPlace',
  'residence',
  'postcode',
];

/**
 * Levels at which two records give different values, not one value written otherwise: another
 * name, sex, document or place, another birth date, or one a digit apart (1960 and 1990 are also
 * how the years of a father and his son look). Whatever weight a model gives them, a pair at such
 * a level disagrees (clusterIdentities' agreeingAverageWeight).
 * @example saysDifferent('birthDate', 'one-typo') // true
 */
export function saysDifferent(field: LinkageField, level: LinkageLevel): boolean {
  return level === 'different' || (field === 'birthDate' && level === 'one-typo');
}

/**
 * Fields only some registers record (a CSV from another system); Haven's registration form has
 * none of them, so an explanation leaves them out when they are missing.
 */
export const REGISTER_ATTRIBUTE_FIELDS: ReadonlySet<LinkageField> = new Set<LinkageField>([
  'birthPlace',
  'residence',
  'postcode',
]);

/**
 * Levels that say nothing about whether two records are one person: a value is absent, or two
 * documents of different types cannot be compared. They weigh 0 and are left out of EM.
 */
export const UNINFORMATIVE_LEVELS: ReadonlySet<LinkageLevel> = new Set<LinkageLevel>([
  'missing',
  'not-comparable',
]);

/** A record's values the term-frequency adjustment reads. */
export interface TermValues {
  readonly givenClass: string;
  readonly familyPhonetic: string;
  /** The birth decade ('199'), for the given name's share among its peers. */
  readonly birthDecade: string;
}

export interface ComparisonVector extends TermValues {
  readonly levels: { readonly [F in LinkageField]: (typeof LINKAGE_LEVELS)[F][number] };
  /** Given and family names agree only when exchanged on one side. */
  readonly isSwapped: boolean;
  // givenClass, familyPhonetic and birthDecade: the agreed value for the term-frequency
  // adjustment, the second record's keys (they keep their roles when the first's are swapped).
  /**
   * With names agreeing only exchanged, the first record's values too: either record may be the
   * one written the wrong way round, so the smaller adjustment of the two counts (scorePair).
   */
  readonly firstValues?: TermValues | undefined;
}

/** A prepared record's TermValues. */
export const termValuesOf = (record: {
  readonly givenClass: string;
  readonly familyPhonetic: string;
  readonly birthYear: string;
}): TermValues => ({
  givenClass: record.givenClass,
  familyPhonetic: record.familyPhonetic,
  birthDecade: birthDecadeOf(record.birthYear),
});

const EXACT_NAME: NameComparison = { level: 'exact', score: 1 };

/** Documents without a recorded type or country are compared as if they had the other's. */
export function compareDocumentLists(
  a: readonly LinkageDocument[],
  b: readonly LinkageDocument[],
): (typeof DOCUMENT_MATCH_LEVELS)[number] {
  let bestRank: number = DOCUMENT_MATCH_LEVELS.indexOf('missing');
  for (const documentA of a) {
    for (const documentB of b) {
      const type: DocumentType = documentA.type ?? documentB.type ?? 'other';
      const issuingCountry = documentA.issuingCountry ?? documentB.issuingCountry ?? '';
      const level = compareDocuments(
        { type, issuingCountry, number: documentA.number },
        {
          type: documentB.type ?? type,
          issuingCountry: documentB.issuingCountry ?? issuingCountry,
          number: documentB.number,
        },
      );
      bestRank = Math.min(bestRank, DOCUMENT_MATCH_LEVELS.indexOf(level));
    }
  }
  return DOCUMENT_MATCH_LEVELS[bestRank] ?? 'missing';
}

export function compareSexes(
  a: { readonly record: PersonRecord },
  b: { readonly record: PersonRecord },
): SexMatchLevel {
  const sexA = a.record.sex;
  const sexB = b.record.sex;
  // 'other' and 'unknown' are recorded choices, not evidence either way.
  if (sexA !== 'female' && sexA !== 'male') {
    return 'missing';
  }
  if (sexB !== 'female' && sexB !== 'male') {
    return 'missing';
  }
  return sexA === sexB ? 'same' : 'different';
}

/** Places and postcodes; most registers have none, and then nothing is set up to compare. */
export function compareRegisterAttributes(
  a: PersonRecord,
  b: PersonRecord,
): Pick<ComparisonVector['levels'], 'birthPlace' | 'residence' | 'postcode'> {
  return {
    birthPlace:
      a.birthPlace && b.birthPlace ? comparePlaces(a.birthPlace, b.birthPlace) : 'missing',
    residence: a.residence && b.residence ? comparePlaces(a.residence, b.residence) : 'missing',
    postcode: a.postcode && b.postcode ? comparePostcodes(a.postcode, b.postcode) : 'missing',
  };
}

/**
 * Both names spelt alike: duplicates usually repeat the same spelling, and the word-by-word
 * comparison is skipped then (exact outright).
 */
export function isSameSpelling(
  a: { readonly givenCanonical: string; readonly familyCanonical: string },
  b: { readonly givenCanonical: string; readonly familyCanonical: string },
): boolean {
  return (
    a.givenCanonical !== '' &&
    a.familyCanonical !== '' &&
    a.givenCanonical === b.givenCanonical &&
    a.familyCanonical === b.familyCanonical
  );
}

/**
 * Compares two prepared records into one level per field, detecting given and family names
 * written the wrong way round.
 * @example compareRecords(prepareRecord(kmuSpelling), prepareRecord(cyrillic)).levels.familyName // 'equivalent'
 */
export function compareRecords(a: PreparedRecord, b: PreparedRecord): ComparisonVector {
  const ra = a.record;
  const rb = b.record;
  const names = isSameSpelling(a, b)
    ? {
        given: EXACT_NAME,
        family: EXACT_NAME,
        patronymic: comparePatronymics(ra.patronymic, rb.patronymic),
        isSwapped: false,
      }
    : comparePersonNames(
        { given: ra.givenName, family: ra.familyName, patronymic: ra.patronymic },
        { given: rb.givenName, family: rb.familyName, patronymic: rb.patronymic },
      );
  return {
    levels: {
      givenName: names.given.level,
      familyName: names.family.level,
      patronymic: names.patronymic.level,
      birthDate: compareBirthDates(ra.birthDate, rb.birthDate),
      sex: compareSexes(a, b),
      document: compareDocumentLists(ra.documents ?? [], rb.documents ?? []),
      ...compareRegisterAttributes(ra, rb),
    },
    isSwapped: names.isSwapped,
    ...termValuesOf(b),
    firstValues: names.isSwapped ? termValuesOf(a) : undefined,
  };
}

/**
 * The vector with the given fields read as missing, so that EM learns nothing about them from it
 * (the fields a blocking rule keys on agree by construction on the pairs it proposes).
 */
export function withoutFields(
  vector: ComparisonVector,
  fields: ReadonlySet<LinkageField>,
): ComparisonVector {
  const { levels } = vector;
  const level = <F extends LinkageField>(field: F) =>
    fields.has(field) ? 'missing' : levels[field];
  return {
    ...vector,
    levels: {
      givenName: level('givenName'),
      familyName: level('familyName'),
      patronymic: level('patronymic'),
      birthDate: level('birthDate'),
      sex: level('sex'),
      document: level('document'),
      birthPlace: level('birthPlace'),
      residence: level('residence'),
      postcode: level('postcode'),
    },
  };
}
