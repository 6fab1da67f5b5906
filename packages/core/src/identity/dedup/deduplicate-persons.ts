/**
 * The batch identity resolution of a whole register (#3 item 5): prepare every record, block,
 * compare the candidate pairs, estimate the Fellegi–Sunter model by EM on a sample of them (u
 * seeded from random pairs), score every pair with term frequencies, and cluster the links
 * without chaining. The link and contradiction thresholds are match probabilities turned into
 * weights through the model's own prior, so nothing is set by hand for one data set.
 *
 * Built for a million records on one core: pairs live in typed arrays, name comparisons are
 * remembered per spelling pair, EM sees a sample, and clustering runs per group of linked
 * records instead of over every pair at once.
 */
import type { BlockingRuleReport } from '../linkage/blocking.js';
import { clusterIdentities, type RecordPair, type ScoredLink } from '../linkage/clustering.js';
import {
  cannotBeTwins,
  givenNamesTellTwinsApart,
  isDisputedByLevels,
  isSlipOfThePen,
  type GivenNameSpelling,
  type GivenNameSteadiness,
} from '../linkage/disputed-pair.js';
import {
  LINKAGE_FIELDS,
  LINKAGE_LEVELS,
  saysDifferent,
  SEX_MATCH_LEVELS,
  UNINFORMATIVE_LEVELS,
  withoutFields,
  type ComparisonVector,
  type LinkageField,
} from '../linkage/comparison-vector.js';
import { estimateModel, type LinkageModel } from '../linkage/fellegi-sunter.js';
import { birthDecadeOf, DATES_OF_ONE_DECADE } from '../linkage/given-name-context.js';
import type { PersonRecord, PreparedRecord } from '../linkage/person-record.js';
import {
  countTermFrequencies,
  type TermFrequencies,
  type ValueFrequencies,
} from '../linkage/term-frequencies.js';
import { DATE_MATCH_LEVELS } from '../compare-dates.js';
import { NAME_MATCH_LEVELS } from '../compare-names.js';
import { DOCUMENT_MATCH_LEVELS } from '../compare-documents.js';
import {
  ATTRIBUTE_PATTERN_COUNT,
  createAttributeComparer,
  decodeAttributes,
  NO_ATTRIBUTES,
  withAttributes,
} from './attribute-patterns.js';
import { birthDateU, countBirthDatePairs } from './birth-date-shares.js';
import { blockCandidatePairs } from './candidate-pairs.js';
import { dedupBlockingRulesFor, type DedupBlockingRule } from './dedup-blocking-rules.js';
import {
  compareCandidatePairs,
  comparisonTableOf,
  createPairComparer,
  decodePattern,
  type CandidateComparison,
  PATTERN_COUNT,
  PATTERN_FIELDS,
  patternVector,
  type PairPattern,
  type PatternLevels,
} from './pair-patterns.js';
import { prepareRecords } from './prepared-records.js';
import { combineRuleEstimates, uOfStrangers } from './rule-estimates.js';

/**
 * A pair at least this likely to be one person, given the model and the prior of a pair at
 * large, proposes a merge. Above even odds, because a false merge takes away a person's separate
 * rights while a missed one only costs a review (pairs between REVIEW_PROBABILITY and this go to
 * review). Not 0.99, which left a third of fake_1000's true pairs and a tenth of the generated
 * registrations' unmerged; not 0.5, which on 300,000 generated registrations cost 4 points of
 * precision for 2.5 of recall (docs/identity-dedup.md has every data set).
 */
export const LINK_PROBABILITY = 0.9;
/**
 * A pair whose own evidence leaves it at most this likely to be one person (its Bayes factor
 * alone, at even prior odds) forbids any merge across it. It is judged without the prior of a
 * pair at large: a pair across a merge is already tied to both sides, and with a prior of 1e-5
 * even a pair agreeing on its surname and birth date would otherwise count as a contradiction.
 */
export const CONTRADICTION_PROBABILITY = 0.01;
/**
 * A merge whose cross pairs' weights average below the link weight is still made when they
 * average at least the weight of this probability and none of them disagrees on any field
 * (clusterIdentities' agreeingAverageWeight): a person's record without a surname or with a
 * birth year only weighs less against each of their other records without speaking against
 * them, and at a million registrations such merges were refused for one person in 120.
 * Without the condition the same bar cost precision (docs/identity-dedup.md).
 */
export const AGREEING_MERGE_PROBABILITY = 0.5;

export interface DedupOptions {
  /** Pairs of record ids a reviewer confirmed as one person. */
  readonly mustLink?: readonly RecordPair[] | undefined;
  /** Pairs of record ids a reviewer confirmed as different people. */
  readonly cannotLink?: readonly RecordPair[] | undefined;
  readonly rules?: readonly DedupBlockingRule[] | undefined;
  /** Buckets larger than this are skipped and reported (see findCandidatePairs). */
  readonly maxBucketSize?: number | undefined;
  /** Candidate pairs EM estimates the model on; the rest only get scored. */
  readonly emSamplePairs?: number | undefined;
  /** Pairs of each blocking rule EM estimates m on. */
  readonly trainingPairsPerRule?: number | undefined;
  /** Random pairs whose level shares seed u. */
  readonly randomPairs?: number | undefined;
  /** More random pairs, for u of every field but the names. */
  readonly randomPairsWithoutNames?: number | undefined;
  readonly seed?: number | undefined;
  /**
   * Compares the candidate pairs: by default here, one after another; a Node program can share
   * them with a worker thread (compareInThreads of @haven/server). Patterns must not differ.
   */
  readonly compareCandidates?: CandidateComparison | undefined;
  /** A clock in milliseconds (performance.now), to time each step in the report. */
  readonly clock?: (() => number) | undefined;
}

export interface DedupThresholds {
  /** Probability that two records taken at random are one person, as EM estimates it. */
  readonly priorMatchProbability: number;
  readonly linkProbability: number;
  readonly linkWeight: number;
  /** Judged on a pair's own evidence (even prior odds), see CONTRADICTION_PROBABILITY. */
  readonly contradictionProbability: number;
  readonly contradictionWeight: number;
  /** See AGREEING_MERGE_PROBABILITY. */
  readonly agreeingMergeProbability: number;
  readonly agreeingMergeWeight: number;
}

export interface DedupReport {
  readonly recordCount: number;
  readonly candidatePairCount: number;
  readonly rules: readonly BlockingRuleReport[];
  readonly em: {
    readonly sampledPairs: number;
    readonly randomPairs: number;
    readonly iterations: number;
    readonly hasConverged: boolean;
  };
  readonly model: LinkageModel;
  readonly thresholds: DedupThresholds;
  /** Pairs at or above the link weight (disputed ones included). */
  readonly linkCount: number;
  /** Links a match weight must not decide alone (twins): never followed. */
  readonly disputedLinkCount: number;
  /**
   * Whether different given names dispute a pair (twins), and the pairs that decided it
   * (givenNamesTellTwinsApart).
   */
  readonly twinsRule: GivenNameSteadiness & { readonly isApplied: boolean };
  /** Links not followed because a merge would have chained strangers. */
  readonly refusedLinkCount: number;
  /** Must-links that would join a cannot-link pair; not applied. */
  readonly constraintConflicts: readonly RecordPair[];
  readonly clusterCount: number;
  readonly largestClusterSize: number;
  /** Milliseconds per step, when a clock was given. */
  readonly timingsMs: Readonly<Record<string, number>>;
}

export interface DedupResult {
  /** Identities as record ids; every record is in exactly one cluster. */
  readonly clusters: readonly (readonly string[])[];
  /** For each record, in input order, the index of its cluster in `clusters`. */
  readonly clusterOf: Int32Array;
  /** The register's name frequencies the pairs were weighed with (their explanations read them). */
  readonly termFrequencies: TermFrequencies;
  /** The candidate pairs (record positions) and their match weights, for scoring blocking. */
  readonly candidatePairs: {
    readonly first: Uint32Array;
    readonly second: Uint32Array;
    readonly weights: Float32Array;
    /**
     * 1 for a pair the twins rule disputes (isDisputedPair): kept apart where the rule applies,
     * weighed like any other pair where it does not (and then shown for review if merged).
     */
    readonly isTwinShaped: Uint8Array;
  };
  readonly report: DedupReport;
}

const DEFAULT_MAX_BUCKET_SIZE = 500;
/** Rounds of taking u back to strangers at the prior (see estimate). */
const MAX_STRANGER_ROUNDS = 5;
const DEFAULT_EM_SAMPLE_PAIRS = 200_000;
const DEFAULT_RANDOM_PAIRS = 50_000;
// u of the rare levels (two strangers with one birth date, one document) is the share of a few
// random pairs among many: 50,000 left it a handful of hits, and the weight of an exact document
// a bit lower than the data says (FEBRL4: 11.9 bits, 12.9 with 200,000; recall 0.958 → 0.977).
// Dates, documents and sexes cost little to compare, names most: these pairs skip the names.
const DEFAULT_RANDOM_PAIRS_WITHOUT_NAMES = 300_000;
const DEFAULT_TRAINING_PAIRS_PER_RULE = 50_000;
/** A rule proposing fewer pairs than this cannot teach EM anything reliable. */
const MIN_TRAINING_PAIRS = 50;
/** Fields a rule's pairs must have values of (each on MIN_TRAINING_PAIRS) to train EM. */
const MIN_TRAINING_FIELDS = 2;

/** mulberry32: a seeded generator, so that one input always gives one result. */
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

/** One value per field, written out so that the type needs no assertion. */
function perFieldOf<T>(make: (field: LinkageField) => T): Record<LinkageField, T> {
  return {
    givenName: make('givenName'),
    familyName: make('familyName'),
    patronymic: make('patronymic'),
    birthDate: make('birthDate'),
    sex: make('sex'),
    document: make('document'),
    birthPlace: make('birthPlace'),
    residence: make('residence'),
    postcode: make('postcode'),
  };
}

/**
 * The share of matches among `total` pairs, of which the pattern counts are those that can be
 * matches (the rest are taken as different people), by EM with m and u fixed.
 */
function estimateMatchShare(
  patternCounts: ReadonlyMap<number, number>,
  fields: LinkageModel['fields'],
  total: number,
  initial: number,
): number {
  const bayesFactors = [...patternCounts].map(([key, count]) => {
    const levels = decodePattern(Math.floor(key / ATTRIBUTE_PATTERN_COUNT));
    const attributes = decodeAttributes(key % ATTRIBUTE_PATTERN_COUNT);
    const indices = [
      levels.givenName,
      levels.familyName,
      levels.patronymic,
      levels.birthDate,
      levels.sex,
      levels.document,
      attributes.birthPlace,
      attributes.residence,
      attributes.postcode,
    ];
    const factor = LINKAGE_FIELDS.reduce((product, field, f) => {
      const level = indices[f] ?? 0;
      return product * ((fields[field].m[level] ?? 1) / (fields[field].u[level] ?? 1));
    }, 1);
    return { factor, count };
  });
  let share = initial;
  for (let iteration = 0; iteration < 500 && total > 0; iteration++) {
    let expected = 0;
    for (const { factor, count } of bayesFactors) {
      expected += (count * share * factor) / (share * factor + 1 - share);
    }
    const next = Math.min(Math.max(expected / total, 1e-12), 1 - 1e-9);
    if (Math.abs(next - share) <= 1e-9 * share) {
      return next;
    }
    share = next;
  }
  return share;
}

const logit2 = (probability: number): number => Math.log2(probability / (1 - probability));

/** A union–find over record positions. */
function createUnionFind(count: number): {
  find: (x: number) => number;
  union: (x: number, y: number) => void;
} {
  const parent = new Int32Array(count).map((_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while ((parent[root] ?? root) !== root) {
      root = parent[root] ?? root;
    }
    let at = x;
    while (at !== root) {
      const next = parent[at] ?? root;
      parent[at] = root;
      at = next;
    }
    return root;
  };
  return {
    find,
    union: (x, y) => {
      const rootX = find(x);
      const rootY = find(y);
      if (rootX !== rootY) {
        parent[Math.max(rootX, rootY)] = Math.min(rootX, rootY);
      }
    },
  };
}

/**
 * Resolves a register into identities: who, among these registrations, is one person.
 * Record ids must be unique.
 * @example deduplicatePersons(records).clusters // [['r1', 'r7'], ['r2'], …]
 */
export function deduplicatePersons(
  records: readonly PersonRecord[],
  options: DedupOptions = {},
): DedupResult {
  const clock = options.clock;
  const timingsMs: Record<string, number> = {};
  let stepStartedMs = clock?.() ?? 0;
  const endStep = (name: string): void => {
    if (clock) {
      const now = clock();
      timingsMs[name] = now - stepStartedMs;
      stepStartedMs = now;
    }
  };
  // One seeded stream per purpose, so that a change in one rule's pairs (two records spelt
  // differently) does not reshuffle every other sample EM learns from.
  const streamOf = (purpose: number): (() => number) =>
    seededRandom((options.seed ?? 1) ^ Math.imul(purpose + 1, 0x9e3779b9));
  const RULE_STREAMS = 16;
  const count = records.length;

  const table = prepareRecords(records);
  const { prepared } = table;
  endStep('prepare');

  // Places and postcodes, for registers that record them; an empty array stands for none.
  const attributes = createAttributeComparer(records);
  const rules = options.rules ?? dedupBlockingRulesFor(count, attributes.recordedFields);
  const pairs = blockCandidatePairs(
    prepared,
    rules,
    options.maxBucketSize ?? DEFAULT_MAX_BUCKET_SIZE,
    {
      perRule: options.trainingPairsPerRule ?? DEFAULT_TRAINING_PAIRS_PER_RULE,
      randomOfRule: (rule) => streamOf(RULE_STREAMS + rule),
    },
  );
  endStep('block');

  const comparisonTable = comparisonTableOf(table);
  const comparer = createPairComparer(comparisonTable);
  const compared: PairPattern = { pattern: 0, isSwapped: false };
  const { patterns, isSwapped } = (options.compareCandidates ?? compareCandidatePairs)(
    comparisonTable,
    comparer,
    pairs.first,
    pairs.second,
  );
  const attributePatterns = new Uint16Array(attributes.isUsed ? pairs.count : 0);
  for (let p = 0; p < attributePatterns.length; p++) {
    attributePatterns[p] = attributes.compare(pairs.first[p] ?? 0, pairs.second[p] ?? 0);
  }
  const attributePatternOf = (p: number): number => attributePatterns[p] ?? NO_ATTRIBUTES;
  endStep('compare');

  // u from random pairs, which are nearly all of different people.
  const randomPairOf = streamOf(0);
  const randomVectors: ComparisonVector[] = [];
  const randomPairCount = count < 2 ? 0 : (options.randomPairs ?? DEFAULT_RANDOM_PAIRS);
  while (randomVectors.length < randomPairCount) {
    const a = Math.floor(randomPairOf() * count);
    const b = Math.floor(randomPairOf() * count);
    if (a !== b) {
      comparer.compare(a, b, compared);
      randomVectors.push(
        withAttributes(patternVector(compared.pattern, false, '', ''), attributes.compare(a, b)),
      );
    }
  }
  const withoutNamesCount =
    count < 2 ? 0 : (options.randomPairsWithoutNames ?? DEFAULT_RANDOM_PAIRS_WITHOUT_NAMES);
  // Few distinct outcomes among many pairs: one vector each, shared, spares the collector.
  const withoutNamesVectors = new Map<number, ComparisonVector>();
  const randomPairWithoutNamesOf = streamOf(1);
  for (let added = 0; added < withoutNamesCount;) {
    const a = Math.floor(randomPairWithoutNamesOf() * count);
    const b = Math.floor(randomPairWithoutNamesOf() * count);
    if (a !== b) {
      added += 1;
      const key =
        comparer.compareWithoutNames(a, b) * ATTRIBUTE_PATTERN_COUNT + attributes.compare(a, b);
      let vector = withoutNamesVectors.get(key);
      if (vector === undefined) {
        vector = withAttributes(
          patternVector(Math.floor(key / ATTRIBUTE_PATTERN_COUNT), false, '', ''),
          key % ATTRIBUTE_PATTERN_COUNT,
        );
        withoutNamesVectors.set(key, vector);
      }
      randomVectors.push(vector);
    }
  }
  // m by EM once per blocking rule, on the pairs it proposes, with the fields it keys on left
  // out (they agree by construction); each field's m is the median over the rules that could
  // estimate it (Splink's training by blocking rule).
  const uOnly = estimateModel([], randomVectors, { isUFixed: true, maxIterations: 0 });
  // The birth date's levels counted over every pair of dates, not sampled (birth-date-shares.ts).
  const datePairs = countBirthDatePairs(table.birthDateIds, table.birthDates);
  const fixedU = perFieldOf((field) =>
    field === 'birthDate' && datePairs !== undefined
      ? birthDateU(datePairs)
      : uOnly.fields[field].u,
  );
  const mSums = perFieldOf((): number[][] => []);
  let iterations = 0;
  let hasConverged = true;
  let trainedPairs = 0;
  rules.forEach((rule, r) => {
    const ruleSample = pairs.ruleSamples[r];
    if (
      rule.isEstimatedOn === false ||
      !ruleSample ||
      ruleSample.first.length < MIN_TRAINING_PAIRS
    ) {
      return;
    }
    const blocked = new Set(rule.fields);
    const vectors: ComparisonVector[] = [];
    // Every pair a rule proposes is a candidate, already compared.
    for (const p of ruleSample.pair) {
      const vector = withAttributes(
        patternVector(patterns[p] ?? 0, false, '', ''),
        attributePatternOf(p),
      );
      vectors.push(withoutFields(vector, blocked));
    }
    // A mixture of matches and non-matches is identifiable only from two or more conditionally
    // independent fields: with one (a rule keyed on names and date, leaving only the document),
    // EM trades m against λ without end and m comes out as whatever it drifted to.
    const observedFields = LINKAGE_FIELDS.filter(
      (field) =>
        vectors.filter((vector) => !UNINFORMATIVE_LEVELS.has(vector.levels[field])).length >=
        MIN_TRAINING_PAIRS,
    );
    if (observedFields.length < MIN_TRAINING_FIELDS) {
      return;
    }
    trainedPairs += vectors.length;
    const trained = estimateModel(vectors, [], { fixedU });
    iterations += trained.iterations;
    hasConverged &&= trained.hasConverged;
    for (const field of LINKAGE_FIELDS) {
      if (!blocked.has(field)) {
        mSums[field].push([...trained.fields[field].m]);
      }
    }
  });
  const withRandomU = perFieldOf((field) => {
    const estimates = mSums[field];
    const { m: guess } = uOnly.fields[field];
    const u = fixedU[field];
    const m = estimates.length === 0 ? guess : combineRuleEstimates(field, estimates);
    return { m, u };
  });
  // λ among the candidates, by EM with m and u fixed, on a uniform sample of them.
  const sampleSize = Math.min(pairs.count, options.emSamplePairs ?? DEFAULT_EM_SAMPLE_PAIRS);
  const sampledPatterns = new Map<number, number>();
  const candidateOf = streamOf(2);
  for (let s = 0; s < sampleSize; s++) {
    const p = sampleSize === pairs.count ? s : Math.floor(candidateOf() * pairs.count);
    const key = (patterns[p] ?? 0) * ATTRIBUTE_PATTERN_COUNT + attributePatternOf(p);
    sampledPatterns.set(key, (sampledPatterns.get(key) ?? 0) + 1);
  }

  // u describes pairs at large, so the prior is that of a pair at large. It is estimated over
  // all n(n-1)/2 pairs, not as λ among candidates scaled down: candidates agree on their blocking
  // keys far more often than u (chance agreement at large) says, so at that prior EM counts their
  // strangers as matches (λ 0.72 on a million generated registrations, whose true share is 0.16,
  // which made the prior four times too high and the link threshold two bits too low). Over all
  // pairs, those blocking never proposed are taken as different people (the model gives them a
  // vanishing posterior) and the candidates are weighed by the sampled patterns.
  const allPairs = (count * (count - 1)) / 2;
  const sampledShare = sampleSize / Math.max(pairs.count, 1);
  const sharesOf = (fields: LinkageModel['fields']): { lambda: number; prior: number } => {
    const lambda = estimateMatchShare(sampledPatterns, fields, sampleSize, 0.1);
    const prior = Math.min(
      estimateMatchShare(
        sampledPatterns,
        fields,
        Math.max(allPairs, 1) * sampledShare,
        Math.max((lambda * pairs.count) / Math.max(allPairs, 1), 1e-12),
      ),
      0.5,
    );
    return { lambda, prior };
  };
  // The random pairs u is counted on hold the prior's share of matches: the same person's
  // registrations, which agree. In a small register with large identities that share is not
  // small (fake_1000: most exact e-mails and dates among random pairs), so u is taken back to
  // strangers at the prior, and the prior estimated again, until it settles (two or three
  // rounds; at a million records the first changes nothing).
  let shares = sharesOf(withRandomU);
  let fields = withRandomU;
  for (let round = 0; round < MAX_STRANGER_ROUNDS; round++) {
    const { prior } = shares;
    fields = perFieldOf((field) => ({
      m: withRandomU[field].m,
      u: uOfStrangers(field, withRandomU[field], prior),
    }));
    shares = sharesOf(fields);
    if (Math.abs(shares.prior - prior) <= prior * 0.001) {
      break;
    }
  }
  const { lambda, prior: priorMatchProbability } = shares;
  const model: LinkageModel = { lambda, fields, iterations, hasConverged };
  const priorWeight = logit2(priorMatchProbability);
  const thresholds: DedupThresholds = {
    priorMatchProbability,
    linkProbability: LINK_PROBABILITY,
    linkWeight: logit2(LINK_PROBABILITY) - priorWeight,
    contradictionProbability: CONTRADICTION_PROBABILITY,
    contradictionWeight: logit2(CONTRADICTION_PROBABILITY),
    agreeingMergeProbability: AGREEING_MERGE_PROBABILITY,
    agreeingMergeWeight: logit2(AGREEING_MERGE_PROBABILITY) - priorWeight,
  };
  endStep('estimate');

  const termFrequencies = countTermFrequencies(prepared);
  const weigh = createPairWeigher(model, prepared, termFrequencies);
  const weights = new Float32Array(pairs.count);
  // How steady given names are, on pairs that are one person without them and cannot be twins.
  let steadyPairs = 0;
  let differentPairs = 0;
  const isTwinShaped = new Uint8Array(pairs.count);
  const disagrees = new Uint8Array(pairs.count);
  let linkCount = 0;
  let twinShapedLinkCount = 0;
  for (let p = 0; p < pairs.count; p++) {
    const pattern = patterns[p] ?? 0;
    const [second, first, swapped] = [
      pairs.second[p] ?? 0,
      pairs.first[p] ?? 0,
      isSwapped[p] === 1,
    ];
    const attributePattern = attributePatternOf(p);
    const weight = weigh(pattern, second, first, swapped) + weigh.ofAttributes(attributePattern);
    weights[p] = weight;
    isTwinShaped[p] = weigh.isDisputed(pattern, second, first) ? 1 : 0;
    disagrees[p] = weigh.disagrees(pattern, attributePattern) ? 1 : 0;
    if (weight >= thresholds.linkWeight) {
      linkCount += 1;
      twinShapedLinkCount += isTwinShaped[p] ?? 0;
    }
    const steadiness = weigh.givenNameSteadiness(pattern);
    if (
      steadiness !== NOT_TELLING &&
      weight - weigh.givenNamePart(pattern, second, first, swapped) >= thresholds.linkWeight
    ) {
      steadyPairs += 1;
      differentPairs += steadiness === DIFFERENT_GIVEN_NAMES ? 1 : 0;
    }
  }
  const steadiness = { pairs: steadyPairs, differentPairs };
  const twinsRule = { ...steadiness, isApplied: givenNamesTellTwinsApart(steadiness) };
  const disputedLinkCount = twinsRule.isApplied ? twinShapedLinkCount : 0;
  const isDisputedAt = (p: number): boolean => twinsRule.isApplied && isTwinShaped[p] === 1;
  endStep('score');

  // Record ids to positions only for a reviewer's decisions: a map of a million ids costs a
  // second and much of a collection.
  let positionOf: Map<string, number> | undefined;
  const knownPairs = (constraints: readonly RecordPair[] | undefined): [number, number][] => {
    if (!constraints || constraints.length === 0) {
      return [];
    }
    positionOf ??= new Map(records.map((record, position) => [record.id, position]));
    const positions = positionOf;
    return constraints.flatMap(([a, b]) => {
      const x = positions.get(a);
      const y = positions.get(b);
      return x !== undefined && y !== undefined && x !== y ? [[x, y]] : [];
    });
  };
  const mustLink = knownPairs(options.mustLink);
  const cannotLink = knownPairs(options.cannotLink);

  // Records that no followed link or must-link joins stay alone; the others are clustered per
  // group (connected component of those links), which is exact: no merge crosses groups.
  const groups = createUnionFind(count);
  for (let p = 0; p < pairs.count; p++) {
    if ((weights[p] ?? 0) >= thresholds.linkWeight && !isDisputedAt(p)) {
      groups.union(pairs.first[p] ?? 0, pairs.second[p] ?? 0);
    }
  }
  for (const [x, y] of mustLink) {
    groups.union(x, y);
  }
  const groupOf = new Int32Array(count);
  const groupSize = new Int32Array(count);
  for (let position = 0; position < count; position++) {
    const group = groups.find(position);
    groupOf[position] = group;
    groupSize[group] = (groupSize[group] ?? 0) + 1;
  }
  const membersOf = new Map<number, number[]>();
  for (let position = 0; position < count; position++) {
    const group = groupOf[position] ?? position;
    if ((groupSize[group] ?? 0) > 1) {
      const members = membersOf.get(group);
      if (members) {
        members.push(position);
      } else {
        membersOf.set(group, [position]);
      }
    }
  }
  const pairsOf = new Map<number, number[]>();
  for (let p = 0; p < pairs.count; p++) {
    const group = groupOf[pairs.first[p] ?? 0] ?? -1;
    if (group === groupOf[pairs.second[p] ?? 0] && (groupSize[group] ?? 0) > 1) {
      const list = pairsOf.get(group);
      if (list) {
        list.push(p);
      } else {
        pairsOf.set(group, [p]);
      }
    }
  }
  const constraintsOf = (constraints: readonly [number, number][]): Map<number, RecordPair[]> => {
    const byGroup = new Map<number, RecordPair[]>();
    for (const [x, y] of constraints) {
      const group = groupOf[x] ?? -1;
      if (group === groupOf[y]) {
        const pair: RecordPair = [records[x]?.id ?? '', records[y]?.id ?? ''];
        byGroup.set(group, [...(byGroup.get(group) ?? []), pair]);
      }
    }
    return byGroup;
  };
  const mustLinkOf = constraintsOf(mustLink);
  const cannotLinkOf = constraintsOf(cannotLink);

  const clusters: string[][] = [];
  const clusterOf = new Int32Array(count).fill(-1);
  let refusedLinkCount = 0;
  const constraintConflicts: RecordPair[] = [];
  const idOf = (position: number): string => records[position]?.id ?? '';
  for (const [group, members] of membersOf) {
    const localPosition = new Map(members.map((position) => [idOf(position), position]));
    const links = (pairsOf.get(group) ?? []).map((p): ScoredLink => ({
      a: idOf(pairs.first[p] ?? 0),
      b: idOf(pairs.second[p] ?? 0),
      weight: weights[p] ?? 0,
      isDisputed: isDisputedAt(p),
      disagrees: disagrees[p] === 1,
    }));
    const result = clusterIdentities(members.map(idOf), links, {
      linkWeight: thresholds.linkWeight,
      contradictionWeight: thresholds.contradictionWeight,
      agreeingAverageWeight: thresholds.agreeingMergeWeight,
      mustLink: mustLinkOf.get(group),
      cannotLink: cannotLinkOf.get(group),
      // A pair across a merge that blocking never proposed is compared now, so that a chain
      // through it is refused when the two records disagree.
      scoreUnscoredPair: (a, b) => {
        const x = localPosition.get(a) ?? 0;
        const y = localPosition.get(b) ?? 0;
        comparer.compare(x, y, compared);
        const attributePattern = attributes.compare(x, y);
        return {
          weight:
            weigh(compared.pattern, y, x, compared.isSwapped) +
            weigh.ofAttributes(attributePattern),
          disagrees: weigh.disagrees(compared.pattern, attributePattern),
        };
      },
    });
    refusedLinkCount += result.refusedLinks.length;
    constraintConflicts.push(...result.constraintConflicts);
    for (const cluster of result.clusters) {
      for (const id of cluster) {
        clusterOf[localPosition.get(id) ?? 0] = clusters.length;
      }
      clusters.push([...cluster]);
    }
  }
  for (let position = 0; position < count; position++) {
    if (clusterOf[position] === -1) {
      clusterOf[position] = clusters.length;
      clusters.push([idOf(position)]);
    }
  }
  endStep('cluster');

  return {
    clusters,
    clusterOf,
    termFrequencies,
    candidatePairs: { first: pairs.first, second: pairs.second, weights, isTwinShaped },
    report: {
      recordCount: count,
      candidatePairCount: pairs.count,
      rules: pairs.rules,
      em: {
        sampledPairs: trainedPairs,
        randomPairs: randomVectors.length,
        iterations: model.iterations,
        hasConverged: model.hasConverged,
      },
      model,
      thresholds,
      linkCount,
      disputedLinkCount,
      twinsRule,
      refusedLinkCount,
      constraintConflicts,
      clusterCount: clusters.length,
      largestClusterSize: clusters.reduce(
        (largest, cluster) => Math.max(largest, cluster.length),
        0,
      ),
      timingsMs,
    },
  };
}

interface PairWeigher {
  /** The pair's match weight, as scorePair computes it with term frequencies. */
  (pattern: number, second: number, first: number, isSwapped: boolean): number;
  /** As isDisputedPair with the register's given names: different, not a slip, no document. */
  isDisputed: (pattern: number, second: number, first: number) => boolean;
  /** The weight of a pair's places and postcodes (attribute-patterns.ts). */
  ofAttributes: (attributePattern: number) => number;
  /** Whether some field of the pair weighs against it or gives another value (saysDifferent). */
  disagrees: (pattern: number, attributePattern: number) => boolean;
  /** What the given names add to the pair's weight (their level, name frequency and sex). */
  givenNamePart: (pattern: number, second: number, first: number, isSwapped: boolean) => number;
  /** Whether a pattern tells how steady given names are (GivenNameSteadiness), and how. */
  givenNameSteadiness: (pattern: number) => number;
}

/** givenNameSteadiness: not a pair that can tell (a twin's shape, or a given name missing). */
const NOT_TELLING = 0;
const SAME_GIVEN_NAMES = 1;
const DIFFERENT_GIVEN_NAMES = 2;

/**
 * scorePair without a ComparisonVector per pair: the weight of each pattern once, plus the
 * term-frequency correction of the second record's given name and family name.
 */
function createPairWeigher(
  model: LinkageModel,
  prepared: readonly PreparedRecord[],
  termFrequencies: TermFrequencies,
): PairWeigher {
  const levelWeight = LINKAGE_FIELDS.map((field) =>
    LINKAGE_LEVELS[field].map((level, index) => {
      if (level === 'missing' || level === 'not-comparable') {
        return 0;
      }
      const m = model.fields[field].m[index] ?? 1;
      const u = model.fields[field].u[index] ?? 1;
      return Math.log2(m / u);
    }),
  );
  // Per field and level: the level gives another value, or the model weighs it against a pair.
  const levelDisagrees = LINKAGE_FIELDS.map((field, f) =>
    LINKAGE_LEVELS[field].map(
      (level, index) => saysDifferent(field, level) || (levelWeight[f]?.[index] ?? 0) < 0,
    ),
  );
  const exact = NAME_MATCH_LEVELS.indexOf('exact');
  const equivalent = NAME_MATCH_LEVELS.indexOf('equivalent');
  const sameSex = SEX_MATCH_LEVELS.indexOf('same');
  // scorePair's sexU: namesakes share their sex, so for them a shared sex weighs (nearly) nothing.
  const sameSexAmongNamesakes = termFrequencies.givenNameContext?.sameSexShare;
  const sameSexWeightOfNamesakes =
    sameSexAmongNamesakes === undefined
      ? (levelWeight[LINKAGE_FIELDS.indexOf('sex')]?.[sameSex] ?? 0)
      : Math.log2(
          (model.fields.sex.m[sameSex] ?? 1) /
            Math.max(model.fields.sex.u[sameSex] ?? 1, sameSexAmongNamesakes),
        );
  /** What an agreeing given name takes off a shared sex: namesakes share their sex. */
  const sexAmongNamesakes = (levels: PatternLevels): number =>
    levels.sex === sameSex && (levels.givenName === exact || levels.givenName === equivalent)
      ? sameSexWeightOfNamesakes - (levelWeight[LINKAGE_FIELDS.indexOf('sex')]?.[sameSex] ?? 0)
      : 0;
  const patternWeight = new Float64Array(PATTERN_COUNT).fill(Number.NaN);
  const baseWeight = (pattern: number): number => {
    let weight = patternWeight[pattern] ?? Number.NaN;
    if (Number.isNaN(weight)) {
      const levels = decodePattern(pattern);
      weight = PATTERN_FIELDS.reduce(
        (sum, field, f) => sum + (levelWeight[f]?.[levels[field]] ?? 0),
        0,
      );
      weight += sexAmongNamesakes(levels);
      patternWeight[pattern] = weight;
    }
    return weight;
  };
  // log2(u / adjusted u) per record for an agreement on its value (scorePair's adjustment).
  const correction = (
    frequencies: ValueFrequencies,
    share: number | undefined,
    u: number,
  ): number => {
    if (share === undefined || frequencies.typicalAgreedShare === 0) {
      return 0;
    }
    return Math.log2(u / Math.min(1, (u * share) / frequencies.typicalAgreedShare));
  };
  const given = model.fields.givenName.u;
  const family = model.fields.familyName.u;
  const termCorrections = (
    frequencies: ValueFrequencies,
    uOf: readonly number[],
    shareOf: (index: number) => number | undefined,
  ): [Float32Array, Float32Array] => {
    const atExact = new Float32Array(prepared.length);
    const atEquivalent = new Float32Array(prepared.length);
    for (let index = 0; index < prepared.length; index++) {
      const share = shareOf(index);
      atExact[index] = correction(frequencies, share, uOf[exact] ?? 1);
      atEquivalent[index] = correction(frequencies, share, uOf[equivalent] ?? 1);
    }
    return [atExact, atEquivalent];
  };
  const givenShareOf = (index: number): number | undefined =>
    termFrequencies.givenName.shares.get(prepared[index]?.givenClass ?? '');
  const [givenAtExact, givenAtEquivalent] = termCorrections(
    termFrequencies.givenName,
    given,
    givenShareOf,
  );
  // For pairs born in one decade: the name's share among those born then (scorePair's
  // givenNameShareInDecade), or the register's where too few were.
  const [givenInDecadeAtExact, givenInDecadeAtEquivalent] = termCorrections(
    termFrequencies.givenName,
    given,
    (index) => {
      const record = prepared[index];
      const decade = birthDecadeOf(record?.birthYear ?? '');
      const share =
        record && decade !== ''
          ? termFrequencies.givenNameContext?.shareInDecade(decade, record.givenClass)
          : undefined;
      return share === undefined || share === 0 ? givenShareOf(index) : share;
    },
  );
  const [familyAtExact, familyAtEquivalent] = termCorrections(
    termFrequencies.familyName,
    family,
    (index) => termFrequencies.familyName.shares.get(prepared[index]?.familyPhonetic ?? ''),
  );
  const datesOfOneDecade = new Set(
    DATES_OF_ONE_DECADE.map((level) => DATE_MATCH_LEVELS.indexOf(level)),
  );
  // Per pattern, worked out on first sight: bit 0 given exact, 1 given equivalent, 2 family
  // exact, 3 family equivalent, 4 disputed, 5 birth dates of one decade, 6 a field that
  // disagrees (levelDisagrees); bit 7 marks the pattern as known.
  const flags = new Uint8Array(PATTERN_COUNT);
  const flagsOf = (pattern: number): number => {
    let known = flags[pattern] ?? 0;
    if (known === 0) {
      const levels = decodePattern(pattern);
      known =
        128 |
        (levels.givenName === exact ? 1 : 0) |
        (levels.givenName === equivalent ? 2 : 0) |
        (levels.familyName === exact ? 4 : 0) |
        (levels.familyName === equivalent ? 8 : 0) |
        (isDisputedByLevels(
          NAME_MATCH_LEVELS[levels.givenName] ?? 'missing',
          DOCUMENT_MATCH_LEVELS[levels.document] ?? 'missing',
        )
          ? 16
          : 0) |
        (datesOfOneDecade.has(levels.birthDate) ? 32 : 0) |
        (PATTERN_FIELDS.some((field, f) => levelDisagrees[f]?.[levels[field]] === true) ? 64 : 0);
      flags[pattern] = known;
    }
    return known;
  };
  // The agreed value's frequency is read off the second record, as scorePair does. When the
  // names agree only exchanged, either record may be the one written the wrong way round, and a
  // surname read as a given name looks very rare: the smaller correction of the two is taken.
  const pick = (corrections: Float32Array, second: number, first: number, isSwapped: boolean) =>
    isSwapped
      ? Math.min(corrections[second] ?? 0, corrections[first] ?? 0)
      : (corrections[second] ?? 0);
  /** The given name's frequency correction of an agreement. */
  const givenTerm = (known: number, second: number, first: number, isSwapped: boolean): number => {
    const isOneDecade = (known & 32) !== 0;
    if (known & 1) {
      return pick(isOneDecade ? givenInDecadeAtExact : givenAtExact, second, first, isSwapped);
    }
    if (known & 2) {
      return pick(
        isOneDecade ? givenInDecadeAtEquivalent : givenAtEquivalent,
        second,
        first,
        isSwapped,
      );
    }
    return 0;
  };
  const weigher = (pattern: number, second: number, first: number, isSwapped: boolean): number => {
    const known = flagsOf(pattern);
    let weight = baseWeight(pattern) + givenTerm(known, second, first, isSwapped);
    if (known & 4) {
      weight += pick(familyAtExact, second, first, isSwapped);
    } else if (known & 8) {
      weight += pick(familyAtEquivalent, second, first, isSwapped);
    }
    return weight;
  };
  // isDisputedPair's slip of the pen: how many records carry each given name.
  let givenNameCount = 0;
  for (const record of prepared) {
    givenNameCount += record.givenClass === '' ? 0 : 1;
  }
  // Per record, made on first need: most records are never in a pair a given name disputes.
  const spellings = new Array<GivenNameSpelling | undefined>(prepared.length);
  const spellingOf = (index: number): GivenNameSpelling => {
    let spelling = spellings[index];
    if (spelling === undefined) {
      const record = prepared[index];
      const share = termFrequencies.givenName.shares.get(record?.givenClass ?? '') ?? 0;
      spelling = {
        canonical: record?.givenCanonical ?? '',
        key: record?.givenPhonetic ?? '',
        carriedBy: Math.round(share * givenNameCount),
      };
      spellings[index] = spelling;
    }
    return spelling;
  };
  weigher.isDisputed = (pattern: number, second: number, first: number): boolean =>
    (flagsOf(pattern) & 16) !== 0 && !isSlipOfThePen(spellingOf(second), spellingOf(first));
  // What baseWeight takes from the given name: its level, and the sex's share that an agreeing
  // given name makes (namesakes share their sex).
  const givenPatternWeight = new Float64Array(PATTERN_COUNT).fill(Number.NaN);
  weigher.givenNamePart = (
    pattern: number,
    second: number,
    first: number,
    isSwapped: boolean,
  ): number => {
    let weight = givenPatternWeight[pattern] ?? Number.NaN;
    if (Number.isNaN(weight)) {
      const levels = decodePattern(pattern);
      weight =
        (levelWeight[LINKAGE_FIELDS.indexOf('givenName')]?.[levels.givenName] ?? 0) +
        sexAmongNamesakes(levels);
      givenPatternWeight[pattern] = weight;
    }
    return weight + givenTerm(flagsOf(pattern), second, first, isSwapped);
  };
  // givenNameSteadiness per pattern, plus one (0: not worked out yet).
  const steadinessPlusOne = new Uint8Array(PATTERN_COUNT);
  weigher.givenNameSteadiness = (pattern: number): number => {
    let known = steadinessPlusOne[pattern] ?? 0;
    if (known === 0) {
      const levels = decodePattern(pattern);
      const givenName = NAME_MATCH_LEVELS[levels.givenName] ?? 'missing';
      const isTelling =
        givenName !== 'missing' &&
        cannotBeTwins(
          DATE_MATCH_LEVELS[levels.birthDate] ?? 'missing',
          DOCUMENT_MATCH_LEVELS[levels.document] ?? 'missing',
        );
      known =
        1 +
        (!isTelling
          ? NOT_TELLING
          : givenName === 'different'
            ? DIFFERENT_GIVEN_NAMES
            : SAME_GIVEN_NAMES);
      steadinessPlusOne[pattern] = known;
    }
    return known - 1;
  };
  const attributeFields = ['birthPlace', 'residence', 'postcode'] as const;
  const attributeWeights = new Float64Array(ATTRIBUTE_PATTERN_COUNT);
  const attributesDisagree = new Uint8Array(ATTRIBUTE_PATTERN_COUNT);
  for (let pattern = 0; pattern < ATTRIBUTE_PATTERN_COUNT; pattern++) {
    const levels = decodeAttributes(pattern);
    let weight = 0;
    let disagrees = false;
    for (const field of attributeFields) {
      const f = LINKAGE_FIELDS.indexOf(field);
      weight += levelWeight[f]?.[levels[field]] ?? 0;
      disagrees ||= levelDisagrees[f]?.[levels[field]] === true;
    }
    attributeWeights[pattern] = weight;
    attributesDisagree[pattern] = disagrees ? 1 : 0;
  }
  weigher.ofAttributes = (attributePattern: number): number =>
    attributeWeights[attributePattern] ?? 0;
  weigher.disagrees = (pattern: number, attributePattern: number): boolean =>
    (flagsOf(pattern) & 64) !== 0 || attributesDisagree[attributePattern] === 1;
  return weigher;
}
