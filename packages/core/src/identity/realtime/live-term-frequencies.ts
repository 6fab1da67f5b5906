/**
 * Term frequencies kept in step with the match index (#3 item 4): the same figures
 * countTermFrequencies computes over all records, updated in O(1) as a record comes or goes, so
 * that scorePair weighs a rare surname the same way in real time as in the batch.
 */
import { GivenNameContext } from '../linkage/given-name-context.js';
import type { PreparedRecord } from '../linkage/person-record.js';
import type { TermFrequencies, ValueFrequencies } from '../linkage/term-frequencies.js';

/** How many records carry each value, with Σc² and Σc³ for the share typical of agreement. */
class ValueCounts implements ValueFrequencies {
  readonly #counts = new Map<string, number>();
  #total = 0;
  #sumSquares = 0;
  #sumCubes = 0;
  readonly shares: ReadonlyMap<string, number>;

  constructor() {
    this.shares = new SharesView(this.#counts, () => this.#total);
  }

  /** Σf³/Σf² with f = c/total, which is Σc³ / (total · Σc²). */
  get typicalAgreedShare(): number {
    return this.#sumSquares > 0 ? this.#sumCubes / (this.#total * this.#sumSquares) : 0;
  }

  add(value: string): void {
    if (value === '') {
      return;
    }
    const count = this.#counts.get(value) ?? 0;
    this.#counts.set(value, count + 1);
    this.#total += 1;
    // (c+1)² − c² and (c+1)³ − c³.
    this.#sumSquares += 2 * count + 1;
    this.#sumCubes += 3 * count * count + 3 * count + 1;
  }

  remove(value: string): void {
    const count = this.#counts.get(value) ?? 0;
    if (value === '' || count === 0) {
      return;
    }
    if (count === 1) {
      this.#counts.delete(value);
    } else {
      this.#counts.set(value, count - 1);
    }
    this.#total -= 1;
    this.#sumSquares -= 2 * count - 1;
    this.#sumCubes -= 3 * count * count - 3 * count + 1;
  }
}

/** Shares computed on reading from the live counts: nothing to refresh when a count moves. */
class SharesView implements ReadonlyMap<string, number> {
  readonly #counts: ReadonlyMap<string, number>;
  readonly #total: () => number;

  constructor(counts: ReadonlyMap<string, number>, total: () => number) {
    this.#counts = counts;
    this.#total = total;
  }

  get size(): number {
    return this.#counts.size;
  }

  get(value: string): number | undefined {
    const count = this.#counts.get(value);
    return count === undefined ? undefined : count / this.#total();
  }

  has(value: string): boolean {
    return this.#counts.has(value);
  }

  forEach(visit: (share: number, value: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [value, share] of this.entries()) {
      visit(share, value, this);
    }
  }

  // Iterating every share is for inspection, never for scoring: a snapshot is good enough.
  entries(): MapIterator<[string, number]> {
    return this.#snapshot().entries();
  }

  keys(): MapIterator<string> {
    return this.#counts.keys();
  }

  values(): MapIterator<number> {
    return this.#snapshot().values();
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  #snapshot(): Map<string, number> {
    const total = this.#total();
    return new Map([...this.#counts].map(([value, count]) => [value, count / total]));
  }
}

/** Family names by phonetic key and given names by class, as countTermFrequencies counts them. */
export class LiveTermFrequencies implements TermFrequencies {
  readonly givenName = new ValueCounts();
  readonly familyName = new ValueCounts();
  readonly givenNameContext = new GivenNameContext();

  add(record: PreparedRecord): void {
    this.givenName.add(record.givenClass);
    this.familyName.add(record.familyPhonetic);
    this.givenNameContext.add(record);
  }

  remove(record: PreparedRecord): void {
    this.givenName.remove(record.givenClass);
    this.familyName.remove(record.familyPhonetic);
    this.givenNameContext.remove(record);
  }
}
