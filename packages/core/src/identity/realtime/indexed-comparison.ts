/**
 * compareRecords on indexed records (#3 item 4): the same levels, from the words each record's
 * names were split into once (indexed-record.ts), so that a comparison costs only the similarity
 * of the words. indexed-comparison.test.ts holds it to compareRecords on a varied population.
 */
import { compareBirthDates } from '../compare-dates.js';
import {
  agreesLevel,
  compareNameWords,
  comparePatronymicWords,
  exchangedComparison,
  nameReading,
  surnameOfOneSided,
  type NameMatchLevel,
} from '../compare-names.js';
import {
  compareDocumentLists,
  compareRegisterAttributes,
  compareSexes,
  isSameSpelling,
  termValuesOf,
  type ComparisonVector,
} from '../linkage/comparison-vector.js';
import type { IndexedRecord } from './indexed-record.js';

interface NameLevels {
  readonly given: NameMatchLevel;
  readonly family: NameMatchLevel;
  readonly isSwapped: boolean;
}

/** comparePersonNames' given and family levels on words, trying the names exchanged. */
function compareGivenAndFamily(a: IndexedRecord, b: IndexedRecord): NameLevels {
  const given = compareNameWords(a.givenWords.asGiven, b.givenWords.asGiven, 'given').level;
  const family = compareNameWords(a.familyWords.asFamily, b.familyWords.asFamily, 'family').level;
  if (agreesLevel(given) && agreesLevel(family)) {
    return { given, family, isSwapped: false };
  }
  const { given: swappedGiven, family: swappedFamily } = exchangedComparison(
    {
      given: compareNameWords(a.familyWords.asGiven, b.givenWords.asGiven, 'given').level,
      family: compareNameWords(a.givenWords.asFamily, b.familyWords.asFamily, 'family').level,
    },
    () => ({
      given: compareNameWords(a.givenWords.asGiven, b.familyWords.asGiven, 'given').level,
      family: compareNameWords(a.familyWords.asFamily, b.givenWords.asFamily, 'family').level,
    }),
    (levels) => levels,
  );
  const reading = nameReading(given, family, swappedGiven, swappedFamily);
  if (reading === 'exchanged') {
    return { given: swappedGiven, family: swappedFamily, isSwapped: true };
  }
  if (reading === 'surname-as-given') {
    return {
      given: 'missing',
      family: surnameOfOneSided({ level: swappedGiven }, { level: swappedFamily }).level,
      isSwapped: true,
    };
  }
  return { given, family, isSwapped: false };
}

/**
 * compareRecords(a, b) on records prepared with their words: the same vector, without splitting
 * and keying a name again.
 * @example compareIndexedRecords(prepareIndexedRecord(kmuSpelling), prepareIndexedRecord(cyrillic)).levels.familyName // 'equivalent'
 */
export function compareIndexedRecords(a: IndexedRecord, b: IndexedRecord): ComparisonVector {
  const ra = a.record;
  const rb = b.record;
  const names = isSameSpelling(a, b)
    ? { given: 'exact' as const, family: 'exact' as const, isSwapped: false }
    : compareGivenAndFamily(a, b);
  return {
    levels: {
      givenName: names.given,
      familyName: names.family,
      patronymic: comparePatronymicWords(a.patronymicWords, b.patronymicWords).level,
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
