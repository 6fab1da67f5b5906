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
  documentDigitsOf,
  fullBirthDateOf,
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

/** A distinct spelling: its id, and its keys in each role it was seen in (worked out once). */
interface Spelling {
  readonly id: number;
  asGiven?: NameKeys;
  asFamily?: NameKeys;
  familyStem?: string;
  patronymicStem?: string;
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
  // One entry per distinct spelling, with what each role it was seen in needs of it, so that a
  // record costs one lookup per name (a title is taken off a given name once per spelling).
  const spellingByText = new Map<string, Spelling>();
  const spellings: string[] = [''];
  const spellingOf = (text: string | undefined): Spelling | undefined => {
    if (text === undefined || text === '') {
      return undefined;
    }
    let spelling = spellingByText.get(text);
    if (spelling === undefined) {
      spelling = { id: spellings.length };
      spellingByText.set(text, spelling);
      spellings.push(text);
    }
    return spelling;
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
  /** A spelling's value in one role, worked out on its first record; `make(undefined)` for none. */
  const inRole = <Role extends Exclude<keyof Spelling, 'id'>>(
    role: Role,
    make: (text: string | undefined) => NonNullable<Spelling[Role]>,
  ) => {
    const absent = make(undefined);
    return (
      text: string | undefined,
      spelling: Spelling | undefined,
    ): NonNullable<Spelling[Role]> =>
      spelling === undefined ? absent : (spelling[role] ??= make(text));
  };
  const asGiven = inRole('asGiven', (text) => keysOf(givenNameWithoutTitles(text)));
  const asFamily = inRole('asFamily', keysOf);
  const familyStemOf = inRole('familyStem', (text) => surnameStem(text).stem);
  const patronymicStemOf = inRole('patronymicStem', (text) => patronymicStem(text).stem);

  const count = records.length;
  const givenIds = new Int32Array(count);
  const familyIds = new Int32Array(count);
  const patronymicIds = new Int32Array(count);
  const birthDateIds = new Int32Array(count);
  const birthDates = createBirthDateTable();
  const prepared = records.map((record, position): PreparedRecord => {
    const givenSpelling = spellingOf(record.givenName);
    const familySpelling = spellingOf(record.familyName);
    const patronymicSpelling = spellingOf(record.patronymic);
    givenIds[position] = givenSpelling?.id ?? 0;
    familyIds[position] = familySpelling?.id ?? 0;
    patronymicIds[position] = patronymicSpelling?.id ?? 0;
    birthDateIds[position] = birthDates.idOf(record.birthDate);
    const given = asGiven(record.givenName, givenSpelling);
    const family = asFamily(record.familyName, familySpelling);
    const documents = record.documents;
    const documentDigits =
      documents === undefined || documents.length === 0 ? NO_DIGITS : documentDigitsOf(documents);
    return {
      record,
      givenCanonical: given.canonical,
      familyCanonical: family.canonical,
      givenPhonetic: given.phonetic,
      familyPhonetic: family.phonetic,
      givenClass: given.nameClass,
      familyClass: family.nameClass,
      familyStem: familyStemOf(record.familyName, familySpelling),
      patronymicStem: patronymicStemOf(record.patronymic, patronymicSpelling),
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
