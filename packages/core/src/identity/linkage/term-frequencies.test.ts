import { describe, expect, it } from 'vitest';
import { prepareRecord, type PersonRecord } from './person-record.js';
import { countTermFrequencies } from './term-frequencies.js';

const records: PersonRecord[] = [
  { id: '1', givenName: 'Микола', familyName: 'Шевченко' },
  { id: '2', givenName: 'Николай', familyName: 'Shevchenko' },
  { id: '3', givenName: 'Олена', familyName: 'Szewczenko' },
  { id: '4', givenName: 'Ганна', familyName: 'Гайдамакич' },
  { id: '5' },
];

describe('countTermFrequencies', () => {
  const frequencies = countTermFrequencies(records.map(prepareRecord));

  it('counts every spelling of a surname as one value, among records that have one', () => {
    expect(frequencies.familyName.shares.get('SEVSENKO')).toBe(3 / 4);
    expect(frequencies.familyName.shares.get('HAIDAMAKIS')).toBe(1 / 4);
  });

  it('counts the Russian and Ukrainian forms of a given name as one value', () => {
    const mykola = prepareRecord({ id: 'x', givenName: 'Mykola' }).givenClass;
    expect(frequencies.givenName.shares.get(mykola)).toBe(2 / 4);
  });

  it('finds the share typical of agreeing pairs near the commonest value', () => {
    // (0.75³ + 0.25³) / (0.75² + 0.25²): pairs agreeing on a surname mostly agree on Shevchenko.
    expect(frequencies.familyName.typicalAgreedShare).toBeCloseTo(0.7, 10);
  });
});
