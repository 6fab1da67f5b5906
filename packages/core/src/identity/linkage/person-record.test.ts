import { describe, expect, it } from 'vitest';
import { prepareRecord, type PersonRecord } from './person-record.js';

const buildRecord = (overrides: Partial<PersonRecord> = {}): PersonRecord => ({
  id: 'r1',
  givenName: 'Олена',
  familyName: 'Шевченко',
  ...overrides,
});

describe('prepareRecord', () => {
  it('gives one family key to every script and transliteration of a surname', () => {
    const keys = ['Шевченко', 'Shevchenko', 'Szewczenko', 'Schewtschenko'].map(
      (familyName) => prepareRecord(buildRecord({ familyName })).familyPhonetic,
    );
    expect(new Set(keys)).toEqual(new Set(['SEVSENKO']));
  });

  it('gives the Russian and Ukrainian forms of a given name one class', () => {
    const ukrainian = prepareRecord(buildRecord({ givenName: 'Mykola' }));
    const russian = prepareRecord(buildRecord({ givenName: 'Николай' }));
    expect(russian.givenClass).toBe(ukrainian.givenClass);
    expect(russian.givenCanonical).not.toBe(ukrainian.givenCanonical);
  });

  it('gives a man and a woman of one family one surname stem', () => {
    const woman = prepareRecord(buildRecord({ familyName: 'Ковальська' }));
    const man = prepareRecord(buildRecord({ familyName: 'Kovalskyi' }));
    expect(woman.familyStem).toBe(man.familyStem);
  });

  it('keeps the birth year of a partial date and none of a malformed one', () => {
    expect(prepareRecord(buildRecord({ birthDate: '1987' })).birthYear).toBe('1987');
    expect(prepareRecord(buildRecord({ birthDate: '1987-03-02' })).birthYear).toBe('1987');
    expect(prepareRecord(buildRecord({ birthDate: '2.3.1987' })).birthYear).toBe('');
    expect(prepareRecord(buildRecord()).birthYear).toBe('');
  });

  it('keys documents by their digits, so a Cyrillic series typed in Latin still meets', () => {
    const prepared = prepareRecord(
      buildRecord({
        documents: [
          { type: 'internal-passport', issuingCountry: 'UA', number: 'МЕ 123456' },
          { number: 'ME123456' },
          { number: 'A-123' }, // too short to bring strangers together
        ],
      }),
    );
    expect(prepared.documentDigits).toEqual(['123456']);
  });

  it('leaves absent names as empty keys', () => {
    const prepared = prepareRecord({ id: 'r2' });
    expect([prepared.givenClass, prepared.familyPhonetic, prepared.familyStem]).toEqual([
      '',
      '',
      '',
    ]);
  });
});
