import { describe, expect, it } from 'vitest';
import type { DocumentType } from '../registration/identity-documents.js';
import { bestDocumentMatch, compareDocuments, type DocumentIdentity } from './compare-documents.js';

function buildDocument(overrides: Partial<DocumentIdentity> = {}): DocumentIdentity {
  return { type: 'international-passport', issuingCountry: 'UA', number: 'FE123456', ...overrides };
}

const passport = (
  number: string,
  issuingCountry = 'UA',
  type: DocumentType = 'international-passport',
) => buildDocument({ number, issuingCountry, type });

describe('compareDocuments', () => {
  it('is exact for the same number however it was typed', () => {
    expect(compareDocuments(passport('FE123456'), passport('fe 123-456'))).toBe('exact');
    expect(compareDocuments(passport('FE<123456'), passport('FE123456'))).toBe('exact');
  });

  it('reads a Cyrillic booklet series typed on a Latin keyboard as the same', () => {
    const booklet = (number: string) => passport(number, 'UA', 'internal-passport');
    expect(compareDocuments(booklet('МЕ123456'), booklet('ME123456'))).toBe('exact');
  });

  it.each([
    ['FE123465', 'transposition'],
    ['FE123457', 'substitution'],
    ['FE1234567', 'insertion'],
    ['FE12346', 'deletion'],
  ])('allows one typo: FE123456 ~ %s (%s)', (number) => {
    expect(compareDocuments(passport('FE123456'), passport(number))).toBe('one-typo');
  });

  it('calls two typos different', () => {
    expect(compareDocuments(passport('FE123456'), passport('FE124365'))).toBe('different');
    expect(compareDocuments(passport('FE123456'), passport('EF213465'))).toBe('different');
  });

  it('allows two typos in a long identifier, such as an e-mail address kept as one', () => {
    const email = (address: string) => passport(address, 'UA', 'other');
    expect(
      compareDocuments(email('hmay32@richardson-rhodes.com'), email('hmay3@richarsson-rhodes.com')),
    ).toBe('one-typo');
    expect(
      compareDocuments(email('hmay32@richardson-rhodes.com'), email('hmay3@richarsson-rhode.com')),
    ).toBe('different');
  });

  it('allows one typo only in a long number of digits: twins’ birth-date numbers differ by two', () => {
    const cnp = (number: string) => passport(number, 'RO', 'national-id-card');
    expect(compareDocuments(cnp('6120307220454'), cnp('6120307220462'))).toBe('different');
    expect(compareDocuments(cnp('6120307220454'), cnp('6120307220455'))).toBe('one-typo');
  });

  it('allows no typo in short numbers', () => {
    expect(compareDocuments(passport('12345'), passport('12354'))).toBe('different');
  });

  it('compares numbers only within one type and issuing country', () => {
    expect(compareDocuments(passport('FE123456', 'UA'), passport('FE123456', 'PL'))).toBe(
      'not-comparable',
    );
    expect(
      compareDocuments(passport('FE123456'), passport('FE123456', 'UA', 'national-id-card')),
    ).toBe('not-comparable');
    expect(compareDocuments(passport('FE123456', 'ua'), passport('FE123456', 'UA'))).toBe('exact');
  });

  it('says "missing" without a document or a number', () => {
    expect(compareDocuments(undefined, passport('FE123456'))).toBe('missing');
    expect(compareDocuments(passport(''), passport('FE123456'))).toBe('missing');
    expect(compareDocuments(passport(' - '), passport('FE123456'))).toBe('missing');
    expect(compareDocuments(passport('😀'.repeat(500)), passport('FE123456'))).toBe('different');
  });
});

describe('bestDocumentMatch', () => {
  it('takes the best agreement between any two documents', () => {
    const idCard = buildDocument({ type: 'national-id-card', number: '001234567' });
    expect(bestDocumentMatch([idCard, passport('FE123456')], [passport('FE123465')])).toBe(
      'one-typo',
    );
    expect(bestDocumentMatch([idCard], [passport('FE123456')])).toBe('not-comparable');
    expect(bestDocumentMatch([], [passport('FE123456')])).toBe('missing');
  });
});
