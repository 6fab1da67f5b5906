/**
 * Blocking at the scale of a whole registration database (#3 item 5): the same rules and the
 * same report as findCandidatePairs, but with buckets and pairs in typed arrays, so that a
 * million records and tens of millions of pairs fit in memory (a JavaScript Set holds at most
 * 2^24 entries, and an array of pair tuples costs about 50 bytes a pair).
 *
 * Rules are bucketed one after another in work arrays that every rule reuses, each rule keeping
 * only the pairs it proposes: every large typed array allocated counts as external memory, and
 * each 64 MB or so of it sets off a full collection of the records' heap (seconds apiece at a
 * million records), which was most of blocking's time.
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

/** A growable Int32Array. */
class IntList {
  values: Int32Array;
  length = 0;
  constructor(values: Int32Array) {
    this.values = values;
  }
  clear(): void {
    this.length = 0;
  }
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(Math.max(this.values.length * 2, 1024));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** Work arrays of one rule's bucketing, reused by the next rule. */
interface Scratch {
  /** Each record's entries: entryBuckets[recordStart[r]..recordStart[r+1]). */
  readonly recordStart: Int32Array;
  /** The bucket of each entry (a record's distinct keys, in the order it gave them). */
  readonly entryBuckets: IntList;
  /** Per bucket: its key's two hashes. */
  readonly bucketHigh: IntList;
  readonly bucketLow: IntList;
  /** Per bucket its size, then where it starts in `members` (one more for the end). */
  readonly bucketStart: IntList;
  /** Open-addressing table from hashes to bucket. */
  slots: Int32Array;
  members: Int32Array;
  memberIndex: Int32Array;
  /** For each record b, the last a that met it. */
  readonly metBy: Int32Array;
  readonly proposed: IntList;
}

/**
 * All work arrays carved out of one allocation, sized for the rule with the most keys (as
 * estimated): one allocation sets off at most one collection.
 */
function createScratch(recordCount: number, maxEntries: number): Scratch {
  const entries = maxEntries + 1;
  let slotCount = 1024;
  while (slotCount < entries * 2) {
    slotCount *= 2;
  }
  const lengths = [recordCount + 1, entries, entries, entries, entries + 1, slotCount];
  const moreLengths = [entries, entries, recordCount, recordCount * 2 + 1024];
  const all = [...lengths, ...moreLengths];
  const buffer = new ArrayBuffer(all.reduce((sum, length) => sum + length, 0) * 4);
  let offset = 0;
  const carve = (length: number): Int32Array => {
    const array = new Int32Array(buffer, offset * 4, length);
    offset += length;
    return array;
  };
  return {
    recordStart: carve(recordCount + 1),
    entryBuckets: new IntList(carve(entries)),
    bucketHigh: new IntList(carve(entries)),
    bucketLow: new IntList(carve(entries)),
    bucketStart: new IntList(carve(entries + 1)),
    slots: carve(slotCount),
    members: carve(entries),
    memberIndex: carve(entries),
    metBy: carve(recordCount),
    proposed: new IntList(carve(recordCount * 2 + 1024)),
  };
}

/** Every how many records keys are counted to estimate a rule's: a full count costs a fifth of blocking. */
const COUNT_STRIDE = 16;

/**
 * About how many keys the rule gives all records (a record's repeated keys counted), from every
 * COUNT_STRIDE-th record and a quarter more; the work arrays still grow past it when needed.
 */
function estimateKeys(records: readonly PreparedRecord[], rule: DedupBlockingRule): number {
  let count = 0;
  const counter = {
    begin() {},
    add() {},
    end() {
      count += 1;
    },
  };
  for (let position = 0; position < records.length; position += COUNT_STRIDE) {
    const record = records[position];
    if (!record) {
      continue;
    }
    if (rule.buildKeys) {
      rule.buildKeys(record, counter);
    } else {
      count += rule.keysOf(record).length;
    }
  }
  return Math.ceil(count * COUNT_STRIDE * 1.25) + 1024;
}

/** The pairs one rule proposes, each once: for record a, second[start[a]..start[a+1]) (all > a). */
interface RuleProposals {
  readonly start: Int32Array;
  readonly second: Int32Array;
  readonly skipped: SkippedBucket[];
}

const slotOf = (high: number, low: number, mask: number): number =>
  (high ^ Math.imul(low, 0x9e3779b1)) & mask;

/** Doubles the hash table, placing every bucket again (a rule gave more keys than estimated). */
function growSlots(scratch: Scratch): void {
  const size = scratch.slots.length * 2;
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  const { bucketHigh, bucketLow } = scratch;
  for (let bucket = 0; bucket < bucketHigh.length; bucket++) {
    let slot = slotOf(bucketHigh.values[bucket] ?? 0, bucketLow.values[bucket] ?? 0, mask);
    while (slots[slot] !== -1) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = bucket;
  }
  scratch.slots = slots;
}

/**
 * One rule's buckets, and the pairs they propose in the order the pairs were always made: by
 * first record, then by the order of its keys, then by second record.
 */
function proposePairs(
  records: readonly PreparedRecord[],
  rule: DedupBlockingRule,
  maxBucketSize: number,
  scratch: Scratch,
): RuleProposals {
  const { recordStart, entryBuckets, bucketHigh, bucketLow, bucketStart } = scratch;
  entryBuckets.clear();
  bucketHigh.clear();
  bucketLow.clear();
  bucketStart.clear();
  scratch.slots.fill(-1);
  // Each key joins its bucket as it is made; a record's key joins once, even when two of its
  // keys coincide.
  let seen = 0;
  const builder = createKeyBuilder((high, low) => {
    if (bucketHigh.length * 2 >= scratch.slots.length) {
      growSlots(scratch);
    }
    const { slots } = scratch;
    const mask = slots.length - 1;
    let slot = slotOf(high, low, mask);
    let bucket = slots[slot] ?? -1;
    while (
      bucket !== -1 &&
      (bucketHigh.values[bucket] !== high || bucketLow.values[bucket] !== low)
    ) {
      slot = (slot + 1) & mask;
      bucket = slots[slot] ?? -1;
    }
    if (bucket === -1) {
      bucket = bucketHigh.length;
      slots[slot] = bucket;
      bucketHigh.push(high);
      bucketLow.push(low);
      bucketStart.push(0);
    } else {
      for (let k = seen; k < entryBuckets.length; k++) {
        if (entryBuckets.values[k] === bucket) {
          return;
        }
      }
    }
    entryBuckets.push(bucket);
    bucketStart.values[bucket] = (bucketStart.values[bucket] ?? 0) + 1;
  });
  const count = records.length;
  for (let position = 0; position < count; position++) {
    const record = records[position];
    recordStart[position] = entryBuckets.length;
    seen = entryBuckets.length;
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
  recordStart[count] = entryBuckets.length;
  const entryCount = entryBuckets.length;
  const bucketCount = bucketHigh.length;

  // Each bucket's size becomes where it ends, then, as it is filled from the end backwards,
  // where it starts (bucketStart[b + 1] is then where b ends). Entries come in record order, so
  // each bucket's members ascend.
  // Pushed first: a push may grow the list into a new array.
  bucketStart.push(entryCount);
  const starts = bucketStart.values;
  for (let bucket = 1; bucket < bucketCount; bucket++) {
    starts[bucket] = (starts[bucket] ?? 0) + (starts[bucket - 1] ?? 0);
  }
  if (scratch.members.length < entryCount) {
    // More keys than estimated.
    scratch.members = new Int32Array(Math.ceil(entryCount * 1.25));
    scratch.memberIndex = new Int32Array(scratch.members.length);
  }
  const { members, memberIndex } = scratch;
  for (let position = count - 1; position >= 0; position--) {
    const first = recordStart[position] ?? 0;
    for (let entry = (recordStart[position + 1] ?? 0) - 1; entry >= first; entry--) {
      const bucket = entryBuckets.values[entry] ?? 0;
      const at = (starts[bucket] ?? 0) - 1;
      starts[bucket] = at;
      members[at] = position;
      memberIndex[entry] = at;
    }
  }
  const size = (bucket: number): number => (starts[bucket + 1] ?? 0) - (starts[bucket] ?? 0);

  const oversized: number[] = [];
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    if (size(bucket) > maxBucketSize) {
      oversized.push(bucket);
    }
  }
  // Reported in the order of their hashes (unsigned), as when buckets were sorted by them.
  oversized.sort(
    (x, y) =>
      ((bucketHigh.values[x] ?? 0) >>> 0) - ((bucketHigh.values[y] ?? 0) >>> 0) ||
      ((bucketLow.values[x] ?? 0) >>> 0) - ((bucketLow.values[y] ?? 0) >>> 0),
  );
  const skipped = oversized.map((bucket): SkippedBucket => {
    // The key itself, for the report: recomputed from a member, since no key string is kept.
    const member = records[members[starts[bucket] ?? 0] ?? 0];
    const key =
      (member ? rule.keysOf(member) : []).find((candidate) => {
        let found = false;
        const check = createKeyBuilder((keyHigh, keyLow) => {
          found = keyHigh === bucketHigh.values[bucket] && keyLow === bucketLow.values[bucket];
        });
        check.begin();
        check.add(candidate);
        check.end();
        return found;
      }) ?? '';
    return { key, size: size(bucket) };
  });

  const start = new Int32Array(count + 1);
  const { metBy, proposed } = scratch;
  metBy.fill(-1);
  proposed.clear();
  for (let a = 0; a < count; a++) {
    start[a] = proposed.length;
    const lastEntry = recordStart[a + 1] ?? 0;
    for (let entry = recordStart[a] ?? 0; entry < lastEntry; entry++) {
      const bucket = entryBuckets.values[entry] ?? 0;
      if (size(bucket) > maxBucketSize) {
        continue;
      }
      // Members ascend, so those after a's own place are exactly the b > a.
      const to = starts[bucket + 1] ?? 0;
      for (let m = (memberIndex[entry] ?? to) + 1; m < to; m++) {
        const b = members[m] ?? 0;
        if (metBy[b] !== a) {
          metBy[b] = a;
          proposed.push(b);
        }
      }
    }
  }
  start[count] = proposed.length;
  return { start, second: proposed.values.slice(0, proposed.length), skipped };
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
  sampling: {
    readonly perRule: number;
    /** Each rule's own random numbers: a change in one rule's pairs leaves the others' samples. */
    readonly randomOfRule: (rule: number) => () => number;
  } = {
    perRule: 0,
    randomOfRule: () => Math.random,
  },
): PairList {
  const count = records.length;
  const scratch = createScratch(
    count,
    rules.reduce((most, rule) => Math.max(most, estimateKeys(records, rule)), 0),
  );
  const proposals = rules.map((rule) =>
    proposePairs(records, rule, rule.maxBucketSize ?? maxBucketSize, scratch),
  );
  // For each record b, the last a that met it, and the position of that pair in the list.
  const metBy = scratch.metBy.fill(-1);
  const pairAt = scratch.recordStart;
  const pairCounts = rules.map(() => 0);
  // Reservoir sampling (Vitter's algorithm R) of each rule's pairs.
  const samples = rules.map(() => ({
    first: new Uint32Array(sampling.perRule),
    second: new Uint32Array(sampling.perRule),
    pair: new Uint32Array(sampling.perRule),
  }));
  const newPairCounts = rules.map(() => 0);
  // Room for every proposal: the union is no larger, and one allocation beats growing.
  const capacity = proposals.reduce((sum, proposal) => sum + proposal.second.length, 0);
  const first = new Uint32Array(capacity);
  const second = new Uint32Array(capacity);
  const ruleOf = new Uint8Array(capacity);
  let pairCount = 0;
  const ruleCount = rules.length;
  const perRule = sampling.perRule;
  const randoms = rules.map((_, r) => sampling.randomOfRule(r));
  for (let a = 0; a < count; a++) {
    for (let r = 0; r < ruleCount; r++) {
      const proposal = proposals[r];
      const sample = samples[r];
      if (!proposal || !sample) {
        continue;
      }
      const last = proposal.start[a + 1] ?? 0;
      for (let i = proposal.start[a] ?? 0; i < last; i++) {
        const b = proposal.second[i] ?? 0;
        const seen = pairCounts[r] ?? 0;
        pairCounts[r] = seen + 1;
        const slot = seen < perRule ? seen : Math.floor((randoms[r] ?? Math.random)() * (seen + 1));
        const isNew = metBy[b] !== a;
        if (isNew) {
          metBy[b] = a;
          pairAt[b] = pairCount;
          newPairCounts[r] = (newPairCounts[r] ?? 0) + 1;
          ruleOf[pairCount] = r;
          first[pairCount] = a;
          second[pairCount] = b;
          pairCount += 1;
        }
        if (slot < perRule) {
          sample.first[slot] = a;
          sample.second[slot] = b;
          sample.pair[slot] = pairAt[b] ?? 0;
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
      skippedBuckets: proposals[r]?.skipped ?? [],
    })),
  };
}
