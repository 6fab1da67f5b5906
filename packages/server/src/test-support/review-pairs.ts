import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ReviewReason } from '@haven/core';
import { queryRows, type Db } from '../db/open.js';
import { queueRankOf } from '../identity-review/queries.js';

/** Field weights as a run stores them: enough for the review view to show. */
const CONTRIBUTIONS = [
  { field: 'givenName', level: 'equivalent', weight: 4.5, isTermFrequencyAdjusted: true },
  { field: 'familyName', level: 'close', weight: 3.25, isTermFrequencyAdjusted: false },
  { field: 'patronymic', level: 'missing', weight: 0, isTermFrequencyAdjusted: false },
  { field: 'birthDate', level: 'exact', weight: 6, isTermFrequencyAdjusted: false },
  { field: 'sex', level: 'same', weight: 1, isTermFrequencyAdjusted: false },
  { field: 'document', level: 'different', weight: -8, isTermFrequencyAdjusted: false },
];

/**
 * Puts two persons in the review queue as a run would (a run row and a pending pair), without
 * running the batch: for tests of the queue API. Returns the pair's id (an existing one's when
 * a run already queued it).
 */
export async function queueReviewPair(
  db: Db,
  first: string,
  second: string,
  matchProbability = 0.9,
  queuedBecause: ReviewReason = 'uncertain',
): Promise<string> {
  const [a, b] = first < second ? [first, second] : [second, first];
  const runId = randomUUID();
  const now = new Date().toISOString();
  await db.execute(sql`INSERT INTO identity_dedup_runs (id, started_at, finished_at, persons,
      candidate_pairs, clusters, multi_person_clusters, largest_cluster, must_links, cannot_links,
      constraint_conflicts, review_pairs, review_probability, link_probability,
      prior_match_probability, model)
    VALUES (${runId}, ${now}, ${now}, 2, 1, 2, 0, 1, 0, 0, 0, 1, 0.5, 0.99, 0.001, '{}'::jsonb)`);
  // A pair a run already queued keeps its row.
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO identity_review_pairs (id, person_a_id, person_b_id, run_id,
      match_weight, match_probability, contributions, queued_because, queue_rank, queued_at)
    VALUES (${randomUUID()}, ${a}, ${b}, ${runId}, 6.75, ${matchProbability},
      ${JSON.stringify(CONTRIBUTIONS)}::jsonb, ${queuedBecause}, ${queueRankOf(queuedBecause)},
      ${now})
    ON CONFLICT (person_a_id, person_b_id) DO UPDATE SET id = identity_review_pairs.id
    RETURNING id`,
  );
  return row?.id ?? '';
}

/** Persons not erased, identity cluster rows, and audited dedup runs: what a run leaves behind. */
export async function countIdentityRows(
  db: Db,
): Promise<{ persons: number; clustered: number; runs: number }> {
  const [counts] = await queryRows<{ persons: number; clustered: number; runs: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM persons WHERE erased_at IS NULL) AS persons,
      (SELECT count(*)::int FROM identity_clusters) AS clustered,
      (SELECT count(*)::int FROM audit_log WHERE action = 'identity.dedup') AS runs`,
  );
  return counts ?? { persons: 0, clustered: 0, runs: 0 };
}
