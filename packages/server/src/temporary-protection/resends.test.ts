/**
 * Registrars and caseworkers on bad connections resend (issue 6 gap 1): with the same
 * Idempotency-Key and body, a status event, a decision or a case resolution is recorded once and
 * the resend answers what the first request recorded; the same key with another body is a 409.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/open.js';
import {
  buildPerson,
  buildRegistration,
  startTestApi,
  type AuthHeaders,
  type TestApi,
} from '../test-support/factories.js';
import { assess, buildFacts, grantProtection } from './test-support/fixtures.js';

let api: TestApi;
let bothCountries: AuthHeaders;

beforeAll(async () => {
  api = await startTestApi();
  bothCountries = await api.as('caseworker', { countries: ['PL', 'RO'], siteIds: [] });
});
afterAll(() => api.close());

async function freshPerson(): Promise<string> {
  const response = await api.post(
    '/api/v1/registrations',
    buildRegistration(api.siteId, { household: { members: [buildPerson()] } }),
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ members: { id: string }[] }>().members[0]?.id ?? '';
}

const eventsOf = (personId: string) =>
  queryRows<{ id: string; status: string }>(
    api.database.db,
    sql`SELECT id, status FROM protection_status_events WHERE person_id = ${personId}`,
  );

const withKey = (key: string, headers: AuthHeaders = api.caseworker): AuthHeaders => ({
  ...headers,
  'idempotency-key': key,
});

describe('a status event resent with the same Idempotency-Key', () => {
  it('is recorded once and the resend answers the first event', async () => {
    const person = await freshPerson();
    const key = randomUUID();
    const body = { countryCode: 'PL', status: 'applied', effectiveOn: '2022-03-05' };
    const first = await api.post(`/api/v1/persons/${person}/protection/events`, body, withKey(key));
    expect(first.statusCode, first.body).toBe(201);
    const resent = await api.post(
      `/api/v1/persons/${person}/protection/events`,
      body,
      withKey(key),
    );
    expect(resent.statusCode, resent.body).toBe(201);
    expect(resent.json()).toEqual(first.json());
    expect(await eventsOf(person)).toHaveLength(1);

    const other = await api.post(
      `/api/v1/persons/${person}/protection/events`,
      { ...body, effectiveOn: '2022-03-06' },
      withKey(key),
    );
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({
      code: 'idempotency-key-reused',
      errors: [{ field: 'Idempotency-Key', in: 'header' }],
    });
    expect(await eventsOf(person)).toHaveLength(1);
  });

  it('records once when the two sends race', async () => {
    const person = await freshPerson();
    const key = randomUUID();
    const body = { countryCode: 'PL', status: 'applied', effectiveOn: '2022-03-05' };
    const answers = await Promise.all(
      [1, 2].map(() => api.post(`/api/v1/persons/${person}/protection/events`, body, withKey(key))),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    expect(await eventsOf(person)).toHaveLength(1);
  });

  it('answers the held case again (202) when the grant was held', async () => {
    const person = await freshPerson();
    expect((await grantProtection(api, person, 'RO', { headers: bothCountries })).statusCode).toBe(
      201,
    );
    const assessed = await assess(api, person, {
      countryCode: 'PL',
      onDate: '2022-04-01',
      facts: buildFacts(),
    });
    const decision = `/api/v1/eligibility-assessments/${assessed.json<{ id: string }>().id}/decision`;
    expect((await api.post(decision, { outcome: 'confirmed' })).statusCode).toBe(200);

    const key = randomUUID();
    const grant = { countryCode: 'PL', status: 'granted', effectiveOn: '2022-04-01' };
    const held = await api.post(`/api/v1/persons/${person}/protection/events`, grant, withKey(key));
    expect(held.statusCode, held.body).toBe(202);
    const resent = await api.post(
      `/api/v1/persons/${person}/protection/events`,
      grant,
      withKey(key),
    );
    expect(resent.statusCode, resent.body).toBe(202);
    const heldCase = held.json<{ case: { id: string } }>().case;
    expect(resent.json()).toMatchObject({ outcome: 'held', case: { id: heldCase.id } });
    const cases = await queryRows<{ id: string }>(
      api.database.db,
      sql`SELECT id FROM protection_cases WHERE person_id = ${person}`,
    );
    expect(cases).toEqual([{ id: heldCase.id }]);

    // Resolving, resent: the second answer is the resolved case, not a 409.
    const resolutionKey = randomUUID();
    const resolution = `/api/v1/protection-cases/${heldCase.id}/resolution`;
    const body = { outcome: 'keep-existing', reason: 'Lives in Suceava; visited Poland briefly' };
    const resolved = await api.post(resolution, body, withKey(resolutionKey, bothCountries));
    expect(resolved.statusCode, resolved.body).toBe(200);
    const again = await api.post(resolution, body, withKey(resolutionKey, bothCountries));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      state: 'resolved',
      resolution: { outcome: 'keep-existing' },
    });
    // Without the key, a second resolution is still refused.
    expect((await api.post(resolution, body, bothCountries)).statusCode).toBe(409);
  });
});

describe('a decision on an assessment resent with the same Idempotency-Key', () => {
  it('answers the decided assessment instead of 409 already-decided', async () => {
    const person = await freshPerson();
    const assessed = await assess(api, person, {
      countryCode: 'PL',
      onDate: '2022-03-10',
      facts: buildFacts(),
    });
    const url = `/api/v1/eligibility-assessments/${assessed.json<{ id: string }>().id}/decision`;
    const key = randomUUID();
    const first = await api.post(url, { outcome: 'confirmed' }, withKey(key));
    expect(first.statusCode, first.body).toBe(200);
    const resent = await api.post(url, { outcome: 'confirmed' }, withKey(key));
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ decision: { outcome: 'confirmed' } });
    const audited = await queryRows<{ n: number }>(
      api.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log
           WHERE action = 'eligibility.confirmed' AND resource_id = ${assessed.json<{ id: string }>().id}`,
    );
    expect(audited).toEqual([{ n: 1 }]);
    // A new key is a new request: the decision is final.
    expect((await api.post(url, { outcome: 'confirmed' })).statusCode).toBe(409);
  });
});
