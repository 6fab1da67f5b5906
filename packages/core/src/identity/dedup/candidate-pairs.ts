/**
 * Blocking at the scale of a whole registration database (#3 item 5): the same rules and the
 * same report as findCandidatePairs, but with buckets and pairs in typed arrays, so that a
 * million records and tens of millions of pairs fit in memory (a JavaScript Set holds at most
 * 2^24 entries, and an array of pair tuples costs about 50 bytes a pair).
 */
import type { BlockingRuleReport, SkippedBucket } from '../linkage/blocking.js';
import type { PreparedRecord } from '../linkage/person-record.js';
import type { DedupBlockingRule } from './dedup-blocking-rules.js';
import { createKeyBuilder } from './key-hash.js';

/** Candidate pairs as two parallel arrays of record positions, first < second. */
export interface PairList {
  readonly count: number;
  readonly first: Uint32Array;
  readonly second: Uint32Array;
  /** The first rule that proposed each pair, by its position in the rules. */
  readonly ruleOf: Uint8Array;
  /**
   * Per rule, a uniform sample of all the pairs it proposes (new or not), for training m on the
   * fields it does not key on; `pair` is each one's position in first/second, so that its
   * comparison is read rather than made again.
   */
  readonly ruleSamples: readonly {
    readonly first: Uint32Array;
    readonly second: Uint32Array;
    readonly pair: Uint32Array;
  }[];
  readonly rules: readonly BlockingRuleReport[];
}

/** Buckets of one rule in compressed form: members of bucket k are members[start[k]..start[k+1]). */
interface RuleBuckets {
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** Each record's buckets: bucketsOf[recordStart[r]..recordStart[r+1]). */
  readonly recordStart: Int32Array;
  readonly recordBuckets: Int32Array;
  /** Where each of a record's entries sits in `members` (members of a bucket ascend). */
  readonly memberIndex: Int32Array;
  readonly skipped: SkippedBucket[];
}

/** A growable Int32Array. */
class IntList {
  values: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.values = new Int32Array(Math.max(capacity, 16));
  }
  clear(): void {
    this.length = 0;
  }
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/**
 * Each entry's bucket: entries with equal hashes share one, numbered in order of first
 * appearance, found in an open-addressing table (one probe per entry, where sorting the hashes
 * took four radix passes of scattered reads). Returns the number of buckets.
 */
function groupByHash(
  high: Int32Array,
  low: Int32Array,
  bucketOfEntry: Int32Array,
  scratch: Scratch,
): number {
  const count = high.length;
  let size = 1 << 10;
  while (size < count * 2) {
    size *= 2;
  }
  if (scratch.slots.length < size) {
    scratch.slots = new Int32Array(size);
  }
  const slots = scratch.slots.subarray(0, size);
  slots.fill(-1);
  const mask = size - 1;
  const firstEntry = scratch.firstEntry;
  firstEntry.clear();
  for (let entry = 0; entry < count; entry++) {
    const h = high[entry] ?? 0;
    const l = low[entry] ?? 0;
    let slot = (h ^ Math.imul(l, 0x9e3779b1)) & mask;
    for (;;) {
      const bucket = slots[slot] ?? -1;
      if (bucket === -1) {
        slots[slot] = firstEntry.length;
        bucketOfEntry[entry] = firstEntry.length;
        firstEntry.push(entry);
        break;
      }
      const other = firstEntry.values[bucket] ?? 0;
      if (high[other] === h && low[other] === l) {
        bucketOfEntry[entry] = bucket;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return firstEntry.length;
}

/**
 * Int32 arrays carved out of a few large blocks: each large typed array allocated on its own
 * adds external memory, and enough of it sets off a full collection of the whole heap (a million
 * records' heap: seconds each).
 */
interface Arena {
  alloc(length: number): Int32Array;
}

function createArena(blockLength: number): Arena {
  let block = new Int32Array(0);
  let used = 0;
  return {
    alloc(length) {
      if (used + length > block.length) {
        block = new Int32Array(Math.max(blockLength, length));
        used = 0;
      }
      const array = block.subarray(used, used + length);
      used += length;
      return array;
    },
  };
}

/**
 * Work arrays shared by every rule: allocated once, not once per rule, since each large typed
 * array allocation can set off a full garbage collection of the records' heap.
 */
interface Scratch {
  readonly entryRecords: IntList;
  readonly highs: IntList;
  readonly lows: IntList;
  /** The hash table of groupByHash. */
  slots: Int32Array;
  /** Per bucket, its first entry (whose hashes are the bucket's). */
  readonly firstEntry: IntList;
  /** Per bucket, where its next member goes. */
  cursors: Int32Array;
  readonly arena: Arena;
}

function createScratch(recordCount: number): Scratch {
  const capacity = recordCount * 2;
  return {
    entryRecords: new IntList(capacity),
    highs: new IntList(capacity),
    lows: new IntList(capacity),
    slots: new Int32Array(0),
    firstEntry: new IntList(capacity),
    cursors: new Int32Array(capacity),
    // Enough for the per-rule arrays of most rule sets in one or two blocks.
    arena: createArena(recordCount * 24 + 1024),
  };
}

function bucketRecords(
  records: readonly PreparedRecord[],
  rule: DedupBlockingRule,
  maxBucketSize: number,
  scratch: Scratch,
): RuleBuckets {
  const recordStart = scratch.arena.alloc(records.length + 1);
  const { entryRecords, highs, lows } = scratch;
  entryRecords.clear();
  highs.clear();
  lows.clear();
  // Each key's hashes join the record's entries once, even when two of its keys coincide.
  let seen = 0;
  let position = 0;
  const builder = createKeyBuilder((high, low) => {
    for (let k = seen; k < entryRecords.length; k++) {
      if (highs.values[k] === high && lows.values[k] === low) {
        return;
      }
    }
    entryRecords.push(position);
    highs.push(high);
    lows.push(low);
  });
  for (; position < records.length; position++) {
    const record = records[position];
    recordStart[position] = entryRecords.length;
    seen = entryRecords.length;
    if (!record) {
      continue;
    }
    if (rule.buildKeys) {
      rule.buildKeys(record, builder);
    } else {
      for (const key of rule.keysOf(record)) {
        builder.begin();
        builder.add(key);
        builder.end();
      }
    }
  }
  recordStart[records.length] = entryRecords.length;
  const entryCount = entryRecords.length;
  const high = highs.values.subarray(0, entryCount);
  const low = lows.values.subarray(0, entryCount);
  const bucketOfEntry = scratch.arena.alloc(entryCount);
  const bucketCount = groupByHash(high, low, bucketOfEntry, scratch);
  // Members bucket by bucket; entries come in record order, so each bucket's members ascend.
  const start = scratch.arena.alloc(bucketCount + 1).fill(0);
  for (let entry = 0; entry < entryCount; entry++) {
    const bucket = (bucketOfEntry[entry] ?? 0) + 1;
    start[bucket] = (start[bucket] ?? 0) + 1;
  }
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    start[bucket + 1] = (start[bucket + 1] ?? 0) + (start[bucket] ?? 0);
  }
  const members = scratch.arena.alloc(entryCount);
  const memberIndex = scratch.arena.alloc(entryCount);
  if (scratch.cursors.length < bucketCount) {
    scratch.cursors = new Int32Array(Math.ceil(bucketCount * 1.5));
  }
  const filled = scratch.cursors;
  filled.set(start.subarray(0, bucketCount));
  for (let entry = 0; entry < entryCount; entry++) {
    const bucket = bucketOfEntry[entry] ?? 0;
    const at = filled[bucket] ?? 0;
    filled[bucket] = at + 1;
    members[at] = entryRecords.values[entry] ?? 0;
    memberIndex[entry] = at;
  }
  const oversized: number[] = [];
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    if ((start[bucket + 1] ?? 0) - (start[bucket] ?? 0) > maxBucketSize) {
      oversized.push(bucket);
    }
  }
  // Reported in the order of their hashes (unsigned), as they always were.
  const hashOf = (bucket: number): [number, number] => {
    const entry = scratch.firstEntry.values[bucket] ?? 0;
    return [(high[entry] ?? 0) >>> 0, (low[entry] ?? 0) >>> 0];
  };
  oversized.sort((x, y) => {
    const [highX, lowX] = hashOf(x);
    const [highY, lowY] = hashOf(y);
    return highX - highY || lowX - lowY;
  });
  const skipped: SkippedBucket[] = [];
  for (const bucket of oversized) {
    const from = start[bucket] ?? 0;
    const size = (start[bucket + 1] ?? 0) - from;
    // The key itself, for the report: recomputed from a member, since no key string is kept.
    const member = records[members[from] ?? 0];
    const firstEntry = scratch.firstEntry.values[bucket] ?? 0;
    const key =
      (member ? rule.keysOf(member) : []).find((candidate) => {
        let found = false;
        const check = createKeyBuilder((keyHigh, keyLow) => {
          found = keyHigh === (high[firstEntry] ?? 0) && keyLow === (low[firstEntry] ?? 0);
        });
        check.begin();
        check.add(candidate);
        check.end();
        return found;
      }) ?? '';
    skipped.push({ key, size });
  }
  return { start, members, recordStart, recordBuckets: bucketOfEntry, memberIndex, skipped };
}

/**
 * The union of the pairs that share a key under any rule, with the pairs each rule proposes and
 * the new ones it adds, as findCandidatePairs reports them. Pairs come ordered by first position.
 * @example blockCandidatePairs(prepared, DEDUP_BLOCKING_RULES, 500).count // 2_345_678
 */
export function blockCandidatePairs(
  records: readonly PreparedRecord[],
  rules: readonly DedupBlockingRule[],
  maxBucketSize: number,
  sampling: { readonly perRule: number; readonly random: () => number } = {
    perRule: 0,
    random: Math.random,
  },
): PairList {
  const count = records.length;
  const limits = rules.map((rule) => rule.maxBucketSize ?? maxBucketSize);
  const scratch = createScratch(count);
  const buckets = rules.map((rule, r) =>
    bucketRecords(records, rule, limits[r] ?? maxBucketSize, scratch),
  );
  // For each record a, the last a that met b (overall and per rule): a pair is counted once.
  const metBy = scratch.arena.alloc(count).fill(-1);
  // For each b, the position of the pair (metBy[b], b) in the list.
  const pairAt = scratch.arena.alloc(count);
  const metByRule = rules.map(() => scratch.arena.alloc(count).fill(-1));
  const pairCounts = rules.map(() => 0);
  // Reservoir sampling (Vitter's algorithm R) of each rule's pairs.
  const samples = rules.map(() => ({
    first: new Uint32Array(sampling.perRule),
    second: new Uint32Array(sampling.perRule),
    pair: new Uint32Array(sampling.perRule),
  }));
  const newPairCounts = rules.map(() => 0);
  let first = new Uint32Array(1 << 20);
  let second = new Uint32Array(1 << 20);
  let ruleOf = new Uint8Array(1 << 20);
  let pairCount = 0;
  const ruleCount = rules.length;
  const perRule = sampling.perRule;
  for (let a = 0; a < count; a++) {
    for (let r = 0; r < ruleCount; r++) {
      const rule = buckets[r];
      const met = metByRule[r];
      const sample = samples[r];
      if (!rule || !met || !sample) {
        continue;
      }
      const limit = limits[r] ?? maxBucketSize;
      const { start, members, recordStart, recordBuckets, memberIndex } = rule;
      const lastEntry = recordStart[a + 1] ?? 0;
      for (let k = recordStart[a] ?? 0; k < lastEntry; k++) {
        const bucket = recordBuckets[k] ?? 0;
        const to = start[bucket + 1] ?? 0;
        if (to - (start[bucket] ?? 0) > limit) {
          continue;
        }
        // Members ascend, so those after a's own place are exactly the b > a.
        for (let m = (memberIndex[k] ?? to) + 1; m < to; m++) {
          const b = members[m] ?? 0;
          if (met[b] === a) {
            continue;
          }
          met[b] = a;
          const seen = pairCounts[r] ?? 0;
          pairCounts[r] = seen + 1;
          const slot = seen < perRule ? seen : Math.floor(sampling.random() * (seen + 1));
          const isNew = metBy[b] !== a;
          if (isNew) {
            metBy[b] = a;
            pairAt[b] = pairCount;
          }
          if (slot < perRule) {
            sample.first[slot] = a;
            sample.second[slot] = b;
            sample.pair[slot] = pairAt[b] ?? 0;
          }
          if (!isNew) {
            continue;
          }
          newPairCounts[r] = (newPairCounts[r] ?? 0) + 1;
          if (pairCount === first.length) {
            const grownFirst = new Uint32Array(first.length * 2);
            grownFirst.set(first);
            first = grownFirst;
            const grownSecond = new Uint32Array(second.length * 2);
            grownSecond.set(second);
            second = grownSecond;
            const grownRuleOf = new Uint8Array(ruleOf.length * 2);
            grownRuleOf.set(ruleOf);
            ruleOf = grownRuleOf;
          }
          ruleOf[pairCount] = r;
          first[pairCount] = a;
          second[pairCount] = b;
          pairCount += 1;
        }
      }
    }
  }
  return {
    count: pairCount,
    first: first.subarray(0, pairCount),
    second: second.subarray(0, pairCount),
    ruleOf: ruleOf.subarray(0, pairCount),
    ruleSamples: samples.map((sample, r) => {
      const size = Math.min(sampling.perRule, pairCounts[r] ?? 0);
      return {
        first: sample.first.subarray(0, size),
        second: sample.second.subarray(0, size),
        pair: sample.pair.subarray(0, size),
      };
    }),
    rules: rules.map((rule, r) => ({
      name: rule.name,
      pairCount: pairCounts[r] ?? 0,
      newPairCount: newPairCounts[r] ?? 0,
      skippedBuckets: buckets[r]?.skipped ?? [],
    })),
  };
}
