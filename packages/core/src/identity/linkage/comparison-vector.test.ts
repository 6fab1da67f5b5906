import { describe, expect, it } from 'vitest';
import { compareRecords } from './comparison-vector.js';
import { prepareRecord, type PersonRecord } from './person-record.js';

const buildRecord = (overrides: Partial<PersonRecord> = {}): PersonRecord => ({
  id: 'r1',
  givenName: 'Олександр',
  familyName: 'Шевченко',
  patronymic: 'Петрович',
  sex: 'male',
  birthDate: '1980-05-01',
  documents: [{ type: 'international-passport', issuingCountry: 'UA', number: 'FE123456' }],
  ...overrides,
});

const compare = (a: Partial<PersonRecord>, b: Partial<PersonRecord>) =>
  compareRecords(prepareRecord(buildRecord(a)), prepareRecord(buildRecord(b)));

describe('compareRecords', () => {
  it('finds every field exact for a repeated registration', () => {
    expect(compare({}, { id: 'r2' }).levels).toEqual({
      givenName: 'exact',
      familyName: 'exact',
      patronymic: 'exact',
      birthDate: 'exact',
      sex: 'same',
      document: 'exact',
      birthPlace: 'missing',
      residence: 'missing',
      postcode: 'missing',
    });
  });

  it('compares the places and postcodes a register records, in any script', () => {
    const vector = compare(
      { birthPlace: 'Київ', residence: 'Chernihiv', postcode: '14000' },
      { id: 'r2', birthPlace: 'Kyjiw', residence: 'Чернігів', postcode: '14037' },
    );
    expect(vector.levels).toMatchObject({
      birthPlace: 'equivalent',
      residence: 'exact',
      postcode: 'same-area',
    });
  });

  it('grades a transliterated, Russian-form registration with a mistyped date', () => {
    const vector = compare(
      {},
      {
        givenName: 'Александр',
        familyName: 'Shevchenko',
        patronymic: 'Petrovych',
        birthDate: '1980-05-02',
        documents: [{ number: 'FE123465' }],
      },
    );
    // Canonical names are KMU-55 Latin, so a KMU transliteration is an exact agreement.
    expect(vector.levels).toMatchObject({
      givenName: 'equivalent',
      familyName: 'exact',
      patronymic: 'exact',
      birthDate: 'off-by-one-day',
      document: 'one-typo',
    });
  });

  it('detects given and family names written the wrong way round', () => {
    const vector = compare({}, { givenName: 'Shevchenko', familyName: 'Oleksandr' });
    expect(vector.isSwapped).toBe(true);
    expect(vector.levels.givenName).toBe('exact');
    expect(vector.levels.familyName).toBe('exact');
  });

  it('tells twins apart by their given names only', () => {
    const vector = compare(
      { givenName: 'Олена', sex: 'female', documents: [] },
      { givenName: 'Ганна', sex: 'female', documents: [] },
    );
    expect(vector.levels).toMatchObject({
      givenName: 'different',
      familyName: 'exact',
      birthDate: 'exact',
      document: 'missing',
    });
  });

  it('counts what is absent or incomparable as missing, not as disagreement', () => {
    const vector = compare(
      { patronymic: undefined, sex: 'unknown', birthDate: undefined },
      {
        documents: [{ type: 'residence-permit', issuingCountry: 'PL', number: 'FE123456' }],
      },
    );
    expect(vector.levels).toMatchObject({
      patronymic: 'missing',
      sex: 'missing',
      birthDate: 'missing',
      document: 'not-comparable',
    });
  });

  it('carries the agreed values for the term-frequency adjustment', () => {
    const vector = compare({}, { givenName: 'Николай' });
    expect(vector.familyPhonetic).toBe('SEVSENKO');
    expect(vector.givenClass).toBe(prepareRecord(buildRecord({ givenName: 'Микола' })).givenClass);
  });
});
