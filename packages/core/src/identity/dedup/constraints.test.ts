import { describe, expect, it } from 'vitest';
import { clusterIdentities, type RecordPair, type ScoredLink } from '../linkage/clustering.js';
import { generatePopulation, seededRandom } from '../linkage/test-support/synthetic-population.js';
import {
  checkConstraints,
  constraintsFromDecisions,
  findConstraintConflicts,
} from './constraints.js';
import { deduplicatePersons } from './deduplicate-persons.js';

const THRESHOLDS = { linkWeight: 5, contradictionWeight: -5 };

describe('constraintsFromDecisions', () => {
  it('orders, deduplicates and sorts the pairs, and drops a record paired with itself', () => {
    const constraints = constraintsFromDecisions([
      { a: 'p3', b: 'p1', decision: 'same-person' },
      { a: 'p1', b: 'p3', decision: 'same-person' },
      { a: 'p2', b: 'p2', decision: 'same-person' },
      { a: 'p9', b: 'p4', decision: 'different-people' },
    ]);
    expect(constraints).toEqual({ mustLink: [['p1', 'p3']], cannotLink: [['p4', 'p9']] });
  });

  it('keeps only the cannot-link of a pair decided both ways', () => {
    const constraints = constraintsFromDecisions([
      { a: 'a', b: 'b', decision: 'same-person' },
      { a: 'b', b: 'a', decision: 'different-people' },
    ]);
    expect(constraints).toEqual({ mustLink: [], cannotLink: [['a', 'b']] });
  });
});

describe('findConstraintConflicts', () => {
  it('names the must-link that would join a cannot-link pair through a chain', () => {
    expect(
      findConstraintConflicts({
        mustLink: [
          ['a', 'b'],
          ['b', 'c'],
          ['d', 'e'],
        ],
        cannotLink: [['a', 'c']],
      }),
    ).toEqual([['b', 'c']]);
  });

  it('finds none when the must-links stay clear of every cannot-link', () => {
    expect(findConstraintConflicts({ mustLink: [['a', 'b']], cannotLink: [['b', 'c']] })).toEqual(
      [],
    );
  });
});

describe('checkConstraints', () => {
  it('reports a cannot-link pair sharing a cluster and a must-link pair kept apart', () => {
    const check = checkConstraints([['a', 'b'], ['c'], ['d']], {
      mustLink: [['c', 'd']],
      cannotLink: [['a', 'b']],
    });
    expect(check).toEqual({ brokenMustLinks: [['c', 'd']], brokenCannotLinks: [['a', 'b']] });
  });
});

/** Random links and constraints over a few records: chains are everywhere at this density. */
function randomCase(seed: number) {
  const random = seededRandom(seed);
  const ids = Array.from({ length: 12 }, (_, i) => `r${i}`);
  const pick = (): string => ids[Math.floor(random() * ids.length)] ?? 'r0';
  const pairs = (count: number): RecordPair[] =>
    Array.from({ length: count }, (): RecordPair => [pick(), pick()]).filter(([a, b]) => a !== b);
  const links: ScoredLink[] = pairs(30).map(([a, b]) => ({ a, b, weight: random() * 30 - 5 }));
  const constraints = constraintsFromDecisions([
    ...pairs(4).map(([a, b]) => ({ a, b, decision: 'same-person' as const })),
    ...pairs(4).map(([a, b]) => ({ a, b, decision: 'different-people' as const })),
  ]);
  return { ids, links, constraints };
}

describe('every clustering respects the constraints', { timeout: 30_000 }, () => {
  it.each(Array.from({ length: 200 }, (_, seed) => seed))('random case %i', (seed) => {
    const { ids, links, constraints } = randomCase(seed);
    const result = clusterIdentities(ids, links, { ...THRESHOLDS, ...constraints });
    // The clustering and the pure check agree on which must-links cannot hold.
    expect(result.constraintConflicts).toEqual(findConstraintConflicts(constraints));
    expect(checkConstraints(result.clusters, constraints, result.constraintConflicts)).toEqual({
      brokenMustLinks: [],
      brokenCannotLinks: [],
    });
  });

  it('holds in the batch pipeline: a cannot-link splits an identity, a must-link joins two', () => {
    const population = generatePopulation(5, 300);
    const records = population.records.map(({ record }) => record);
    const plain = deduplicatePersons(records, {
      randomPairs: 5000,
      randomPairsWithoutNames: 20_000,
    });
    // An identity the model found with three or more records: cut it between its ends.
    const large = plain.clusters.find((cluster) => cluster.length >= 3) ?? [];
    const [first, , third] = large;
    const singles = plain.clusters.filter((cluster) => cluster.length === 1);
    const [lonelyA] = singles[0] ?? [];
    const [lonelyB] = singles[singles.length - 1] ?? [];
    if (!first || !third || !lonelyA || !lonelyB) {
      throw new Error('the population lacks the shapes this test needs');
    }
    const constraints = constraintsFromDecisions([
      { a: first, b: third, decision: 'different-people' },
      { a: lonelyA, b: lonelyB, decision: 'same-person' },
    ]);
    const constrained = deduplicatePersons(records, {
      randomPairs: 5000,
      randomPairsWithoutNames: 20_000,
      ...constraints,
    });
    expect(checkConstraints(constrained.clusters, constraints)).toEqual({
      brokenMustLinks: [],
      brokenCannotLinks: [],
    });
    expect(constrained.report.constraintConflicts).toEqual([]);
  });
});
