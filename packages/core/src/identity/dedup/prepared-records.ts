/**
 * prepareRecord for a whole file at once (#3 item 5): names repeat (a million registrations
 * carry a few hundred thousand spellings at most), so each spelling is folded once and shared.
 * Spellings also get small integer ids, so that comparisons of pairs can be remembered.
 */
import { nameClass, patronymicStem, surnameStem } from '../name-equivalents.js';
import { canonicalName, phoneticKey } from '../name-keys.js';
import { givenNameWithoutTitles } from '../name-titles.js';
import {
  birthYearOf,
  fullBirthDateOf,
  prepareRecord,
  type PersonRecord,
  type PreparedRecord,
} from '../linkage/person-record.js';
import { createBirthDateTable, type BirthDateTable } from './birth-date-table.js';

const NO_DIGITS: readonly string[] = [];

interface NameKeys {
  readonly canonical: string;
  readonly phonetic: string;
  readonly nameClass: string;
}

/** Prepared records, and per record the id of each name's spelling (0 when absent). */
export interface PreparedTable {
  readonly prepared: readonly PreparedRecord[];
  readonly givenIds: Int32Array;
  readonly familyIds: Int32Array;
  readonly patronymicIds: Int32Array;
  /** Each record's birth date in `birthDates` (0 when absent or not a partial date). */
  readonly birthDateIds: Int32Array;
  readonly birthDates: BirthDateTable;
  /** Distinct spellings seen, '' (id 0) included. */
  readonly spellingCount: number;
  readonly spellingOf: (id: number) => string;
}

/**
 * Prepares every record, folding each distinct spelling once; the result equals
 * records.map(prepareRecord).
 * @example prepareRecords(records).prepared[0]?.familyPhonetic // 'SEVSENKO'
 */
export function prepareRecords(records: readonly PersonRecord[]): PreparedTable {
  const spellingIds = new Map<string, number>([['', 0]]);
  const spellings: string[] = [''];
  const idOf = (text: string | undefined): number => {
    if (text === undefined || text === '') {
      return 0;
    }
    let id = spellingIds.get(text);
    if (id === undefined) {
      id = spellings.length;
      spellingIds.set(text, id);
      spellings.push(text);
    }
    return id;
  };
  const nameKeys = new Map<string, NameKeys>();
  const keysOf = (text: string | undefined): NameKeys => {
    const found = nameKeys.get(text ?? '');
    if (found) {
      return found;
    }
    const keys = {
      canonical: canonicalName(text),
      phonetic: phoneticKey(text),
      nameClass: nameClass(text),
    };
    nameKeys.set(text ?? '', keys);
    return keys;
  };
  const surnameStems = new Map<string, string>();
  const surnameStemOf = (text: string | undefined): string => {
    let stem = surnameStems.get(text ?? '');
    if (stem === undefined) {
      stem = surnameStem(text).stem;
      surnameStems.set(text ?? '', stem);
    }
    return stem;
  };
  const patronymicStems = new Map<string, string>();
  const patronymicStemOf = (text: string | undefined): string => {
    let stem = patronymicStems.get(text ?? '');
    if (stem === undefined) {
      stem = patronymicStem(text).stem;
      patronymicStems.set(text ?? '', stem);
    }
    return stem;
  };

  const count = records.length;
  const givenIds = new Int32Array(count);
  const familyIds = new Int32Array(count);
  const patronymicIds = new Int32Array(count);
  const birthDateIds = new Int32Array(count);
  const birthDates = createBirthDateTable();
  const prepared = records.map((record, position): PreparedRecord => {
    givenIds[position] = idOf(record.givenName);
    familyIds[position] = idOf(record.familyName);
    patronymicIds[position] = idOf(record.patronymic);
    birthDateIds[position] = birthDates.idOf(record.birthDate);
    const given = keysOf(givenNameWithoutTitles(record.givenName));
    const family = keysOf(record.familyName);
    // As prepareRecord, without building a record per record.
    const documents = record.documents;
    const documentDigits =
      documents === undefined || documents.length === 0
        ? NO_DIGITS
        : prepareRecord({ id: record.id, documents }).documentDigits;
    return {
      record,
      givenCanonical: given.canonical,
      familyCanonical: family.canonical,
      givenPhonetic: given.phonetic,
      familyPhonetic: family.phonetic,
      givenClass: given.nameClass,
      familyClass: family.nameClass,
      familyStem: surnameStemOf(record.familyName),
      patronymicStem: patronymicStemOf(record.patronymic),
      birthYear: birthYearOf(record.birthDate),
      fullBirthDate: fullBirthDateOf(record.birthDate),
      documentDigits,
    };
  });
  return {
    prepared,
    givenIds,
    familyIds,
    patronymicIds,
    birthDateIds,
    birthDates,
    spellingCount: spellings.length,
    spellingOf: (id) => spellings[id] ?? '',
  };
}
