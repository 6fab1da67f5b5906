/**
 * The real-time match index (#3 item 4): the persons already registered, kept in memory and in
 * step with every write, so that a registration being created or previewed is shown the people
 * it may already be, with the weight each field contributed.
 *
 * It finds candidates with the batch's own blocking rules (DEFAULT_BLOCKING_RULES) and scores
 * them with the batch's levels (compareRecords, on names split into words once per spelling:
 * compareIndexedRecords) and scorePair, with term frequencies kept up to date: a lookup is the
 * batch's linkage of one record against all the others.
 *
 * Blocks of common keys (Shevchenko born in 1980) hold thousands of records, and comparing a
 * pair costs tens of microseconds, so a lookup does not compare every record it shares a key
 * with. Each candidate is ranked by the keys it shares with the record, a key counting for more
 * the smaller its block (log2 n/size, the inverse document frequency of information retrieval),
 * and only the best ranked are compared. A true duplicate shares several keys, some of them
 * rare (its birth date, its document), and ranks first; a namesake shares only the common ones.
 */
import { DEFAULT_BLOCKING_RULES } from '../linkage/blocking.js';
import {
  withoutFields,
  type ComparisonVector,
  type LinkageField,
} from '../linkage/comparison-vector.js';
import {
  estimateModel,
  scorePair,
  type EmOptions,
  type FieldContribution,
  type LinkageModel,
} from '../linkage/fellegi-sunter.js';
import type { PersonRecord, PreparedRecord } from '../linkage/person-record.js';
import { BlockTable } from './block-table.js';
import { compareIndexedRecords } from './indexed-comparison.js';
import { prepareIndexedRecord, type IndexedRecord } from './indexed-record.js';
import { LiveTermFrequencies } from './live-term-frequencies.js';
import { createRecordPreparer } from './record-preparer.js';

export interface MatchIndexOptions {
  /** m, u and λ, estimated by EM elsewhere or by estimateModel once records are loaded. */
  readonly model?: LinkageModel | undefined;
  /** Candidates compared per lookup, best ranked first: bounds a lookup's latency. */
  readonly maxComparisons?: number | undefined;
  /**
   * Blocks larger than this are not read at lookup (a placeholder birth date, a common name in
   * a common year): sharing such a key says next to nothing, and the person's other keys still
   * find them.
   */
  readonly maxBlockSize?: number | undefined;
}

export interface FindMatchesOptions {
  /** At most this many matches, best first. */
  readonly limit?: number | undefined;
  readonly minProbability?: number | undefined;
  /** Overrides the index's maxComparisons for this lookup (a thorough check before a merge). */
  readonly maxComparisons?: number | undefined;
  /**
   * Indexed persons to weigh names as if they were not registered yet (they still count as
   * candidates): a resent registration's household, so that it answers as it did the first
   * time, before its members joined the index and its names' frequencies.
   */
  readonly countedAsAbsent?: readonly string[] | undefined;
}

/** An indexed person who may be the one looked up, and why. */
export interface IndexMatch {
  readonly id: string;
  readonly record: PersonRecord;
  readonly matchProbability: number;
  /** log2 of the Bayes factor: the sum of the contributions' weights. */
  readonly matchWeight: number;
  /** Given and family names agree only when exchanged on one side. */
  readonly isSwapped: boolean;
  readonly contributions: readonly FieldContribution[];
}

export interface IndexModelOptions {
  /** Indexed records whose candidates EM learns from. */
  readonly sampleSize?: number | undefined;
  /** The best ranked candidates of each sampled record that EM learns from. */
  readonly candidatesPerRecord?: number | undefined;
  /** Random pairs, nearly all of different people, from which u starts. */
  readonly randomPairs?: number | undefined;
  readonly seed?: number | undefined;
  readonly em?: EmOptions | undefined;
}

const DEFAULT_MAX_COMPARISONS = 64;
const DEFAULT_MAX_BLOCK_SIZE = 20_000;
const DEFAULT_LIMIT = 10;
const DEFAULT_SAMPLE_SIZE = 1000;
const DEFAULT_RANDOM_PAIRS = 5000;
const DEFAULT_CANDIDATES_PER_RECORD = 10;
const NONE = -1;

const NAMES: readonly LinkageField[] = ['givenName', 'familyName'];

/**
 * The fields each default blocking rule keys on, by rule name: a pair a rule proposes agrees on
 * them by construction, so EM learns a field only from pairs found under rules on other fields
 * (Splink's training blocking rules). Either-name rules key on both names.
 */
export const BLOCKING_RULE_FIELDS: Readonly<Record<string, readonly LinkageField[]>> = {
  'family-phonetic+birth-year': ['familyName', 'birthDate'],
  'given-class+birth-date': [...NAMES, 'birthDate'],
  'document-digits': ['document'],
  'family-stem+given-class': NAMES,
  'given-class+birth-year': [...NAMES, 'birthDate'],
  'either-name-class+birth-month-day': [...NAMES, 'birthDate'],
  'birth-date+name-initial': [...NAMES, 'birthDate'],
  'names-any-order': NAMES,
  'given-class+family-one-deletion': NAMES,
};

const RULE_FIELDS = DEFAULT_BLOCKING_RULES.map(
  (rule): ReadonlySet<LinkageField> =>
    // Fields of a rule not listed are all masked: nothing is learnt from its pairs.
    new Set(
      BLOCKING_RULE_FIELDS[rule.name] ?? [...NAMES, 'patronymic', 'birthDate', 'sex', 'document'],
    ),
);

/** mulberry32: a small seeded generator, so that a model estimated twice is the same model. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Blocking keys per person, about (19 on the bench's population): sizes a bulk load up front. */
const KEYS_PER_RECORD = 20;
/**
 * Distinct blocking keys per person, about (fewer than 4 on the bench's population at a million:
 * most keys are shared): sizes the table of keys up front.
 */
const DISTINCT_KEYS_PER_RECORD = 4;

/** A record's blocking keys under every rule, each once, with its rule's position. */
function forEachBlockKey(
  record: PreparedRecord,
  visit: (ruleIndex: number, key: string) => void,
): void {
  DEFAULT_BLOCKING_RULES.forEach((rule, ruleIndex) => {
    const keys = rule.keysOf(record);
    keys.forEach((key, at) => {
      // A rule may give a key twice (a given name that is also the family name).
      if (keys.indexOf(key) === at) {
        visit(ruleIndex, key);
      }
    });
  });
}

/**
 * Persons in memory, found again under any spelling in a few milliseconds.
 * @example
 * const index = new MatchIndex();
 * index.load(personsFromTheDatabase);
 * index.setModel(index.estimateModel());
 * index.findMatches({ id: 'new', givenName: 'Aleksandr', familyName: 'Szewczenko' }, { limit: 5 });
 */
export class MatchIndex {
  readonly #blocks = new BlockTable();
  /** Prepared records by slot; a removed record's slot is reused. */
  readonly #records: (IndexedRecord | undefined)[] = [];
  /**
   * Prepares every record indexed, so that records with one name share its keys and words. It
   * remembers each spelling ever indexed, removed persons' too: some tens of bytes per distinct
   * spelling, against hundreds per record if each held its own words.
   */
  readonly #prepare = createRecordPreparer();
  readonly #slotById = new Map<string, number>();
  readonly #freeSlots: number[] = [];
  readonly #termFrequencies = new LiveTermFrequencies();
  readonly #maxComparisons: number;
  readonly #maxBlockSize: number;
  #model: LinkageModel | undefined;
  // Per-slot scratch of candidate ranking, valid where #stampOf equals the lookup's stamp.
  #stamp = 0;
  #stampOf = new Int32Array(0);
  #rankOf = new Float64Array(0);
  #ruleOf = new Int16Array(0);
  #ruleWeightOf = new Float64Array(0);
  /** The rule under which the slot shares its rarest key with the record. */
  #bestRuleOf = new Int16Array(0);
  #bestWeightOf = new Float64Array(0);

  constructor(options: MatchIndexOptions = {}) {
    this.#model = options.model;
    this.#maxComparisons = options.maxComparisons ?? DEFAULT_MAX_COMPARISONS;
    this.#maxBlockSize = options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE;
  }

  /** Persons indexed. */
  get size(): number {
    return this.#slotById.size;
  }

  get model(): LinkageModel | undefined {
    return this.#model;
  }

  /** Frequencies of the indexed names, as countTermFrequencies would count them now. */
  get termFrequencies(): LiveTermFrequencies {
    return this.#termFrequencies;
  }

  /** Swaps in a model, e.g. one re-estimated by the batch; lookups use it from now on. */
  setModel(model: LinkageModel): void {
    this.#model = model;
  }

  has(id: string): boolean {
    return this.#slotById.has(id);
  }

  /** Indexes a person; throws when the id is indexed already (use update). */
  add(record: PersonRecord): void {
    this.#assertNew(record.id);
    this.#insert(this.#prepare(record));
  }

  /** Replaces the indexed person with the same id, or adds them when absent. */
  update(record: PersonRecord): void {
    this.remove(record.id);
    this.#insert(this.#prepare(record));
  }

  /** Takes a person out of the index; false when they were not in it. */
  remove(id: string): boolean {
    const slot = this.#slotById.get(id);
    const prepared = slot === undefined ? undefined : this.#records[slot];
    if (slot === undefined || prepared === undefined) {
      return false;
    }
    forEachBlockKey(prepared, (rule, key) => this.#blocks.remove(rule, key, slot));
    this.#termFrequencies.remove(prepared);
    this.#records[slot] = undefined;
    this.#slotById.delete(id);
    this.#freeSlots.push(slot);
    return true;
  }

  /**
   * Makes room for this many persons in all, e.g. the register's size before it is loaded in
   * slices. Growing a large typed array midway makes V8 collect the whole heap at once (for
   * "external memory pressure"), which stalled a load of a million persons for over a second;
   * allocated while the heap is still small, the arrays cost one short collection.
   */
  reserve(personCount: number): void {
    this.#blocks.reserve(personCount * KEYS_PER_RECORD, personCount * DISTINCT_KEYS_PER_RECORD);
    this.#growScratch(personCount);
  }

  /**
   * Indexes many persons at once, e.g. the whole database at start (in slices, if need be):
   * each distinct name is folded once. Throws on an id indexed already; the records before it
   * stay indexed.
   */
  load(records: readonly PersonRecord[]): void {
    this.#blocks.reserve((this.size + records.length) * KEYS_PER_RECORD);
    this.#growScratch(this.#records.length + records.length);
    for (const record of records) {
      this.#assertNew(record.id);
      this.#insert(this.#prepare(record));
    }
  }

  /**
   * The indexed persons who may be this one, best first, each with its per-field explanation.
   * A person indexed under the record's own id is left out, so that editing a registration
   * does not find itself.
   * @example index.findMatches({ id: 'new', givenName: 'Олександр', familyName: 'Шевченко', birthDate: '1980-05-12' })[0]?.matchProbability // 0.99
   */
  findMatches(record: PersonRecord, options: FindMatchesOptions = {}): IndexMatch[] {
    const model = this.#model;
    if (model === undefined) {
      throw new Error('The match index has no model: call setModel (or estimateModel) first.');
    }
    const absent = (options.countedAsAbsent ?? []).flatMap((id) => {
      const indexed = this.#records[this.#slotById.get(id) ?? NONE];
      return indexed ? [indexed] : [];
    });
    // A lookup is synchronous: the counts are back before anything else reads them.
    for (const indexed of absent) {
      this.#termFrequencies.remove(indexed);
    }
    try {
      return this.#findMatches(record, model, options);
    } finally {
      for (const indexed of absent) {
        this.#termFrequencies.add(indexed);
      }
    }
  }

  #findMatches(
    record: PersonRecord,
    model: LinkageModel,
    options: FindMatchesOptions,
  ): IndexMatch[] {
    const minProbability = options.minProbability ?? 0;
    // Not through #prepare: a lookup's spellings (anything a registrar types) are not kept.
    const query = prepareIndexedRecord(record);
    const matches: IndexMatch[] = [];
    const candidates = this.#rankCandidates(
      query,
      this.#slotById.get(record.id) ?? NONE,
      options.maxComparisons ?? this.#maxComparisons,
    );
    for (const slot of candidates) {
      const candidate = this.#records[slot];
      if (candidate === undefined) {
        continue;
      }
      // The looked-up record second: scorePair reads the agreed name's frequency from the
      // second record, and a candidate registered with its names exchanged would otherwise
      // weigh its surname as a (rare) given name. The query's own frequencies are the same for
      // every candidate, so they never change the order.
      const vector = compareIndexedRecords(candidate, query);
      const score = scorePair(model, vector, { termFrequencies: this.#termFrequencies });
      if (score.matchProbability >= minProbability) {
        matches.push({
          id: candidate.record.id,
          record: candidate.record,
          matchProbability: score.matchProbability,
          matchWeight: score.matchWeight,
          isSwapped: vector.isSwapped,
          contributions: score.contributions,
        });
      }
    }
    matches.sort((a, b) => b.matchWeight - a.matchWeight || (a.id < b.id ? -1 : 1));
    return matches.slice(0, options.limit ?? DEFAULT_LIMIT);
  }

  /**
   * Estimates m, u and λ by EM (estimateModel) from the indexed persons: on the best ranked
   * candidates of a sample of persons (the pairs a lookup scores first), each pair with the
   * fields of the rule of its rarest shared key read as missing, and u seeded from random
   * pairs. λ is then the share of matches among the candidates a lookup compares. Does not
   * swap the model in.
   * @example index.setModel(index.estimateModel({ sampleSize: 1000 }));
   */
  estimateModel(options: IndexModelOptions = {}): LinkageModel {
    const random = seededRandom(options.seed ?? 1);
    const randomRecord = (): [number, IndexedRecord] | undefined => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const slot = Math.floor(random() * this.#records.length);
        const record = this.#records[slot];
        if (record) {
          return [slot, record];
        }
      }
      return undefined;
    };
    const candidates: ComparisonVector[] = [];
    const sampleSize = Math.min(options.sampleSize ?? DEFAULT_SAMPLE_SIZE, this.size);
    const perRecord = options.candidatesPerRecord ?? DEFAULT_CANDIDATES_PER_RECORD;
    let lookupComparisons = 0;
    for (let sampled = 0; sampled < sampleSize; sampled++) {
      const [slot, record] = randomRecord() ?? [NONE, undefined];
      const ranked = record ? this.#rankCandidates(record, slot, this.#maxComparisons) : [];
      lookupComparisons += ranked.length;
      for (const candidate of ranked.slice(0, perRecord)) {
        const other = this.#records[candidate];
        const fields = RULE_FIELDS[this.#bestRuleOf[candidate] ?? 0];
        if (record && other && fields) {
          candidates.push(withoutFields(compareIndexedRecords(record, other), fields));
        }
      }
    }
    const randomPairs: ComparisonVector[] = [];
    const pairCount = this.size > 1 ? (options.randomPairs ?? DEFAULT_RANDOM_PAIRS) : 0;
    while (randomPairs.length < pairCount) {
      const [first, second] = [randomRecord(), randomRecord()];
      if (first && second && first[0] !== second[0]) {
        randomPairs.push(compareIndexedRecords(first[1], second[1]));
      }
    }
    // TODO(#3): the birth date is learnt only from pairs found on names or documents, and its
    // 'different' level comes out weak (about -2): namesakes a year apart can pass p 0.5.
    // Unmasked EM weighs it well up to 200 000 persons but, at a million, learns "same birth
    // date" instead of "same person". The batch's model (setModel) is the better source.
    const model = estimateModel(candidates, randomPairs, options.em);
    // A lookup compares more candidates than EM saw, but finds no more matches among them:
    // nearly all of a person's duplicates rank among their best few.
    const lambda =
      lookupComparisons > 0 ? (model.lambda * candidates.length) / lookupComparisons : model.lambda;
    return { ...model, lambda };
  }

  #assertNew(id: string): void {
    if (this.#slotById.has(id)) {
      throw new Error(`Person record ${id} is indexed already: use update.`);
    }
  }

  #insert(prepared: IndexedRecord): void {
    const slot = this.#freeSlots.pop() ?? this.#records.length;
    if (slot === this.#records.length) {
      this.#records.push(prepared);
      this.#growScratch(slot + 1);
    } else {
      this.#records[slot] = prepared;
    }
    this.#slotById.set(prepared.record.id, slot);
    this.#termFrequencies.add(prepared);
    forEachBlockKey(prepared, (rule, key) => {
      this.#blocks.add(rule, key, slot);
    });
  }

  #growScratch(slots: number): void {
    if (slots <= this.#stampOf.length) {
      return;
    }
    const length = Math.max(1024, Math.ceil(slots * 1.5));
    const stampOf = new Int32Array(length);
    stampOf.set(this.#stampOf);
    this.#stampOf = stampOf;
    this.#rankOf = new Float64Array(length);
    this.#ruleOf = new Int16Array(length);
    this.#ruleWeightOf = new Float64Array(length);
    this.#bestRuleOf = new Int16Array(length);
    this.#bestWeightOf = new Float64Array(length);
  }

  /**
   * The slots worth comparing with the record, best ranked first, at most maxComparisons: a
   * candidate's rank sums, over the rules under which it shares a key with the record, the
   * information of the rarest key it shares under that rule.
   */
  #rankCandidates(query: PreparedRecord, excludedSlot: number, maxComparisons: number): number[] {
    if (this.#stamp >= 0x7fffffff) {
      this.#stamp = 0;
      this.#stampOf.fill(0);
    }
    const stamp = ++this.#stamp;
    const [stampOf, rankOf, ruleOf, ruleWeightOf, bestRuleOf, bestWeightOf] = [
      this.#stampOf,
      this.#rankOf,
      this.#ruleOf,
      this.#ruleWeightOf,
      this.#bestRuleOf,
      this.#bestWeightOf,
    ];
    const touched: number[] = [];
    const population = this.size + 1;
    forEachBlockKey(query, (ruleIndex, key) => {
      const block = this.#blocks.find(ruleIndex, key);
      const size = block === NONE ? 0 : this.#blocks.sizeOf(block);
      if (size === 0 || size > this.#maxBlockSize) {
        return;
      }
      const weight = Math.log2(population / size);
      this.#blocks.forEachMember(block, (slot) => {
        if (slot === excludedSlot) {
          return;
        }
        if (stampOf[slot] !== stamp) {
          stampOf[slot] = stamp;
          rankOf[slot] = weight;
          ruleOf[slot] = ruleIndex;
          ruleWeightOf[slot] = weight;
          bestRuleOf[slot] = ruleIndex;
          bestWeightOf[slot] = weight;
          touched.push(slot);
          return;
        }
        if (weight > (bestWeightOf[slot] ?? 0)) {
          bestRuleOf[slot] = ruleIndex;
          bestWeightOf[slot] = weight;
        }
        if (ruleOf[slot] !== ruleIndex) {
          rankOf[slot] = (rankOf[slot] ?? 0) + weight;
          ruleOf[slot] = ruleIndex;
          ruleWeightOf[slot] = weight;
        } else if (weight > (ruleWeightOf[slot] ?? 0)) {
          // Under one rule only the rarest shared key counts: a surname and its one-letter
          // deletions are one piece of evidence, not eight.
          rankOf[slot] = (rankOf[slot] ?? 0) + weight - (ruleWeightOf[slot] ?? 0);
          ruleWeightOf[slot] = weight;
        }
      });
    });
    return this.#best(touched, maxComparisons);
  }

  /** The maxComparisons best ranked of the touched slots, best first. */
  #best(touched: number[], maxComparisons: number): number[] {
    const rankOf = this.#rankOf;
    const byRank = (a: number, b: number): number => (rankOf[b] ?? 0) - (rankOf[a] ?? 0);
    if (maxComparisons <= 0) {
      return [];
    }
    if (touched.length <= maxComparisons) {
      return touched.sort(byRank);
    }
    // Sorting numbers natively, then keeping those at or above the cut-off, is far quicker
    // than sorting thousands of slots with a comparator.
    const ranks = Float64Array.from(touched, (slot) => rankOf[slot] ?? 0).sort();
    const cutOff = ranks[ranks.length - maxComparisons] ?? 0;
    const best = touched.filter((slot) => (rankOf[slot] ?? 0) > cutOff);
    for (const slot of touched) {
      if (best.length >= maxComparisons) {
        break;
      }
      if (rankOf[slot] === cutOff) {
        best.push(slot);
      }
    }
    return best.sort(byRank);
  }
}
