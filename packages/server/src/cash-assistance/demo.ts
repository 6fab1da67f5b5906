/**
 * What the demo data (`haven demo-data`) needs beyond the API's functions: the households with an
 * active protection status in a country, and the identity engine's verdict that two records are
 * one person (as `haven identity dedup` would write it after matching their documents).
 */
import { randomUUID } from 'node:crypto';
import { isActiveStatus } from '@haven/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { currentProtectionStatuses } from '../temporary-protection/current-status.js';

export interface ProtectedHousehold {
  readonly householdId: string;
  /** Members whose current status in the country is active, in household order. */
  readonly personIds: readonly string[];
}

/** Up to `limit` households with at least one member holding active protection in the country. */
export async function householdsWithActiveProtection(
  db: Db,
  countryCode: string,
  limit: number,
): Promise<ProtectedHousehold[]> {
  const rows = await queryRows<{ household_id: string; person_ids: string[] }>(
    db,
    sql`SELECT p.household_id, array_agg(p.id::text ORDER BY p.position) AS person_ids
          FROM persons p
         WHERE p.erased_at IS NULL
           AND EXISTS (SELECT 1 FROM protection_status_events s
                        WHERE s.person_id = p.id AND s.country_code = ${countryCode})
         GROUP BY p.household_id
         ORDER BY min(p.created_at), p.household_id
         LIMIT ${limit * 3}`,
  );
  const statuses = await currentProtectionStatuses(
    db,
    rows.flatMap((row) => row.person_ids),
  );
  return rows
    .map((row) => ({
      householdId: row.household_id,
      personIds: row.person_ids.filter((personId) =>
        (statuses.get(personId) ?? []).some(
          (status) => status.countryCode === countryCode && isActiveStatus(status.status),
        ),
      ),
    }))
    .filter((household) => household.personIds.length > 0)
    .slice(0, limit);
}

/** Records two persons as one identity, as a dedup run does (demo only). */
export async function recordSameIdentityForDemo(
  db: Db,
  personIds: readonly string[],
): Promise<void> {
  const runId = randomUUID();
  const clusterId = [...personIds].sort()[0] ?? '';
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`INSERT INTO identity_dedup_runs (id, started_at, finished_at, persons, candidate_pairs,
            clusters, multi_person_clusters, largest_cluster, must_links, cannot_links,
            constraint_conflicts, review_pairs, review_probability, link_probability,
            prior_match_probability, model)
          VALUES (${runId}, now(), now(), ${personIds.length}, 1, 1, 1, ${personIds.length}, 0, 0,
            0, 0, 0.5, 0.9, 0.01, '{"source":"demo-data"}')`,
    );
    await tx.execute(
      sql`INSERT INTO identity_clusters (person_id, cluster_id, run_id)
          SELECT unnest(${sql.param([...personIds])}::uuid[]), ${clusterId}, ${runId}
          ON CONFLICT (person_id) DO UPDATE SET cluster_id = EXCLUDED.cluster_id, run_id = EXCLUDED.run_id`,
    );
  });
}
