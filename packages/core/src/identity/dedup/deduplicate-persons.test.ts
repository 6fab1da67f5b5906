import { describe, expect, it } from 'vitest';
import { compareRecords } from '../linkage/comparison-vector.js';
import { scorePair } from '../linkage/fellegi-sunter.js';
import { countTermFrequencies } from '../linkage/term-frequencies.js';
import { prepareRecord, type PersonRecord } from '../linkage/person-record.js';
import {
  generatePopulation,
  withGivenNamesReplaced,
} from '../linkage/test-support/synthetic-population.js';
import {
  createPairComparer,
  decodePattern,
  PATTERN_FIELDS,
  patternVector,
  type PairPattern,
} from './pair-patterns.js';
import { prepareRecords } from './prepared-records.js';
import { deduplicatePersons } from './deduplicate-persons.js';
import { selectReviewPairs } from './review-band.js';

// A population for EM to learn from; the cases under test are added to it.
const population = generatePopulation(11, 400);
const others = population.records.map(({ record }) => record);

const passport = (number: string) => [
  { type: 'international-passport' as const, issuingCountry: 'UA', number },
];

// Fewer random pairs than the default keeps each run about a second; u is as good here.
const FAST = { randomPairs: 5000, randomPairsWithoutNames: 20_000 } as const;

const together = (clusters: readonly (readonly string[])[], a: string, b: string): boolean =>
  clusters.some((cluster) => cluster.includes(a) && cluster.includes(b));

const olena: PersonRecord[] = [
  {
    id: 'olena-ua',
    givenName: 'Олена',
    familyName: 'Гайдамакич',
    patronymic: 'Петрівна',
    sex: 'female',
    birthDate: '1984-05-01',
    documents: passport('FE111111'),
  },
  { id: 'olena-pl', givenName: 'Olena', familyName: 'Hajdamakycz', birthDate: '1984-05-01' },
  {
    id: 'olena-de',
    givenName: 'Olena',
    familyName: 'Haidamakych',
    sex: 'female',
    birthDate: '1984-01-05',
    documents: passport('FE111111'),
  },
];

describe('deduplicatePersons', { timeout: 20_000 }, () => {
  const result = deduplicatePersons([...others, ...olena], FAST);

  it('merges one person registered in three countries and spellings', () => {
    expect(together(result.clusters, 'olena-ua', 'olena-pl')).toBe(true);
    expect(together(result.clusters, 'olena-ua', 'olena-de')).toBe(true);
  });

  it('puts every record in exactly one cluster, and reports what it did', () => {
    const ids = result.clusters.flat();
    expect(ids).toHaveLength(others.length + olena.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.report.candidatePairCount).toBeGreaterThan(0);
    const newPairs = result.report.rules.reduce((sum, rule) => sum + rule.newPairCount, 0);
    expect(newPairs).toBe(result.report.candidatePairCount);
    expect(result.report.em.iterations).toBeGreaterThan(0);
    expect(result.report.thresholds.linkWeight).toBeGreaterThan(
      result.report.thresholds.contradictionWeight,
    );
  });

  it('weighs every candidate pair as scorePair does with the term frequencies of the register', () => {
    const records = [...others, ...olena];
    const prepared = records.map(prepareRecord);
    const termFrequencies = countTermFrequencies(prepared);
    const { first, second, weights } = result.candidatePairs;
    let compared = 0;
    let swapped = 0;
    for (let p = 0; p < first.length; p++) {
      const [a, b] = [prepared[first[p] ?? 0], prepared[second[p] ?? 0]];
      const vector = a && b ? compareRecords(a, b) : undefined;
      if (!vector) {
        continue;
      }
      // Names exchanged on one side included: both take the smaller name correction of the two,
      // so the review page explains the weight the batch decided on.
      const expected = scorePair(result.report.model, vector, { termFrequencies }).matchWeight;
      expect(weights[p]).toBeCloseTo(expected, 3);
      compared += 1;
      swapped += vector.isSwapped ? 1 : 0;
    }
    expect(compared).toBeGreaterThan(500);
    expect(swapped).toBeGreaterThan(0);
  });

  it('estimates a model EM converged on, and contradicts only on evidence against', () => {
    expect(result.report.em.hasConverged).toBe(true);
    // A contradiction is a Bayes factor below 1/99, whatever the prior of a pair at large.
    expect(result.report.thresholds.contradictionWeight).toBeCloseTo(Math.log2(0.01 / 0.99), 6);
  });

  it('trains m only on rules whose pairs leave two or more fields to learn from', () => {
    // Every record agrees on names and date with its duplicate and has no other field: a rule
    // keyed on names and date leaves EM nothing it can tell matches by, and is not trained on.
    const bare = others.map(({ id, givenName, familyName, birthDate }) => ({
      id,
      givenName,
      familyName,
      birthDate,
    }));
    const only = deduplicatePersons(bare, {
      ...FAST,
      rules: [
        {
          name: 'names+date',
          keysOf: (record) => [
            `${record.givenClass}|${record.familyClass}|${record.record.birthDate ?? ''}`,
          ],
          fields: ['givenName', 'familyName', 'sex', 'birthDate'],
        },
      ],
    });
    expect(only.report.em.sampledPairs).toBe(0);
  });

  it('resolves the synthetic population with few false merges', () => {
    const identityOf = new Map(population.records.map((r) => [r.record.id, r.identity]));
    let truePairs = 0;
    let falsePairs = 0;
    for (const cluster of result.clusters) {
      cluster.forEach((a, i) => {
        for (const b of cluster.slice(i + 1)) {
          if (identityOf.get(a) === identityOf.get(b)) {
            truePairs += 1;
          } else {
            falsePairs += 1;
          }
        }
      });
    }
    expect(falsePairs / (truePairs + falsePairs)).toBeLessThan(0.03);
  });

  it('refuses the chain through a vague record when the two ends disagree', () => {
    const records: PersonRecord[] = [
      {
        id: 'father',
        givenName: 'Петро',
        familyName: 'Гайдамакич',
        patronymic: 'Іванович',
        sex: 'male',
        birthDate: '1970-03-02',
        documents: passport('FE222222'),
      },
      {
        id: 'son',
        givenName: 'Петро',
        familyName: 'Гайдамакич',
        patronymic: 'Петрович',
        sex: 'male',
        birthDate: '1998-07-15',
        documents: passport('FE333333'),
      },
      { id: 'vague', givenName: 'Petro', familyName: 'Haidamakych', sex: 'male' },
    ];
    const { clusters } = deduplicatePersons([...others, ...records], FAST);
    expect(together(clusters, 'father', 'son')).toBe(false);
  });

  it('joins a record that leaves most fields out to the identity its other records make', () => {
    const zoriana: PersonRecord[] = [
      {
        id: 'zoriana-full',
        givenName: 'Зоряна',
        familyName: 'Гайдамакич',
        patronymic: 'Петрівна',
        sex: 'female',
        birthDate: '1984-05-01',
        documents: passport('FE555555'),
      },
      {
        id: 'zoriana-no-surname',
        givenName: 'Зоряна',
        patronymic: 'Петрівна',
        sex: 'female',
        birthDate: '1984-05-01',
      },
      // Links to the full record; against the one without a surname only the given name
      // agrees, which weighs little but says nothing against it.
      { id: 'zoriana-names-only', givenName: 'Zoriana', familyName: 'Hajdamakycz' },
    ];
    const { clusters } = deduplicatePersons([...others, ...zoriana], FAST);
    expect(together(clusters, 'zoriana-full', 'zoriana-no-surname')).toBe(true);
    expect(together(clusters, 'zoriana-full', 'zoriana-names-only')).toBe(true);
  });

  it('does not join a son to his father through birth years a digit apart', () => {
    const kucheriavyi: PersonRecord[] = [
      {
        id: 'father',
        givenName: 'Богдан',
        familyName: 'Кучерявий',
        sex: 'male',
        birthDate: '1960-06-15',
        documents: passport('AA000001'),
      },
      { id: 'father-document', familyName: 'Kucheriavyi', documents: passport('AA000001') },
      {
        id: 'son',
        givenName: 'Богдан',
        familyName: 'Кучерявий',
        sex: 'male',
        birthDate: '1990-06-15',
      },
    ];
    const { clusters } = deduplicatePersons([...others, ...kucheriavyi], FAST);
    expect(together(clusters, 'father', 'father-document')).toBe(true);
    expect(together(clusters, 'father', 'son')).toBe(false);
  });

  it('merges a person registered under an English nickname, whose given name class differs', () => {
    const margaret: PersonRecord[] = [
      {
        id: 'margaret',
        givenName: 'Margaret',
        familyName: 'Thistlewood',
        sex: 'female',
        birthDate: '1950-02-11',
      },
      { id: 'peggy', givenName: 'Peggy', familyName: 'Thistlewood', birthDate: '1950-02-11' },
    ];
    const resolved = deduplicatePersons([...others, ...margaret], FAST);
    expect(together(resolved.clusters, 'margaret', 'peggy')).toBe(true);
  });

  it('merges a given name mistyped into a spelling no one else carries, and keeps twins apart', () => {
    const chudleigh = (id: string, givenName: string, birthDate = '1930-08-01'): PersonRecord => ({
      id,
      givenName,
      familyName: 'Chudleigh',
      sex: 'male',
      birthDate,
    });
    const resolved = deduplicatePersons(
      [
        ...others,
        chudleigh('thomas-1', 'Thomas'),
        chudleigh('thomas-2', 'Thomas'),
        chudleigh('rhomas', 'Rhomas'),
        chudleigh('twin-1', 'Mykola', '1961-02-14'),
        chudleigh('twin-2', 'Mykyta', '1961-02-14'),
        chudleigh('twin-1-again', 'Mykola', '1961-02-14'),
        chudleigh('twin-2-again', 'Mykyta', '1961-02-14'),
        // Twins registered once each, their names one letter apart: known names, no slip.
        chudleigh('maria', 'Марія', '2012-09-03'),
        chudleigh('daria', 'Дарія', '2012-09-03'),
      ],
      FAST,
    );
    expect(together(resolved.clusters, 'thomas-1', 'rhomas')).toBe(true);
    // Mykola and Mykyta are two keystrokes apart, but each is carried by two records: names.
    expect(together(resolved.clusters, 'twin-1', 'twin-1-again')).toBe(true);
    expect(together(resolved.clusters, 'twin-1', 'twin-2')).toBe(false);
    expect(together(resolved.clusters, 'maria', 'daria')).toBe(false);
  });

  it('holds different given names apart as twins unless the register shows them often replaced, and then asks a reviewer', () => {
    // One person, then a second record of that person under another given name, which is
    // also what twins look like: same surname, birth date and sex.
    const chudleighs: PersonRecord[] = [
      {
        id: 'thomas',
        givenName: 'Thomas',
        familyName: 'Chudleigh',
        sex: 'male',
        birthDate: '1930-08-01',
      },
      {
        id: 'thomas-again',
        givenName: 'Thomas',
        familyName: 'Chudleigh',
        sex: 'male',
        birthDate: '1930-08-01',
      },
      {
        id: 'henry',
        givenName: 'Henry',
        familyName: 'Chudleigh',
        sex: 'male',
        birthDate: '1930-08-01',
      },
    ];
    // The population's own records keep their given names (transcribed, mistyped, in Russian
    // form): the rule holds and Henry stays apart.
    const steady = deduplicatePersons([...others, ...chudleighs], FAST);
    expect(steady.report.twinsRule.isApplied).toBe(true);
    expect(steady.report.twinsRule.pairs).toBeGreaterThan(50);
    expect(steady.report.twinsRule.differentPairs / steady.report.twinsRule.pairs).toBeLessThan(
      0.05,
    );
    expect(together(steady.clusters, 'thomas', 'thomas-again')).toBe(true);
    expect(together(steady.clusters, 'thomas', 'henry')).toBe(false);

    // A register whose clerks wrote another given name in every other later record of a
    // person, passport and all: a different given name is its common error. Henry is weighed on
    // the surname and date he shares, merged, and shown to a reviewer as possible twins.
    const replaced = withGivenNamesReplaced(population);
    const noisy = deduplicatePersons([...replaced, ...chudleighs], FAST);
    expect(noisy.report.twinsRule.isApplied).toBe(false);
    expect(noisy.report.disputedLinkCount).toBe(0);
    expect(together(noisy.clusters, 'thomas', 'henry')).toBe(true);
    const review = selectReviewPairs([...replaced, ...chudleighs], noisy);
    expect(review.pairs.some(({ a, b }) => a === 'henry' && b.startsWith('thomas'))).toBe(true);
    expect(
      selectReviewPairs([...others, ...chudleighs], steady).pairs.some(
        ({ a, b }) => a === 'henry' && b === 'thomas',
      ),
    ).toBe(true);
  });

  it('learns the same u of birth dates however one given name is spelt', () => {
    // Few training pairs per rule, so that every rule samples: a rule whose pairs change must
    // not change what any other sample draws.
    const options = { ...FAST, trainingPairsPerRule: 20 };
    const renamed = others.map((record) =>
      record.givenName === others[0]?.givenName ? { ...record, givenName: 'Теофіл' } : record,
    );
    const before = deduplicatePersons(others, options).report.model.fields.birthDate.u;
    const after = deduplicatePersons(renamed, options).report.model.fields.birthDate.u;
    // Equal but for the prior's correction of u (uOfStrangers), which the new names move a little.
    after.forEach((u, level) => {
      expect(Math.abs(u - (before[level] ?? 0))).toBeLessThan(0.01 * (before[level] ?? 0));
    });
  });

  it('respects must-link and cannot-link constraints', () => {
    const { clusters, report } = deduplicatePersons([...others, ...olena], {
      ...FAST,
      cannotLink: [['olena-ua', 'olena-pl']],
      mustLink: [['olena-ua', others[0]?.id ?? '']],
    });
    expect(together(clusters, 'olena-ua', 'olena-pl')).toBe(false);
    expect(together(clusters, 'olena-ua', others[0]?.id ?? '')).toBe(true);
    expect(report.constraintConflicts).toEqual([]);
  });
});

describe('deduplicatePersons on degenerate input', () => {
  it('handles an empty register, a single record, and names in unexpected scripts', () => {
    expect(deduplicatePersons([]).clusters).toEqual([]);
    expect(deduplicatePersons([{ id: 'a' }]).clusters).toEqual([['a']]);
    const odd = deduplicatePersons([
      { id: 'x', givenName: '😀'.repeat(300), familyName: 'ნინო', birthDate: '1990-13-45' },
      { id: 'y', givenName: 'محمد', birthDate: 'not a date' },
    ]);
    expect(odd.clusters).toEqual([['x'], ['y']]);
  });
});

describe('the batch comparer', () => {
  it('names in PATTERN_FIELDS exactly the levels a pattern holds', () => {
    expect([...PATTERN_FIELDS].sort()).toEqual(Object.keys(decodePattern(0)).sort());
  });

  it('gives the levels compareRecords gives', () => {
    // With a title, an initial, and a surname written in the given-name field.
    const written: PersonRecord[] = [
      { id: 'sir', givenName: 'Sir George', familyName: 'Wheler', birthDate: '1951-01-20' },
      { id: 'title-only', givenName: 'Sir', familyName: 'Wheler', birthDate: '1951-01-20' },
      { id: 'initial', givenName: 'G.', familyName: 'Wheler', birthDate: '1951-01-20' },
      { id: 'shifted', givenName: 'Wheler', birthDate: '1951-01-20' },
      { id: 'george', givenName: 'George', familyName: 'Wheler', birthDate: '1951-01-20' },
    ];
    const records = [...others.slice(0, 150), ...olena, ...written];
    const table = prepareRecords(records);
    const comparer = createPairComparer(table);
    const out: PairPattern = { pattern: 0, isSwapped: false };
    const prepared = records.map(prepareRecord);
    expect(table.prepared).toEqual(prepared);
    const writtenFrom = records.length - written.length;
    const isSampled = (a: number, b: number): boolean =>
      (a % 3 === 0 && (b - a - 1) % 7 === 0) || (a >= writtenFrom && b >= writtenFrom);
    for (let a = 0; a < records.length; a++) {
      for (let b = a + 1; b < records.length; b++) {
        if (!isSampled(a, b)) {
          continue;
        }
        const [pa, pb] = [prepared[a], prepared[b]];
        if (!pa || !pb) {
          continue;
        }
        // Both ways round: a pair's levels must not depend on which record comes first.
        for (const [x, y, px, py] of [
          [a, b, pa, pb],
          [b, a, pb, pa],
        ] as const) {
          comparer.compare(x, y, out);
          const expected = compareRecords(px, py);
          expect(patternVector(out.pattern, out.isSwapped, '', '').levels).toEqual(expected.levels);
          expect(out.isSwapped).toBe(expected.isSwapped);
        }
        expect(compareRecords(pa, pb).levels).toEqual(compareRecords(pb, pa).levels);
      }
    }
  });
});

describe(
  'deduplicatePersons with places and postcodes (a register that records them)',
  {
    timeout: 30_000,
  },
  () => {
    // Each person of the population born in one town and living at one postcode, as another
    // system's export would have them; the records of one person share both.
    const TOWNS = ['Полтава', 'Львів', 'Одеса', 'Харків', 'Суми', 'Ірпінь', 'Буча', 'Херсон'];
    const placed = population.records.map(({ record, identity }, index) => {
      const hash = [...identity].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 9973, 7);
      return {
        ...record,
        birthPlace: TOWNS[hash % TOWNS.length],
        postcode: String(10_000 + ((hash * 37) % 80_000)),
        // Every tenth registration without a birth date, as hurried ones are.
        birthDate: index % 10 === 0 ? undefined : record.birthDate,
      };
    });
    const ivan: PersonRecord[] = [
      {
        id: 'ivan-ua',
        givenName: 'Іван',
        familyName: 'Гайдамакич',
        sex: 'male',
        birthDate: '1970-03-03',
        birthPlace: 'Полтава',
        postcode: '36000',
      },
      // No birth date, the given name as a clerk abroad heard it: only the places vouch for him.
      {
        id: 'ivan-pl',
        givenName: 'Iwan',
        familyName: 'Hajdamakycz',
        birthPlace: 'Połtawa',
        postcode: '36000',
      },
    ];
    const withPlaces = deduplicatePersons([...placed, ...ivan], FAST);

    it('merges a registration without a birth date through its birth place and postcode', () => {
      expect(together(withPlaces.clusters, 'ivan-ua', 'ivan-pl')).toBe(true);
      const pairs = withPlaces.report.rules.find(
        (rule) => rule.name === 'postcode+family-phonetic',
      );
      expect(pairs?.pairCount).toBeGreaterThan(0);
    });

    it('learns the places’ weights from the data: agreeing speaks for one person', () => {
      const { birthPlace, postcode } = withPlaces.report.model.fields;
      expect((birthPlace.m[0] ?? 0) / (birthPlace.u[0] ?? 1)).toBeGreaterThan(2);
      expect((postcode.m[0] ?? 0) / (postcode.u[0] ?? 1)).toBeGreaterThan(10);
    });
  },
);
