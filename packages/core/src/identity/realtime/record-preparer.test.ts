import { describe, expect, it } from 'vitest';
import { generatePopulation } from '../linkage/test-support/synthetic-population.js';
import { prepareIndexedRecord } from './indexed-record.js';
import { createRecordPreparer } from './record-preparer.js';

describe('createRecordPreparer', () => {
  it('prepares every record exactly as prepareIndexedRecord does', () => {
    const records = [
      ...generatePopulation(11, 300).records.map(({ record }) => record),
      { id: 'empty' },
      { id: 'blank', givenName: '', familyName: ' ', patronymic: '', birthDate: 'soon' },
    ];
    const prepare = createRecordPreparer();
    // Twice, so that the second pass reads every name from the cache.
    for (const pass of [1, 2]) {
      for (const record of records) {
        expect(prepare(record), `pass ${String(pass)}`).toEqual(prepareIndexedRecord(record));
      }
    }
  });

  it('shares the keys of a repeated name between records', () => {
    const prepare = createRecordPreparer();
    const first = prepare({ id: '1', familyName: 'Шевченко' });
    const second = prepare({ id: '2', familyName: 'Шевченко' });
    expect(second.record.id).toBe('2');
    expect(second.familyPhonetic).toBe(first.familyPhonetic);
    // One copy of the words per spelling, not per person: a million records hold a few thousand.
    expect(second.familyWords).toBe(first.familyWords);
  });
});
