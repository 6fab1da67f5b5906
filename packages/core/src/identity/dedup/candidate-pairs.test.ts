import { describe, expect, it } from 'vitest';
import { DEFAULT_BLOCKING_RULES, findCandidatePairs } from '../linkage/blocking.js';
import { prepareRecord } from '../linkage/person-record.js';
import { generatePopulation } from '../linkage/test-support/synthetic-population.js';
import { blockCandidatePairs } from './candidate-pairs.js';
import { DEDUP_BLOCKING_RULES } from './dedup-blocking-rules.js';

describe('blockCandidatePairs', () => {
  it('proposes the pairs, and reports the counts, that findCandidatePairs does', () => {
    const prepared = generatePopulation(5, 300).records.map(({ record }) => prepareRecord(record));
    const rules = DEFAULT_BLOCKING_RULES.map((rule) => ({ ...rule, fields: [] }));
    const expected = findCandidatePairs(prepared, rules, { maxBucketSize: 40 });
    const actual = blockCandidatePairs(prepared, rules, 40);
    const asKeys = (pairs: Iterable<readonly [number, number]>) =>
      [...pairs].map(([a, b]) => `${String(a)}-${String(b)}`).sort();
    expect(asKeys(Array.from(actual.first, (a, p) => [a, actual.second[p] ?? 0] as const))).toEqual(
      asKeys(expected.pairs),
    );
    expect(
      actual.rules.map(({ name, pairCount, newPairCount }) => [name, pairCount, newPairCount]),
    ).toEqual(
      expected.rules.map(({ name, pairCount, newPairCount }) => [name, pairCount, newPairCount]),
    );
    const skippedKeys = (rules: typeof expected.rules) =>
      rules
        .flatMap((rule) => rule.skippedBuckets.map(({ key, size }) => `${key}:${String(size)}`))
        .sort();
    expect(skippedKeys(actual.rules)).toEqual(skippedKeys(expected.rules));
  });

  it('proposes the same pairs when a rule gives far more keys than its sampled records', () => {
    // Keys are estimated from every 16th record, which here has no surname and so no key.
    const letters = (n: number) => String.fromCharCode(97 + (n % 26), 97 + Math.floor(n / 26));
    const prepared = Array.from({ length: 3000 }, (_, i) =>
      prepareRecord({
        id: `r${String(i)}`,
        givenName: 'Olena',
        familyName: i % 16 === 0 ? undefined : `Shevchenko${letters(i % 600)}`,
        birthDate: `19${String(50 + (i % 40))}-01-01`,
      }),
    );
    const rules = [
      {
        name: 'surname-prefixes',
        keysOf: (record: (typeof prepared)[number]) =>
          record.familyCanonical === ''
            ? []
            : [8, 9, 10, 11, 12].map((length) => record.familyCanonical.slice(0, length)),
        fields: [],
      },
    ];
    const expected = findCandidatePairs(prepared, rules, { maxBucketSize: 40 });
    const actual = blockCandidatePairs(prepared, rules, 40);
    const asKeys = (pairs: Iterable<readonly [number, number]>) =>
      [...pairs].map(([a, b]) => `${String(a)}-${String(b)}`).sort();
    expect(actual.count).toBeGreaterThan(0);
    expect(asKeys(Array.from(actual.first, (a, p) => [a, actual.second[p] ?? 0] as const))).toEqual(
      asKeys(expected.pairs),
    );
    expect(actual.rules[0]?.skippedBuckets.length).toBe(expected.rules[0]?.skippedBuckets.length);
  });

  it('finds the same pairs whether a rule builds its keys or lists them as strings', () => {
    const prepared = generatePopulation(9, 300).records.map(({ record }) => prepareRecord(record));
    const withBuilders = blockCandidatePairs(prepared, DEDUP_BLOCKING_RULES, 500);
    const withStrings = blockCandidatePairs(
      prepared,
      DEDUP_BLOCKING_RULES.map((rule) => ({ ...rule, buildKeys: undefined })),
      500,
    );
    expect(DEDUP_BLOCKING_RULES.some((rule) => rule.buildKeys)).toBe(true);
    expect(Array.from(withBuilders.first)).toEqual(Array.from(withStrings.first));
    expect(Array.from(withBuilders.second)).toEqual(Array.from(withStrings.second));
    expect(withBuilders.rules).toEqual(withStrings.rules);
  });
});
