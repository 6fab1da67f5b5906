/**
 * prepareRecord for a million records at once (#3 item 4). Folding a name into its keys costs
 * tens of microseconds, and a population repeats a few thousand names: each distinct name is
 * prepared once, through prepareRecord itself, and its keys (the same strings, so held once in
 * memory) are shared by every record that carries it.
 */
import {
  birthYearOf,
  documentDigitsOf,
  prepareRecord,
  type PersonRecord,
  type PreparedRecord,
} from '../linkage/person-record.js';

type GivenKeys = Pick<PreparedRecord, 'givenCanonical' | 'givenPhonetic' | 'givenClass'>;
type FamilyKeys = Pick<
  PreparedRecord,
  'familyCanonical' | 'familyPhonetic' | 'familyClass' | 'familyStem'
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
 * A prepareRecord that remembers the keys of every name it has seen: the same result, many
 * times faster over a population. Its memory lasts as long as the function is held.
 * @example const prepare = createRecordPreparer(); const prepared = records.map(prepare);
 */
export function createRecordPreparer(): (record: PersonRecord) => PreparedRecord {
  const givenNames = new Map<string | undefined, GivenKeys>();
  const familyNames = new Map<string | undefined, FamilyKeys>();
  const patronymics = new Map<string | undefined, string>();
  return (record) => {
    const given = cached(givenNames, record.givenName, () => {
      const keys = prepareRecord({ id: '', givenName: record.givenName });
      return {
        givenCanonical: keys.givenCanonical,
        givenPhonetic: keys.givenPhonetic,
        givenClass: keys.givenClass,
      };
    });
    const family = cached(familyNames, record.familyName, () => {
      const keys = prepareRecord({ id: '', familyName: record.familyName });
      return {
        familyCanonical: keys.familyCanonical,
        familyPhonetic: keys.familyPhonetic,
        familyClass: keys.familyClass,
        familyStem: keys.familyStem,
      };
    });
    const patronymicStem = cached(
      patronymics,
      record.patronymic,
      () => prepareRecord({ id: '', patronymic: record.patronymic }).patronymicStem,
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
      patronymicStem,
      // The keys that are not names are cheap and rarely repeat.
      birthYear: birthYearOf(record.birthDate),
      documentDigits: documentDigitsOf(record.documents),
    };
  };
}
