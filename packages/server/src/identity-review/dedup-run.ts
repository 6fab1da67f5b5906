/**
 * `haven identity dedup` over the database (#3 item 5): read every person not erased, resolve
 * identities with the review decisions as constraints, and replace the stored clusters and the
 * pending review queue in one transaction with its audit entry. A run that fails leaves the
 * previous result whole.
 */
import { randomUUID } from 'node:crypto';
import {
  constraintsFromDecisions,
  deduplicatePersons,
  REVIEW_REASONS,
  selectReviewPairs,
  type DedupReport,
  type PairDecision,
  type PersonRecord,
  type RecordPair,
  type ReviewReason,
} from '@haven/core/identity';
import { appendAudit, operatorActor, SYSTEM_CHAIN } from '../audit/append.js';
import { compareInThreads } from '../identity/compare-in-threads.js';
import type { Db } from '../db/open.js';
import type { Keyring } from '../protection/keyring.js';
import {
  DEDUP_READ_CHUNK,
  readDedupPersons,
  readReviewDecisions,
  replaceDedupResult,
  type NewDedupRun,
} from './queries.js';

export interface DedupRunOptions {
  /** Persons per read query. */
  readonly chunkSize?: number | undefined;
  /** Called after each chunk read, with the persons read so far. */
  readonly onRead?: ((persons: number) => void) | undefined;
  /** The lower end of the uncertain band (REVIEW_PROBABILITY by default). */
  readonly reviewProbability?: number | undefined;
  /** Random pairs that seed u; fewer makes small test registers faster. */
  readonly randomPairs?: number | undefined;
}

export interface DedupRunSummary {
  readonly run: NewDedupRun;
  readonly report: DedupReport;
  readonly constraintConflicts: readonly RecordPair[];
  /** Pairs in the band left out of the queue by its size limit. */
  readonly reviewPairsLeftOut: number;
  /** Queued pairs by why they are asked. */
  readonly reviewReasons: Readonly<Record<ReviewReason, number>>;
}

/**
 * Reads the register and the decisions in one snapshot (so the decisions name persons the read
 * saw), chunk by chunk to keep each query small.
 */
async function readRegister(
  db: Db,
  keyring: Keyring,
  options: DedupRunOptions,
): Promise<{ records: PersonRecord[]; decisions: PairDecision[] }> {
  const chunkSize = options.chunkSize ?? DEDUP_READ_CHUNK;
  return db.transaction(
    async (tx) => {
      const records: PersonRecord[] = [];
      for (;;) {
        const chunk = await readDedupPersons(tx, keyring, records.at(-1)?.id, chunkSize);
        records.push(...chunk);
        options.onRead?.(records.length);
        if (chunk.length < chunkSize) {
          break;
        }
      }
      return { records, decisions: await readReviewDecisions(tx) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Resolves the identities of the whole register and stores them, audited. */
export async function runIdentityDedup(
  db: Db,
  keyring: Keyring,
  options: DedupRunOptions = {},
): Promise<DedupRunSummary> {
  const startedAt = new Date().toISOString();
  const { records, decisions } = await readRegister(db, keyring, options);
  const constraints = constraintsFromDecisions(decisions);
  const result = deduplicatePersons(records, {
    ...constraints,
    randomPairs: options.randomPairs,
    compareCandidates: compareInThreads,
    clock: () => performance.now(),
  });
  const band = selectReviewPairs(records, result, {
    reviewProbability: options.reviewProbability,
    decided: decisions.map(({ a, b }): RecordPair => [a, b]),
  });
  const { report } = result;
  const run: NewDedupRun = {
    id: randomUUID(),
    startedAt,
    finishedAt: new Date().toISOString(),
    persons: records.length,
    candidatePairs: report.candidatePairCount,
    clusters: report.clusterCount,
    multiPersonClusters: result.clusters.filter((cluster) => cluster.length > 1).length,
    largestCluster: report.largestClusterSize,
    mustLinks: constraints.mustLink.length,
    cannotLinks: constraints.cannotLink.length,
    constraintConflicts: report.constraintConflicts.length,
    reviewPairs: band.pairs.length,
    reviewProbability: band.reviewProbability,
    linkProbability: report.thresholds.linkProbability,
    priorMatchProbability: report.thresholds.priorMatchProbability,
    model: report.model,
    twinsRule: report.twinsRule,
  };
  await db.transaction(async (tx) => {
    await replaceDedupResult(tx, run, result.clusters, band.pairs);
    // Counts only: the run touches every country, so it is recorded on the system chain.
    await appendAudit(tx, [
      {
        ...operatorActor('identity dedup'),
        chain: SYSTEM_CHAIN,
        action: 'identity.dedup',
        resourceType: 'identity-dedup-run',
        resourceId: run.id,
        detail: {
          persons: run.persons,
          clusters: run.clusters,
          multiPersonClusters: run.multiPersonClusters,
          reviewPairs: run.reviewPairs,
          mustLinks: run.mustLinks,
          cannotLinks: run.cannotLinks,
          constraintConflicts: run.constraintConflicts,
          // Whether twins were held apart by their given names in this run.
          twinsRuleApplied: report.twinsRule.isApplied,
        },
      },
    ]);
  });
  return {
    run,
    report,
    constraintConflicts: report.constraintConflicts,
    reviewPairsLeftOut: band.leftOutCount,
    reviewReasons: Object.fromEntries(
      REVIEW_REASONS.map((reason) => [
        reason,
        band.pairs.filter((pair) => pair.reason === reason).length,
      ]),
    ) as Record<ReviewReason, number>,
  };
}
