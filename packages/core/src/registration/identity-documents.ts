/** Identity documents seen at registration; a document is identified by (type, issuing country, number). */
export const DOCUMENT_TYPES = [
  'national-id-card', // Ukrainian ID card (since 2016)
  'international-passport', // passport for travel abroad
  'internal-passport', // Soviet-style booklet passport
  'birth-certificate',
  'residence-permit',
  'driving-licence',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * Normalises a document number for comparison and search: upper case, no spaces, hyphens or
 * the '<' filler of the machine-readable zone. Cyrillic letters are kept (booklet passports
 * have a Cyrillic series such as 'МЕ').
 * @example normaliseDocumentNumber('fe 123-456') // 'FE123456'
 */
export function normaliseDocumentNumber(number: string): string {
  return number
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\s\-<./]/g, '');
}
