/**
 * A record as the real-time match index holds it (#3 item 4): its blocking and comparison keys
 * (PreparedRecord) and the words of its names, split and keyed once. compareRecords splits and
 * keys both records' names again for every pair, which was three quarters of a lookup's CPU at a
 * million persons; compareIndexedRecords (indexed-comparison.ts) reads these words instead.
 */
import { nameWords, patronymicWordsOf, type PatronymicWords, type Word } from '../compare-names.js';
import { prepareRecord, type PersonRecord, type PreparedRecord } from '../linkage/person-record.js';

/**
 * The words of one spelling read both ways: as written, and in the other role for a record whose
 * given and family names are exchanged (comparePersonNames compares a family name as a given
 * name then, which gives its words the class of a given name).
 */
export interface SpellingWords {
  readonly asGiven: readonly Word[];
  readonly asFamily: readonly Word[];
}

export interface IndexedRecord extends PreparedRecord {
  readonly givenWords: SpellingWords;
  readonly familyWords: SpellingWords;
  readonly patronymicWords: PatronymicWords;
}

/** The words of a given or family name's spelling. */
export function spellingWordsOf(name: string | undefined): SpellingWords {
  return { asGiven: nameWords(name, 'given'), asFamily: nameWords(name, 'family') };
}

/**
 * prepareRecord with the words of the record's names; what a lookup does once for the record it
 * looks up (createRecordPreparer shares the words of repeated names between indexed records).
 * @example prepareIndexedRecord({ id: '1', givenName: 'Anna-Maria' }).givenWords.asGiven.length // 2
 */
export function prepareIndexedRecord(record: PersonRecord): IndexedRecord {
  return {
    ...prepareRecord(record),
    givenWords: spellingWordsOf(record.givenName),
    familyWords: spellingWordsOf(record.familyName),
    patronymicWords: patronymicWordsOf(record.patronymic),
  };
}
