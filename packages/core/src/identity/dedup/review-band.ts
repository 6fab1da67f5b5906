/**
 * The uncertain band of a batch run (#3 item 6): pairs the model neither merged with confidence
 * nor ruled out, which a person must look at. A pair enters the review queue when its match
 * probability is at least REVIEW_PROBABILITY and its records ended in different identities:
 *   - below LINK_PROBABILITY: too weak to merge on its own;
 *   - at or above it but not followed: a disputed pair (twins: different given names, neither
 *     a slip of the pen, no shared document) or a merge refused because it would have chained
 *     strangers.
 * A pair already in one identity is not asked about, stronger links decided it, with one
 * exception: where the register's given names were too unsteady for the twins rule
 * (givenNamesTellTwinsApart), a pair the rule would have held apart as twins and that ended in
 * one identity is queued whatever its probability, so that a person decides on the twins the
 * batch could not tell: after the uncertain band, once per record, at most MAX_TWIN_REVIEW_PAIRS.
 * Probabilities are posteriors with the prior of a pair at large (DedupThresholds), so both
 * ends of the band are probabilities, never weights tuned to one data set.
 */
import { prepareRecord, type PersonRecord, type PreparedRecord } from '../linkage/person-record.js';
import { compareRecords } from '../linkage/comparison-vector.js';
import { scorePair, type FieldContribution } from '../linkage/fellegi-sunter.js';
import type { RecordPair } from '../linkage/clustering.js';
import { LINK_PROBABILITY, type DedupResult } from './deduplicate-persons.js';
import type { ReviewReason } from './review-reasons.js';

export { REVIEW_REASONS, type ReviewReason } from './review-reasons.js';

/** The lower end of the uncertain band: at least as likely one person as not. */
export const REVIEW_PROBABILITY = 0.5;
/** The upper end: the probability at which the batch merges on its own (deduplicate-persons). */
export const REVIEW_UPPER_PROBABILITY = LINK_PROBABILITY;
/** A run queues at most this many pairs, most likely first; the rest wait for the next run. */
export const MAX_REVIEW_PAIRS = 50_000;
/**
 * Of those, at most this many merged pairs the twins rule would have held apart (where the
 * register's given names were too unsteady for it): they must not crowd out the uncertain band.
 */
export const MAX_TWIN_REVIEW_PAIRS = 5_000;

export interface ReviewPair {
  readonly a: string;
  readonly b: string;
  /** log2 Bayes factor: the sum of the contributions' weights. */
  readonly matchWeight: number;
  /** Posterior probability of one person, with the prior of a pair at large. */
  readonly matchProbability: number;
  readonly contributions: readonly FieldContribution[];
  readonly reason: ReviewReason;
}

export interface ReviewBandOptions {
  readonly reviewProbability?: number | undefined;
  readonly maxPairs?: number | undefined;
  /** Pairs a reviewer already decided: never queued again. */
  readonly decided?: readonly RecordPair[] | undefined;
}

export interface ReviewBand {
  readonly pairs: readonly ReviewPair[];
  readonly reviewProbability: number;
  readonly reviewWeight: number;
  /** Pairs in the band that did not fit under maxPairs. */
  readonly leftOutCount: number;
}

/** A pair picked for review, by record position, with its batch weight and why it is asked. */
interface Candidate {
  readonly x: number;
  readonly y: number;
  readonly weight: number;
  readonly reason: ReviewReason;
}

const logit2 = (probability: number): number => Math.log2(probability / (1 - probability));
const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * Picks a batch run's pairs for review, each with the weight every field contributed.
 * @example selectReviewPairs(records, deduplicatePersons(records)).pairs[0] // { a, b, matchProbability: 0.93, contributions }
 */
export function selectReviewPairs(
  records: readonly PersonRecord[],
  result: DedupResult,
  options: ReviewBandOptions = {},
): ReviewBand {
  const { thresholds, model } = result.report;
  const reviewProbability = options.reviewProbability ?? REVIEW_PROBABILITY;
  const priorWeight = logit2(thresholds.priorMatchProbability);
  const reviewWeight = logit2(reviewProbability) - priorWeight;
  const decided = new Set((options.decided ?? []).map(([a, b]) => pairKey(a, b)));
  const { first, second, weights, isTwinShaped } = result.candidatePairs;
  const isTwinsRuleApplied = result.report.twinsRule.isApplied;

  const chosen: Candidate[] = [];
  // Merged pairs the twins rule would have held apart: one per record, after the uncertain band.
  const twins: Candidate[] = [];
  const seen = new Set<string>();
  for (let p = 0; p < weights.length; p++) {
    const weight = weights[p] ?? 0;
    const x = first[p] ?? 0;
    const y = second[p] ?? 0;
    const isMerged = result.clusterOf[x] === result.clusterOf[y];
    const isUnguardedTwin = isMerged && !isTwinsRuleApplied && isTwinShaped[p] === 1;
    if (!isUnguardedTwin && (weight < reviewWeight || isMerged)) {
      continue;
    }
    const key = pairKey(records[x]?.id ?? '', records[y]?.id ?? '');
    if (!decided.has(key) && !seen.has(key)) {
      seen.add(key);
      if (isUnguardedTwin) {
        twins.push({ x, y, weight, reason: 'merged-given-names-differ' });
      } else {
        chosen.push({
          x,
          y,
          weight,
          reason: weight >= thresholds.linkWeight ? 'held-apart' : 'uncertain',
        });
      }
    }
  }
  chosen.sort((p, q) => q.weight - p.weight);
  const maxPairs = options.maxPairs ?? MAX_REVIEW_PAIRS;
  const kept = chosen.slice(0, maxPairs);
  // A record merged with several records of the other twin is asked about once.
  const asked = new Set<number>();
  const twinRoom = Math.min(maxPairs - kept.length, MAX_TWIN_REVIEW_PAIRS);
  let twinsKept = 0;
  let twinsLeftOut = 0;
  for (const pair of twins.sort((p, q) => q.weight - p.weight)) {
    if (asked.has(pair.x) || asked.has(pair.y)) {
      continue;
    }
    if (twinsKept >= twinRoom) {
      twinsLeftOut += 1;
      continue;
    }
    asked.add(pair.x);
    asked.add(pair.y);
    kept.push(pair);
    twinsKept += 1;
  }
  if (kept.length === 0) {
    return { pairs: [], reviewProbability, reviewWeight, leftOutCount: 0 };
  }

  // The explanation is scorePair's, with the run's model and the register's name frequencies;
  // only the records of the kept pairs are prepared again.
  const { termFrequencies } = result;
  const prepared = new Map<number, PreparedRecord>();
  const preparedAt = (position: number): PreparedRecord | undefined => {
    let record = prepared.get(position);
    const raw = records[position];
    if (record === undefined && raw !== undefined) {
      record = prepareRecord(raw);
      prepared.set(position, record);
    }
    return record;
  };
  const pairs = kept.flatMap(({ x, y, reason }): ReviewPair[] => {
    const a = preparedAt(x);
    const b = preparedAt(y);
    if (!a || !b) {
      return [];
    }
    const score = scorePair(model, compareRecords(a, b), { termFrequencies });
    const [first, second] = a.record.id < b.record.id ? [a, b] : [b, a];
    return [
      {
        a: first.record.id,
        b: second.record.id,
        matchWeight: score.matchWeight,
        matchProbability: 1 / (1 + 2 ** -(priorWeight + score.matchWeight)),
        contributions: score.contributions,
        reason,
      },
    ];
  });
  return {
    pairs,
    reviewProbability,
    reviewWeight,
    leftOutCount: Math.max(0, chosen.length - maxPairs) + twinsLeftOut,
  };
}
