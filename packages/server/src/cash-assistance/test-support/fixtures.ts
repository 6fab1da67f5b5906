import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../db/open.js';
import {
  buildPerson,
  buildRegistration,
  type AuthHeaders,
  type TestApi,
} from '../../test-support/factories.js';
import { grantProtection } from '../../temporary-protection/test-support/fixtures.js';

/** Registers a household of the given members in Poland; answers its id and member ids. */
export async function registerHousehold(
  api: TestApi,
  members: Record<string, unknown>[] = [buildPerson()],
): Promise<{ householdId: string; personIds: string[] }> {
  const response = await api.post(
    '/api/v1/registrations',
    buildRegistration(api.siteId, { household: { members } }),
  );
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json<{ householdId: string; members: { id: string }[] }>();
  return { householdId: body.householdId, personIds: body.members.map((member) => member.id) };
}

/** Grants protection in Poland through the caseworker's flow (assess, confirm, grant). */
export async function grantInPoland(api: TestApi, personId: string): Promise<void> {
  const granted = await grantProtection(api, personId, 'PL');
  expect(granted.statusCode, granted.body).toBe(201);
}

/**
 * A status recorded in another country's system, and the identity engine's verdict that two
 * records are one person (what `haven identity dedup` writes): set up directly.
 */
export async function recordForeignStatus(
  db: Db,
  personId: string,
  countryCode: string,
  status = 'granted',
) {
  await db.execute(
    sql`INSERT INTO protection_status_events (id, person_id, country_code, status, effective_on,
          recorded_at, recorded_by_name, reason)
        VALUES (${randomUUID()}, ${personId}, ${countryCode}, ${status}, '2022-04-01', now(), 'test',
          ${status === 'ceased' ? 'returned-to-ukraine' : null})`,
  );
}

export async function clusterAsOnePerson(db: Db, personIds: readonly string[]) {
  const runId = randomUUID();
  await db.execute(
    sql`INSERT INTO identity_dedup_runs (id, started_at, finished_at, persons, candidate_pairs,
          clusters, multi_person_clusters, largest_cluster, must_links, cannot_links,
          constraint_conflicts, review_pairs, review_probability, link_probability,
          prior_match_probability, model)
        VALUES (${runId}, now(), now(), 2, 1, 1, 1, 2, 0, 0, 0, 0, 0.5, 0.9, 0.01, '{}')`,
  );
  const clusterId = [...personIds].sort()[0] ?? '';
  await db.execute(
    sql`INSERT INTO identity_clusters (person_id, cluster_id, run_id)
        SELECT unnest(${sql.param([...personIds])}::uuid[]), ${clusterId}, ${runId}`,
  );
}

export async function openProgramme(
  api: TestApi,
  headers: AuthHeaders,
  templateId: string,
): Promise<string> {
  const response = await api.post('/api/v1/cash/programmes', { templateId }, headers);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** A payment provider's result file: its header and one line per row. */
export const providerResultFile = (rows: readonly (readonly string[])[]): string =>
  [
    'reference,outcome,amount,currency,provider_reference,failure_reason',
    ...rows.map((row) => row.join(',')),
  ].join('\n');

/** Imports a provider's result file for the batch. */
export function reconcileBatch(
  api: TestApi,
  headers: AuthHeaders,
  batchId: string,
  file: string,
  idempotencyKey?: string,
) {
  return api.app.inject({
    method: 'POST',
    url: `/api/v1/cash/batches/${batchId}/reconciliation`,
    headers: {
      ...headers,
      'content-type': 'text/csv',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    payload: file,
  });
}

/** Suspends a person's protection in Poland (a pending case), or grants it again, from a day. */
export async function changeStatusInPoland(
  api: TestApi,
  personId: string,
  status: 'suspended' | 'granted',
  effectiveOn: string,
): Promise<void> {
  const response = await api.post(`/api/v1/persons/${personId}/protection/events`, {
    countryCode: 'PL',
    status,
    effectiveOn,
    ...(status === 'suspended' ? { reason: 'pending-case' } : {}),
  });
  expect(response.statusCode, response.body).toBe(201);
}

/** The id of the batch's first hold ('' when it has none). */
export async function firstHoldOf(
  api: TestApi,
  headers: AuthHeaders,
  batchId: string,
): Promise<string> {
  const holds = await api.get(`/api/v1/cash/holds?batchId=${batchId}`, headers);
  return holds.json<{ items: { id: string }[] }>().items[0]?.id ?? '';
}
