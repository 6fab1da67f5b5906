import { describe, expect, it } from 'vitest';
import { DEFAULT_BLOCKING_RULES, findCandidatePairs, type BlockingRule } from './blocking.js';
import { prepareRecord, type PersonRecord } from './person-record.js';
import { generatePopulation } from './test-support/synthetic-population.js';

const population = generatePopulation(7, 650);
const prepared = population.records.map(({ record }) => prepareRecord(record));
const candidates = findCandidatePairs(prepared);
const count = prepared.length;

function truePairs(): [number, number][] {
  const byIdentity = new Map<string, number[]>();
  population.records.forEach(({ identity }, position) => {
    byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), position]);
  });
  return [...byIdentity.values()].flatMap((positions) =>
    positions.flatMap((first, i) =>
      positions.slice(i + 1).map((second): [number, number] => [first, second]),
    ),
  );
}

describe('findCandidatePairs', () => {
  it('finds at least 99 % of the duplicates in the synthetic population', () => {
    const found = new Set(candidates.pairs.map(([a, b]) => a * count + b));
    const pairs = truePairs();
    const recall = pairs.filter(([a, b]) => found.has(a * count + b)).length / pairs.length;
    expect(pairs.length).toBeGreaterThan(1500);
    expect(recall).toBeGreaterThanOrEqual(0.99);
  });

  it('compares far fewer pairs than all of them', () => {
    const allPairs = (count * (count - 1)) / 2;
    expect(candidates.pairs.length).toBeLessThan(allPairs / 100);
  });

  it('lists each pair once, lower position first', () => {
    const keys = candidates.pairs.map(([a, b]) => a * count + b);
    expect(new Set(keys).size).toBe(keys.length);
    expect(candidates.pairs.every(([a, b]) => a < b)).toBe(true);
  });

  it('counts pairs per rule, and the new pairs add up to the union', () => {
    expect(candidates.rules.map(({ name }) => name)).toEqual(
      DEFAULT_BLOCKING_RULES.map(({ name }) => name),
    );
    const newPairs = candidates.rules.reduce((sum, rule) => sum + rule.newPairCount, 0);
    expect(newPairs).toBe(candidates.pairs.length);
    for (const rule of candidates.rules) {
      expect(rule.pairCount).toBeGreaterThanOrEqual(rule.newPairCount);
    }
  });

  it('skips an oversized bucket and reports it', () => {
    // A placeholder birth date typed for everyone whose date was unknown.
    const records: PersonRecord[] = Array.from({ length: 30 }, (_, i) => ({
      id: `r${String(i)}`,
      familyName: i < 2 ? 'Гайдамакич' : `Прізвище${String(i)}`,
      birthDate: '1900-01-01',
    }));
    const byYear: BlockingRule = {
      name: 'birth-year',
      keysOf: (record) => (record.birthYear ? [record.birthYear] : []),
    };
    const byFamily: BlockingRule = {
      name: 'family',
      keysOf: (record) => (record.familyPhonetic ? [record.familyPhonetic] : []),
    };
    const result = findCandidatePairs(records.map(prepareRecord), [byYear, byFamily], {
      maxBucketSize: 10,
    });
    expect(result.rules[0]).toEqual({
      name: 'birth-year',
      pairCount: 0,
      newPairCount: 0,
      skippedBuckets: [{ key: '1900', size: 30 }],
    });
    expect(result.pairs).toEqual([[0, 1]]);
  });

  it('never pairs records on an absent key', () => {
    const result = findCandidatePairs([prepareRecord({ id: 'a' }), prepareRecord({ id: 'b' })]);
    expect(result.pairs).toEqual([]);
  });
});
