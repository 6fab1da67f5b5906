import {
  compareCandidatePairs,
  createTableComparer,
  type ComparisonTable,
  type PairComparer,
} from '@haven/core/identity';
import { describe, expect, it } from 'vitest';
import { createThreadedComparison } from './compare-in-threads.js';

const GIVEN = ['Olena', 'Олена', 'Olha', 'Oleksandr', 'Олександр', 'Ivan', 'Іван', 'Ivana'];
const FAMILY = ['Shevchenko', 'Шевченко', 'Shevchenk', 'Melnyk', 'Мельник', 'Kovalenko'];
const DATES = ['1985-03-12', '1985-12-03', '1986-03-12', '1985'];

/** A comparison table of records that share names and dates in every way the levels tell. */
function buildTable(count: number): ComparisonTable {
  const spellings = ['', ...GIVEN, ...FAMILY];
  const ids = (pick: (r: number) => number) =>
    Int32Array.from({ length: count }, (_, r) => pick(r));
  const documentStart = Int32Array.from({ length: count + 1 }, (_, r) => Math.ceil(r / 2));
  const documents = Math.ceil(count / 2);
  return {
    count,
    givenIds: ids((r) => 1 + (r % GIVEN.length)),
    familyIds: ids((r) => 1 + GIVEN.length + ((r * 7) % FAMILY.length)),
    patronymicIds: ids((r) => (r % 3 === 0 ? 0 : 1 + (r % 2))),
    spellings,
    givenCanonicalIds: ids((r) => 1 + (r % GIVEN.length)),
    familyCanonicalIds: ids((r) => 1 + ((r * 7) % FAMILY.length)),
    sexes: Uint8Array.from({ length: count }, (_, r) => r % 3),
    // Id 0 is an absent date.
    birthDateIds: ids((r) => r % (DATES.length + 1)),
    birthDateTexts: ['', ...DATES],
    documentStart,
    documentTypes: Array.from({ length: documents }, (_, d) =>
      d % 4 === 0 ? undefined : 'international-passport',
    ),
    documentCountries: Array.from({ length: documents }, (_, d) =>
      d % 5 === 0 ? undefined : 'UA',
    ),
    documentNumbers: Array.from({ length: documents }, (_, d) => `FE12345${String(d % 12)}`),
  };
}

function allPairs(count: number): { first: Uint32Array; second: Uint32Array } {
  const first: number[] = [];
  const second: number[] = [];
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      first.push(a);
      second.push(b);
    }
  }
  return { first: Uint32Array.from(first), second: Uint32Array.from(second) };
}

/** A comparer of this thread slowed down, so that the worker gets chunks to compare. */
function slowComparer(comparer: PairComparer): PairComparer & { calls: number } {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const slow = {
    calls: 0,
    compare: (a: number, b: number, out: Parameters<PairComparer['compare']>[2]) => {
      slow.calls += 1;
      if (slow.calls % 50 === 0) {
        Atomics.wait(pause, 0, 0, 1);
      }
      comparer.compare(a, b, out);
    },
    compareWithoutNames: (a: number, b: number) => comparer.compareWithoutNames(a, b),
  };
  return slow;
}

describe('compareInThreads', () => {
  const table = buildTable(160);
  const { first, second } = allPairs(table.count);
  const alone = compareCandidatePairs(table, createTableComparer(table), first, second);

  it('gives every pair the pattern it gets in one thread, the worker comparing some', () => {
    const comparer = slowComparer(createTableComparer(table));
    const compare = createThreadedComparison({ minPairs: 0, chunkPairs: 200 });
    const shared = compare(table, comparer, first, second);
    expect(Array.from(shared.patterns)).toEqual(Array.from(alone.patterns));
    expect(Array.from(shared.isSwapped)).toEqual(Array.from(alone.isSwapped));
    expect(comparer.calls).toBeLessThan(first.length);
  });

  it('compares everything here when the worker cannot start', () => {
    const compare = createThreadedComparison({
      minPairs: 0,
      chunkPairs: 200,
      workerUrl: new URL('./no-such-worker.js', import.meta.url),
    });
    const shared = compare(table, createTableComparer(table), first, second);
    expect(Array.from(shared.patterns)).toEqual(Array.from(alone.patterns));
  });
});
