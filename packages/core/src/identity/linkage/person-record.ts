/**
 * The record record linkage sees (#3 item 3), and its comparison keys computed once: every
 * candidate pair reads them instead of folding the same names again.
 */
import type { DocumentType } from '../../registration/identity-documents.js';
import type { Sex } from '../../registration/household.js';
import { nameClass, patronymicStem, surnameStem } from '../name-equivalents.js';
import { canonicalName, phoneticKey } from '../name-keys.js';
import { givenNameWithoutTitles } from '../name-titles.js';

/** An identity document as registered; type and issuing country are often not recorded. */
export interface LinkageDocument {
  readonly type?: DocumentType | undefined;
  /** ISO 3166-1 code of the issuing country, e.g. 'UA'. */
  readonly issuingCountry?: string | undefined;
  readonly number: string;
}

/** One registration of a person, from any country's system; any field may be absent. */
export interface PersonRecord {
  readonly id: string;
  readonly givenName?: string | undefined;
  readonly familyName?: string | undefined;
  readonly patronymic?: string | undefined;
  readonly sex?: Sex | undefined;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  readonly birthDate?: string | undefined;
  readonly nationality?: string | undefined;
  readonly documents?: readonly LinkageDocument[] | undefined;
  /** ISO 3166-1 code of the country where the person was registered. */
  readonly country?: string | undefined;
  /** Place of birth as written: a town or district (Ukrainian passports print it). */
  readonly birthPlace?: string | undefined;
  /** Where the person lives or last lived: a town, or an address. */
  readonly residence?: string | undefined;
  readonly postcode?: string | undefined;
}

/** A record with its comparison and blocking keys; '' stands for an absent key. */
export interface PreparedRecord {
  readonly record: PersonRecord;
  readonly givenCanonical: string;
  readonly familyCanonical: string;
  readonly givenPhonetic: string;
  readonly familyPhonetic: string;
  /** Russian and Ukrainian forms of a given name share it (Николай, Mykola). */
  readonly givenClass: string;
  /** The family name read as a given name: a swapped record's given name is here. */
  readonly familyClass: string;
  /** Sex-neutral: Kovalska and Kovalskyi share it. */
  readonly familyStem: string;
  readonly patronymicStem: string;
  /** 'YYYY', or '' when the birth date is absent or not a date. */
  readonly birthYear: string;
  /** 'YYYY-MM-DD' when the birth date is a full date, else '': the blocking rules key on it. */
  readonly fullBirthDate: string;
  /** Digits of each document number: a Cyrillic series (МЕ) typed in Latin still meets. */
  readonly documentDigits: readonly string[];
}

/** Shorter digit runs are shared by chance too often to bring two records together. */
const MIN_DOCUMENT_DIGITS = 6;

/** A birth date written to the day, as written, or '' (a year, a month, no date). */
export function fullBirthDateOf(birthDate: string | undefined): string {
  const date = birthDate?.trim() ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '';
}

/** The year of a birth date, or '' when it is absent or not a date. */
export function birthYearOf(birthDate: string | undefined): string {
  const year = /^\d{4}(?:-|$)/.exec(birthDate?.trim() ?? '');
  return year ? year[0].slice(0, 4) : '';
}

/** The digits of each document number long enough to block on, each once. */
export function documentDigitsOf(documents: readonly LinkageDocument[] | undefined): string[] {
  if (!documents || documents.length === 0) {
    return [];
  }
  return [
    ...new Set(
      documents
        .map((document) => document.number.replace(/\D/g, ''))
        .filter((digits) => digits.length >= MIN_DOCUMENT_DIGITS),
    ),
  ];
}

/**
 * Computes a record's comparison and blocking keys once, so that comparing pairs stays cheap.
 * @example prepareRecord({ id: '1', familyName: 'Шевченко' }).familyPhonetic // 'SEVSENKO'
 */
export function prepareRecord(record: PersonRecord): PreparedRecord {
  const givenName = givenNameWithoutTitles(record.givenName);
  return {
    record,
    givenCanonical: canonicalName(givenName),
    familyCanonical: canonicalName(record.familyName),
    givenPhonetic: phoneticKey(givenName),
    familyPhonetic: phoneticKey(record.familyName),
    givenClass: nameClass(givenName),
    familyClass: nameClass(record.familyName),
    familyStem: surnameStem(record.familyName).stem,
    patronymicStem: patronymicStem(record.patronymic).stem,
    birthYear: birthYearOf(record.birthDate),
    fullBirthDate: fullBirthDateOf(record.birthDate),
    documentDigits: documentDigitsOf(record.documents),
  };
}
