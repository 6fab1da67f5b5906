import { describe, expect, it } from 'vitest';
import type { PersonRecord } from '../linkage/person-record.js';
import {
  generatePopulation,
  withGivenNamesReplaced,
} from '../linkage/test-support/synthetic-population.js';
import { deduplicatePersons } from './deduplicate-persons.js';
import { REVIEW_PROBABILITY, REVIEW_UPPER_PROBABILITY, selectReviewPairs } from './review-band.js';

const others = generatePopulation(11, 300).records.map(({ record }) => record);

// Twins: one surname, patronymic and birth date, different given names and no document. The
// model leans "same" on the shared fields; a weight must not decide it (disputed-pair.ts).
const twins: PersonRecord[] = [
  {
    id: 'twin-olena',
    givenName: 'Олена',
    familyName: 'Гайдамакич',
    patronymic: 'Петрівна',
    sex: 'female',
    birthDate: '2010-05-01',
  },
  {
    id: 'twin-hanna',
    givenName: 'Ганна',
    familyName: 'Гайдамакич',
    patronymic: 'Петрівна',
    sex: 'female',
    birthDate: '2010-05-01',
  },
];

describe('selectReviewPairs', { timeout: 20_000 }, () => {
  const records = [...others, ...twins];
  const result = deduplicatePersons(records, {
    randomPairs: 5000,
    randomPairsWithoutNames: 20_000,
  });
  const band = selectReviewPairs(records, result);
  const isQueued = (a: string, b: string) =>
    band.pairs.some((pair) => (pair.a === a && pair.b === b) || (pair.a === b && pair.b === a));

  it('puts a pair the model cannot settle in the queue, with each field weight', () => {
    expect(isQueued('twin-olena', 'twin-hanna')).toBe(true);
    const pair = band.pairs.find((p) => p.a === 'twin-hanna' && p.b === 'twin-olena');
    expect(pair?.contributions.map((c) => c.field)).toEqual([
      'givenName',
      'familyName',
      'patronymic',
      'birthDate',
      'sex',
      'document',
    ]);
    const sum = pair?.contributions.reduce((total, c) => total + c.weight, 0);
    expect(sum).toBeCloseTo(pair?.matchWeight ?? Number.NaN, 6);
  });

  it('queues only pairs at least as likely as the lower bound, and none already one identity', () => {
    expect(REVIEW_PROBABILITY).toBeLessThan(REVIEW_UPPER_PROBABILITY);
    const clusterOfId = new Map<string, number>();
    result.clusters.forEach((cluster, index) => {
      for (const id of cluster) {
        clusterOfId.set(id, index);
      }
    });
    for (const pair of band.pairs) {
      expect(pair.a < pair.b).toBe(true);
      expect(clusterOfId.get(pair.a)).not.toBe(clusterOfId.get(pair.b));
    }
    expect(band.pairs.length).toBeGreaterThan(0);
  });

  it('says why each pair is asked: held apart at the link weight, uncertain below it', () => {
    const linkWeight = result.report.thresholds.linkWeight;
    for (const pair of band.pairs) {
      expect(pair.reason).toBe(pair.matchWeight >= linkWeight ? 'held-apart' : 'uncertain');
    }
    expect(new Set(band.pairs.map((pair) => pair.reason))).toContain('uncertain');
  });

  it('skips decided pairs and keeps at most maxPairs, most likely first', () => {
    const skipping = selectReviewPairs(records, result, {
      decided: [['twin-olena', 'twin-hanna']],
      maxPairs: 1,
    });
    expect(skipping.pairs).toHaveLength(1);
    expect(skipping.pairs.some((p) => p.a === 'twin-hanna' && p.b === 'twin-olena')).toBe(false);
    expect(skipping.leftOutCount).toBe(band.pairs.length - 2);
  });
});

describe(
  'selectReviewPairs where the register is too unsteady for the twins rule',
  { timeout: 20_000 },
  () => {
    const population = generatePopulation(11, 300);
    // One person under two given names, as twins would look: merged, since the rule is dropped.
    const chudleigh = (id: string, givenName: string): PersonRecord => ({
      id,
      givenName,
      familyName: 'Chudleigh',
      sex: 'male',
      birthDate: '1930-08-01',
    });
    const records = [
      ...withGivenNamesReplaced(population),
      chudleigh('thomas', 'Thomas'),
      chudleigh('thomas-again', 'Thomas'),
      chudleigh('henry', 'Henry'),
    ];
    const result = deduplicatePersons(records, {
      randomPairs: 5000,
      randomPairsWithoutNames: 20_000,
    });
    const band = selectReviewPairs(records, result);
    const withHenry = band.pairs.filter(({ a, b }) => a === 'henry' || b === 'henry');

    it('asks about a merged pair the rule would have held apart, once per record', () => {
      expect(result.report.twinsRule.isApplied).toBe(false);
      expect(withHenry).toHaveLength(1);
      expect(withHenry[0]?.b).toMatch(/^thomas/);
      expect(withHenry[0]?.reason).toBe('merged-given-names-differ');
    });

    it('asks about them only after the uncertain band', () => {
      const uncertain = band.pairs.filter(({ a, b }) => {
        const x = records.findIndex((record) => record.id === a);
        const y = records.findIndex((record) => record.id === b);
        return result.clusterOf[x] !== result.clusterOf[y];
      });
      expect(uncertain.length).toBeGreaterThan(0);
      const first = selectReviewPairs(records, result, { maxPairs: uncertain.length });
      expect(first.pairs.map(({ a, b }) => `${a}|${b}`).sort()).toEqual(
        uncertain.map(({ a, b }) => `${a}|${b}`).sort(),
      );
      expect(first.leftOutCount).toBeGreaterThan(0);
    });
  },
);
