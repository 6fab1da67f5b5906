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
  'one-typo', // one substitution, transposition, insertion or deletion
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

function comparableNumber(number: string): string {
  return normaliseDocumentNumber(number).replace(
    /[АВЕІКМНОРСТХ]/g,
    (ch) => CYRILLIC_LOOKALIKES[ch] ?? ch,
  );
}

/**
 * Compares two identity documents by (type, issuing country, number), allowing one typo in a
 * number of six characters or more.
 * @example compareDocuments(passport('FE123456'), passport('FE123465')) // 'one-typo'
 */
export function compareDocuments(
  a: DocumentIdentity | null | undefined,
  b: DocumentIdentity | null | undefined,
): DocumentMatchLevel {
  const numberA = a ? comparableNumber(a.number) : '';
  const numberB = b ? comparableNumber(b.number) : '';
  if (!a || !b || numberA === '' || numberB === '') {
    return 'missing';
  }
  if (
    a.type !== b.type ||
    a.issuingCountry.trim().toUpperCase() !== b.issuingCountry.trim().toUpperCase()
  ) {
    return 'not-comparable';
  }
  if (numberA === numberB) {
    return 'exact';
  }
  const isLongEnough = Math.min(numberA.length, numberB.length) >= MIN_LENGTH_FOR_TYPO;
  // Numbers two or more characters apart in length are never one edit apart.
  const isOneEditAway =
    isLongEnough &&
    Math.abs(numberA.length - numberB.length) <= 1 &&
    editDistance(numberA, numberB) === 1;
  return isOneEditAway ? 'one-typo' : 'different';
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
