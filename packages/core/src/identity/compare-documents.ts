/**
 * Comparison of identity documents. A document is identified by the tuple (type, issuing
 * country, number) (DOMAIN.md section 8): numbers are compared only within one type and country,
 * since a Ukrainian passport and a Polish residence permit may share a number by chance.
 */
import { normaliseDocumentNumber, type DocumentType } from '../registration/identity-documents.js';
import { editDistance } from './string-similarity.js';

/** Best first. 'missing' means no information: a document or its number is absent. */
export const DOCUMENT_MATCH_LEVELS = [
  'exact',
  'one-typo', // a typo: one substitution, transposition, insertion or deletion (two in a long identifier written in letters)
  'different',
  'not-comparable', // different type or issuing country
  'missing',
] as const;
export type DocumentMatchLevel = (typeof DOCUMENT_MATCH_LEVELS)[number];

export interface DocumentIdentity {
  readonly type: DocumentType;
  /** ISO 3166-1 code of the issuing country, e.g. 'UA'. */
  readonly issuingCountry: string;
  readonly number: string;
}

/**
 * Below this length one edit is too large a share of the number for a typo to be told from a
 * different document.
 */
const MIN_LENGTH_FOR_TYPO = 6;
/**
 * From this length an identifier written mostly in letters (an e-mail address kept as one) may
 * differ by two typos: the longer the text, the likelier a second slip, and two people's
 * addresses are rarely that close. Never a number mostly of digits: national numbers that encode
 * the birth date (Romanian CNP, Moldovan IDNP, the Ukrainian record number) give twins numbers
 * two digits apart, serial and check digit.
 */
const MIN_LENGTH_FOR_TWO_TYPOS = 12;

/** Half its characters letters or more: text a person types, not a number a state issues. */
export const isWrittenInLetters = (number: string): boolean =>
  number.replace(/\P{L}/gu, '').length * 2 >= number.length;

// Cyrillic letters that look like Latin ones: booklet passports have a Cyrillic series (МЕ, АВ,
// КС) which clerks abroad type on a Latin keyboard.
const CYRILLIC_LOOKALIKES: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  І: 'I',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
};

/** A document number as compared: normalised, with Cyrillic look-alikes as Latin letters. */
export function comparableDocumentNumber(number: string): string {
  return normaliseDocumentNumber(number).replace(
    /[АВЕІКМНОРСТХ]/g,
    (ch) => CYRILLIC_LOOKALIKES[ch] ?? ch,
  );
}

/** An issuing country as compared. */
export const comparableCountry = (country: string): string => country.trim().toUpperCase();

/** A document as compareDocuments sees it: number and country normalised. */
export interface ComparableDocument {
  readonly type: DocumentType;
  /** Trimmed and upper-cased. */
  readonly issuingCountry: string;
  /** Normalised, with Cyrillic look-alikes as Latin letters; '' when absent. */
  readonly number: string;
}

/**
 * The document normalised once, for comparing it with many others (batch deduplication).
 * @example comparableDocument({ type: 'passport', issuingCountry: 'ua ', number: 'ме 123' }).number // 'ME123'
 */
export function comparableDocument(document: DocumentIdentity): ComparableDocument {
  return {
    type: document.type,
    issuingCountry: comparableCountry(document.issuingCountry),
    number: comparableDocumentNumber(document.number),
  };
}

/**
 * compareDocuments of two documents already normalised (comparableDocument).
 * @example compareComparableDocuments(comparableDocument(a), comparableDocument(b)) // 'exact'
 */
export function compareComparableDocuments(
  a: ComparableDocument,
  b: ComparableDocument,
): DocumentMatchLevel {
  const numberA = a.number;
  const numberB = b.number;
  if (numberA === '' || numberB === '') {
    return 'missing';
  }
  if (a.type !== b.type || a.issuingCountry !== b.issuingCountry) {
    return 'not-comparable';
  }
  if (numberA === numberB) {
    return 'exact';
  }
  const shorter = Math.min(numberA.length, numberB.length);
  const allowedEdits =
    shorter >= MIN_LENGTH_FOR_TWO_TYPOS && isWrittenInLetters(numberA) && isWrittenInLetters(numberB)
      ? 2
      : 1;
  // Numbers further apart in length than the edits allowed are never that few edits apart.
  const isTypoAway =
    shorter >= MIN_LENGTH_FOR_TYPO &&
    Math.abs(numberA.length - numberB.length) <= allowedEdits &&
    editDistance(numberA, numberB) <= allowedEdits;
  return isTypoAway ? 'one-typo' : 'different';
}

/**
 * Compares two identity documents by (type, issuing country, number), allowing one typo in a
 * number of six characters or more, and two in an identifier of twelve or more written mostly in
 * letters (an e-mail address).
 * @example compareDocuments(passport('FE123456'), passport('FE123465')) // 'one-typo'
 */
export function compareDocuments(
  a: DocumentIdentity | null | undefined,
  b: DocumentIdentity | null | undefined,
): DocumentMatchLevel {
  if (!a || !b) {
    return 'missing';
  }
  return compareComparableDocuments(comparableDocument(a), comparableDocument(b));
}

/**
 * The best agreement between any document of one person and any of another.
 * @example bestDocumentMatch([idCard, passport], [passport]) // 'exact'
 */
export function bestDocumentMatch(
  a: readonly DocumentIdentity[],
  b: readonly DocumentIdentity[],
): DocumentMatchLevel {
  let best: DocumentMatchLevel = 'missing';
  for (const documentA of a) {
    for (const documentB of b) {
      const level = compareDocuments(documentA, documentB);
      if (DOCUMENT_MATCH_LEVELS.indexOf(level) < DOCUMENT_MATCH_LEVELS.indexOf(best)) {
        best = level;
      }
    }
  }
  return best;
}
