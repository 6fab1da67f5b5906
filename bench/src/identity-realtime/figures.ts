/** Latency percentiles and retrieval figures of a run of lookups. */
import type { Lookup } from './lookup-set.js';

export interface LatencyFigures {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Nearest-rank percentiles. */
export function summariseLatencies(latenciesMs: readonly number[]): LatencyFigures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (share: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ??
    Number.NaN;
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: at(1) };
}

export interface RetrievalFigures {
  /** Returning people: the share of their indexed registrations in the top ten (at most ten). */
  readonly recallAt10: number;
  /** Returning people with at least one registration of theirs in the top ten. */
  readonly hitAt10: number;
  /** Returning people whose first result is one of their registrations. */
  readonly top1: number;
  readonly returningCount: number;
}

/** Scores the ids each lookup returned, best first, against the truth. */
export function scoreRetrieval(
  lookups: readonly Lookup[],
  results: readonly (readonly string[])[],
): RetrievalFigures {
  let [recall, hits, top1, returning] = [0, 0, 0, 0];
  lookups.forEach(({ truth }, at) => {
    if (truth.size === 0) {
      return;
    }
    const top10 = (results[at] ?? []).slice(0, 10);
    const found = top10.filter((id) => truth.has(id)).length;
    returning += 1;
    recall += found / Math.min(10, truth.size);
    hits += found > 0 ? 1 : 0;
    top1 += truth.has(top10[0] ?? '') ? 1 : 0;
  });
  const share = (count: number): number => (returning > 0 ? count / returning : Number.NaN);
  return {
    recallAt10: share(recall),
    hitAt10: share(hits),
    top1: share(top1),
    returningCount: returning,
  };
}
