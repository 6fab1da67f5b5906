/**
 * prepareIndexedRecord for a million records at once (#3 item 4). Folding a name into its keys
 * and words costs tens of microseconds, and a population repeats a few thousand names: each
 * distinct name is prepared once, through prepareRecord itself, and its keys and words (held
 * once in memory) are shared by every record that carries it.
 */
import {
  birthYearOf,
  fullBirthDateOf,
  documentDigitsOf,
  prepareRecord,
  type PersonRecord,
} from '../linkage/person-record.js';
import { patronymicWordsOf, type PatronymicWords } from '../compare-names.js';
import { spellingWordsOf, type IndexedRecord } from './indexed-record.js';

type GivenKeys = Pick<
  IndexedRecord,
  'givenCanonical' | 'givenPhonetic' | 'givenClass' | 'givenWords'
>;
type FamilyKeys = Pick<
  IndexedRecord,
  'familyCanonical' | 'familyPhonetic' | 'familyClass' | 'familyStem' | 'familyWords'
>;

function cached<T>(
  cache: Map<string | undefined, T>,
  name: string | undefined,
  prepare: () => T,
): T {
  let keys = cache.get(name);
  if (keys === undefined) {
    keys = prepare();
    cache.set(name, keys);
  }
  return keys;
}

/**
 * A prepareIndexedRecord that remembers the keys and words of every name it has seen: the same
 * result, many times faster over a population. Its memory lasts as long as the function is held.
 * @example const prepare = createRecordPreparer(); const prepared = records.map(prepare);
 */
export function createRecordPreparer(): (record: PersonRecord) => IndexedRecord {
  const givenNames = new Map<string | undefined, GivenKeys>();
  const familyNames = new Map<string | undefined, FamilyKeys>();
  const patronymics = new Map<string | undefined, PatronymicWords>();
  return (record) => {
    const given = cached(givenNames, record.givenName, () => {
      const keys = prepareRecord({ id: '', givenName: record.givenName });
      return {
        givenCanonical: keys.givenCanonical,
        givenPhonetic: keys.givenPhonetic,
        givenClass: keys.givenClass,
        givenWords: spellingWordsOf(record.givenName),
      };
    });
    const family = cached(familyNames, record.familyName, () => {
      const keys = prepareRecord({ id: '', familyName: record.familyName });
      return {
        familyCanonical: keys.familyCanonical,
        familyPhonetic: keys.familyPhonetic,
        familyClass: keys.familyClass,
        familyStem: keys.familyStem,
        familyWords: spellingWordsOf(record.familyName),
      };
    });
    const patronymic = cached(patronymics, record.patronymic, () =>
      patronymicWordsOf(record.patronymic),
    );
    return {
      record,
      givenCanonical: given.givenCanonical,
      familyCanonical: family.familyCanonical,
      givenPhonetic: given.givenPhonetic,
      familyPhonetic: family.familyPhonetic,
      givenClass: given.givenClass,
      familyClass: family.familyClass,
      familyStem: family.familyStem,
      patronymicStem: patronymic.stem.stem,
      // The keys that are not names are cheap and rarely repeat.
      birthYear: birthYearOf(record.birthDate),
      fullBirthDate: fullBirthDateOf(record.birthDate),
      documentDigits: documentDigitsOf(record.documents),
      givenWords: given.givenWords,
      familyWords: family.familyWords,
      patronymicWords: patronymic,
    };
  };
}
