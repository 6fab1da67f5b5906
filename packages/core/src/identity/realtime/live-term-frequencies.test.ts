import { describe, expect, it } from 'vitest';
import { prepareRecord, type PersonRecord } from '../linkage/person-record.js';
import { birthDecadeOf } from '../linkage/given-name-context.js';
import { countTermFrequencies } from '../linkage/term-frequencies.js';
import { generatePopulation } from '../linkage/test-support/synthetic-population.js';
import { LiveTermFrequencies } from './live-term-frequencies.js';

const records = generatePopulation(3, 200).records.map(({ record }) => prepareRecord(record));

describe('LiveTermFrequencies', () => {
  it('counts as countTermFrequencies does, as records come and go', () => {
    const live = new LiveTermFrequencies();
    records.forEach((record) => {
      live.add(record);
    });
    const removed = records.filter((_, position) => position % 3 === 0);
    removed.forEach((record) => {
      live.remove(record);
    });
    const kept = records.filter((_, position) => position % 3 !== 0);
    const expected = countTermFrequencies(kept);
    for (const field of ['givenName', 'familyName'] as const) {
      expect(live[field].typicalAgreedShare).toBeCloseTo(expected[field].typicalAgreedShare, 12);
      expect(live[field].shares.size).toBe(expected[field].shares.size);
      for (const [value, share] of expected[field].shares) {
        expect(live[field].shares.get(value)).toBeCloseTo(share, 12);
      }
      expect(new Map(live[field].shares)).toEqual(new Map(live[field].shares.entries()));
    }
    expect(live.givenNameContext.sameSexShare).toBeCloseTo(
      expected.givenNameContext?.sameSexShare ?? Number.NaN,
      12,
    );
    for (const record of kept) {
      const decade = birthDecadeOf(record.birthYear);
      expect(live.givenNameContext.shareInDecade(decade, record.givenClass)).toBe(
        expected.givenNameContext?.shareInDecade(decade, record.givenClass),
      );
    }
  });

  it('makes a surname commoner as its bearers are registered, and forgets the absent', () => {
    const live = new LiveTermFrequencies();
    const person = (id: string, familyName: string): PersonRecord => ({ id, familyName });
    live.add(prepareRecord(person('1', 'Шевченко')));
    live.add(prepareRecord(person('2', 'Гайдамака')));
    expect(live.familyName.shares.get('SEVSENKO')).toBe(1 / 2);
    live.add(prepareRecord(person('3', 'Szewczenko')));
    expect(live.familyName.shares.get('SEVSENKO')).toBe(2 / 3);
    live.remove(prepareRecord(person('2', 'Гайдамака')));
    expect(live.familyName.shares.get('SEVSENKO')).toBe(1);
    expect(live.familyName.shares.has('HAIDAMAKA')).toBe(false);
  });

  it('ignores absent names', () => {
    const live = new LiveTermFrequencies();
    live.add(prepareRecord({ id: '1' }));
    live.remove(prepareRecord({ id: '1' }));
    expect(live.givenName.shares.size).toBe(0);
    expect(live.givenName.typicalAgreedShare).toBe(0);
  });
});
