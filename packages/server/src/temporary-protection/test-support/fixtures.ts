import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../../db/open.js';
import type { AuthHeaders, TestApi } from '../../test-support/factories.js';

type Json = Record<string, unknown>;

/** Facts of a Ukrainian adult from Kharkiv who crossed on 1 March 2022, passport seen. */
export function buildFacts(overrides: Json = {}): Json {
  return {
    birthDate: '1985-04-12',
    nationality: 'UKR',
    residedInUkraineBeforeInvasion: true,
    leftUkraineOn: '2022-03-01',
    arrivedOn: '2022-03-01',
    evidence: ['ukrainian-nationality'],
    ...overrides,
  };
}

export async function assess(
  api: TestApi,
  personId: string,
  body: Json,
  headers: AuthHeaders = api.caseworker,
): Promise<LightMyRequestResponse> {
  return api.post(`/api/v1/persons/${personId}/eligibility-assessments`, body, headers);
}

/** Assesses (eligible facts), confirms and grants in a country; answers the grant's response. */
export async function grantProtection(
  api: TestApi,
  personId: string,
  countryCode: string,
  options: { headers?: AuthHeaders; effectiveOn?: string; facts?: Json } = {},
): Promise<LightMyRequestResponse> {
  const headers = options.headers ?? api.caseworker;
  const effectiveOn = options.effectiveOn ?? '2022-03-10';
  const assessed = await assess(
    api,
    personId,
    { countryCode, onDate: effectiveOn, facts: options.facts ?? buildFacts() },
    headers,
  );
  if (assessed.statusCode !== 201) {
    throw new Error(`assessment failed: ${assessed.body}`);
  }
  const { id } = assessed.json<{ id: string }>();
  const confirmed = await api.post(
    `/api/v1/eligibility-assessments/${id}/decision`,
    { outcome: 'confirmed' },
    headers,
  );
  if (confirmed.statusCode !== 200) {
    throw new Error(`confirmation failed: ${confirmed.body}`);
  }
  return api.post(
    `/api/v1/persons/${personId}/protection/events`,
    { countryCode, status: 'granted', effectiveOn },
    headers,
  );
}

/** Puts persons in one identity cluster, as the newest dedup run would. */
export async function clusterPersons(db: Db, personIds: readonly string[]): Promise<void> {
  const runId = randomUUID();
  const now = new Date().toISOString();
  await db.execute(sql`INSERT INTO identity_dedup_runs (id, started_at, finished_at, persons,
      candidate_pairs, clusters, multi_person_clusters, largest_cluster, must_links, cannot_links,
      constraint_conflicts, review_pairs, review_probability, link_probability,
      prior_match_probability, model)
    VALUES (${runId}, ${now}, ${now}, ${personIds.length}, 1, 1, 1, ${personIds.length}, 0, 0, 0,
      0, 0.5, 0.99, 0.001, '{}'::jsonb)`);
  const clusterId = [...personIds].sort()[0] ?? '';
  for (const personId of personIds) {
    await db.execute(sql`INSERT INTO identity_clusters (person_id, cluster_id, run_id)
      VALUES (${personId}, ${clusterId}, ${runId})
      ON CONFLICT (person_id) DO UPDATE SET cluster_id = excluded.cluster_id, run_id = excluded.run_id`);
  }
}
