import { describe, expect, it } from 'vitest';
import { NAME_MATCH_LEVELS } from '../compare-names.js';
import { compareRecords } from '../linkage/comparison-vector.js';
import { prepareRecord, type PersonRecord } from '../linkage/person-record.js';
import { generatePopulation } from '../linkage/test-support/synthetic-population.js';
import { compareIndexedRecords } from './indexed-comparison.js';
import { prepareIndexedRecord } from './indexed-record.js';
import { createRecordPreparer } from './record-preparer.js';

/** What registrars type that the generator does not: each pair below exercises one rule. */
const oddPairs: [PersonRecord, PersonRecord][] = [
  [
    { id: 'a', givenName: 'Shevchenko', familyName: 'Olena' },
    { id: 'b', givenName: 'Олена', familyName: 'Шевченко' },
  ],
  [
    { id: 'a', givenName: 'Олена', familyName: 'Коваленко-Шевчук' },
    { id: 'b', givenName: 'Олена', familyName: 'Шевчук' },
  ],
  [
    { id: 'a', givenName: 'Anna Maria', familyName: 'Bondar' },
    { id: 'b', givenName: 'Annamaria', familyName: 'Bondar' },
  ],
  [
    { id: 'a', givenName: 'Олександр', familyName: 'Ковальський', patronymic: 'Сергійович' },
    { id: 'b', givenName: 'Олександра', familyName: 'Ковальська', patronymic: 'Сергіївна' },
  ],
  [
    { id: 'a', givenName: 'Микола', familyName: 'Ткач', patronymic: 'Сергійович' },
    { id: 'b', givenName: 'Nikolai', familyName: 'Tkach', patronymic: 'Sergeevich' },
  ],
  [
    { id: 'a', givenName: 'Tom', familyName: 'Smith' },
    { id: 'b', givenName: 'Thomas', familyName: 'Smyth' },
  ],
  [
    { id: 'a', givenName: 'Ivan', familyName: 'Petrenko' },
    { id: 'b', givenName: 'Ivan', familyName: 'Pertenko' },
  ],
  [
    { id: 'a', givenName: 'Ivan' },
    { id: 'b', familyName: 'Ivan' },
  ],
  [
    { id: 'a', givenName: 'Watts' },
    { id: 'b', givenName: 'William', familyName: 'Watts' },
  ],
  [
    { id: 'a', givenName: 'Sir George', familyName: 'Wheler' },
    { id: 'b', givenName: 'G.', familyName: 'Wheler' },
  ],
  [
    { id: 'a', givenName: 'пані', familyName: 'Шевчук' },
    { id: 'b', givenName: 'О.', familyName: 'Шевчук' },
  ],
  [
    // A mistyped patronymic, and the places some registers record.
    {
      id: 'a',
      givenName: 'Petro',
      familyName: 'Bondar',
      patronymic: 'Ivanovych',
      birthPlace: 'Київ',
      postcode: '01001',
    },
    {
      id: 'b',
      givenName: 'Petro',
      familyName: 'Bondar',
      patronymic: 'Ivanovyhc',
      birthPlace: 'Kyiv',
      residence: 'Lviv',
      postcode: '01002',
    },
  ],
  [
    { id: 'a', givenName: 'Anna Maria', familyName: 'Bondar', patronymic: 'Petrivna Oleksiivna' },
    { id: 'b', givenName: 'Anna', familyName: 'Bondar', patronymic: 'Oleksiivna' },
  ],
  [
    { id: 'a', givenName: '  ', familyName: '', patronymic: ' ' },
    { id: 'b', givenName: 'Ivan', familyName: 'Petrenko', patronymic: 'Ivanovych' },
  ],
  [
    { id: 'a', givenName: '😀'.repeat(30), familyName: 'ნინო', birthDate: '1990-13-45' },
    { id: 'b', givenName: 'محمد', familyName: 'ნინო', birthDate: 'not a date' },
  ],
  [
    { id: 'a', givenName: 'a b c d e f g h i j', familyName: 'x y z' },
    { id: 'b', givenName: 'j i h g f e d c b a', familyName: 'z-y-x' },
  ],
  [
    {
      id: 'a',
      givenName: 'Iryna',
      familyName: 'Melnyk',
      sex: 'female',
      birthDate: '1985',
      documents: [{ number: 'FE123456' }, { type: 'national-id-card', number: '000123456' }],
    },
    {
      id: 'b',
      givenName: 'Ірина',
      familyName: 'Мельник',
      sex: 'unknown',
      birthDate: '1985-03',
      documents: [{ type: 'international-passport', issuingCountry: 'UKR', number: 'FE123457' }],
    },
  ],
];

describe('compareIndexedRecords', () => {
  it('gives the vector compareRecords gives, on a varied population and odd spellings', () => {
    const records = [
      ...generatePopulation(17, 150).records.map(({ record }) => record),
      ...oddPairs.flat().map((record, at) => ({ ...record, id: `odd${String(at)}` })),
    ];
    // As the index holds them: words shared between records of one spelling.
    const prepareIndexed = createRecordPreparer();
    const indexed = records.map(prepareIndexed);
    const prepared = records.map(prepareRecord);
    // Pairs a lookup compares share a name or a birth year; strangers are compared too.
    const pairs: [number, number][] = [];
    for (let a = 0; a < records.length; a++) {
      for (let b = 0; b < records.length; b++) {
        const [pa, pb] = [prepared[a], prepared[b]];
        const isCandidate =
          pa !== undefined &&
          pb !== undefined &&
          (pa.familyStem === pb.familyStem ||
            pa.givenClass === pb.familyClass ||
            (pa.birthYear !== '' && pa.birthYear === pb.birthYear && (a + b) % 5 === 0));
        if (a !== b && (isCandidate || (a * 31 + b) % 97 === 0)) {
          pairs.push([a, b]);
        }
      }
    }
    oddPairs.forEach((_, at) => {
      const first = records.length - oddPairs.length * 2 + at * 2;
      pairs.push([first, first + 1], [first + 1, first]);
    });

    const seen = { givenName: new Set(), familyName: new Set(), patronymic: new Set() };
    let swapped = 0;
    for (const [a, b] of pairs) {
      const [ia, ib, pa, pb] = [indexed[a], indexed[b], prepared[a], prepared[b]];
      if (!ia || !ib || !pa || !pb) {
        throw new Error(`no record at ${String(a)} or ${String(b)}`);
      }
      const expected = compareRecords(pa, pb);
      const actual = compareIndexedRecords(ia, ib);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        // Only on a difference: toEqual on every one of ~10⁵ pairs would take most of the run.
        expect(actual, `${JSON.stringify(pa.record)} / ${JSON.stringify(pb.record)}`).toEqual(
          expected,
        );
      }
      seen.givenName.add(actual.levels.givenName);
      seen.familyName.add(actual.levels.familyName);
      seen.patronymic.add(actual.levels.patronymic);
      swapped += actual.isSwapped ? 1 : 0;
    }
    // The sample is worth something only if it reached every level and the exchanged names.
    expect(pairs.length).toBeGreaterThan(10_000);
    for (const [field, levels] of Object.entries(seen)) {
      expect([...levels].sort(), field).toEqual([...NAME_MATCH_LEVELS].sort());
    }
    expect(swapped).toBeGreaterThan(0);
  }, 60_000);

  it('reads a looked-up record prepared on its own as one prepared by the index', () => {
    const [a, b] = oddPairs[0] ?? [];
    if (!a || !b) {
      throw new Error('no odd pair');
    }
    const vector = compareIndexedRecords(createRecordPreparer()(a), prepareIndexedRecord(b));
    expect(vector.isSwapped).toBe(true);
    expect(vector).toEqual(compareRecords(prepareRecord(a), prepareRecord(b)));
  });
});
