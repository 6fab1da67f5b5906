/**
 * Only one active protection status across countries (issue 6 item 2): a grant while the same
 * person or identity is active elsewhere is held in a case; caseworkers resolve it. And who may
 * see and change protection at all.
 */
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
import { clusterPersons, grantProtection } from './test-support/fixtures.js';

let api: TestApi;
let siret = '';
/** A caseworker of Poland and Romania: sees both sides of a case. */
let bothCountries: AuthHeaders;
let romania: AuthHeaders;

beforeAll(async () => {
  api = await startTestApi();
  const site = await api.post(
    '/api/v1/sites',
    {
      name: 'Siret',
      countryCode: 'RO',
      kind: 'border-crossing',
      latitude: 47.95,
      longitude: 26.06,
    },
    api.admin,
  );
  siret = site.json<{ id: string }>().id;
  bothCountries = await api.as('caseworker', { countries: ['PL', 'RO'], siteIds: [] });
  romania = await api.as('caseworker', { countries: ['RO'], siteIds: [] });
});
afterAll(() => api.close());

async function registerOne(siteId: string, headers: AuthHeaders): Promise<string> {
  const response = await api.post(
    '/api/v1/registrations',
    buildRegistration(siteId, { household: { members: [buildPerson()] } }),
    headers,
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ members: { id: string }[] }>().members[0]?.id ?? '';
}

const statusesOf = (personId: string) =>
  queryRows<{ country_code: string; status: string; reason: string | null }>(
    api.database.db,
    sql`SELECT country_code, status, reason FROM protection_status_events WHERE person_id = ${personId} ORDER BY recorded_at`,
  );

describe('a grant where another country already granted', () => {
  it('is held in a case with both statuses, and resolved by a caseworker of both countries', async () => {
    const person = await registerOne(api.siteId, api.caseworker);
    expect(
      (
        await grantProtection(api, person, 'RO', {
          headers: bothCountries,
          effectiveOn: '2022-03-08',
        })
      ).statusCode,
    ).toBe(201);

    const held = await grantProtection(api, person, 'PL', { effectiveOn: '2022-04-01' });
    expect(held.statusCode, held.body).toBe(202);
    const heldCase = held.json<{ outcome: string; case: { id: string } }>();
    expect(heldCase).toMatchObject({
      outcome: 'held',
      case: {
        state: 'open',
        countryCode: 'PL',
        heldEvent: { status: 'granted', category: 'TP-2-1-A', effectiveOn: '2022-04-01' },
        conflicting: [{ personId: person, samePerson: true, countryCode: 'RO', status: 'granted' }],
      },
    });
    // Nothing granted in Poland while the case is open; a second try is refused.
    expect((await statusesOf(person)).map((s) => s.country_code)).toEqual(['RO']);
    const retry = await api.post(`/api/v1/persons/${person}/protection/events`, {
      countryCode: 'PL',
      status: 'granted',
      effectiveOn: '2022-04-02',
    });
    expect(retry.json()).toMatchObject({ status: 409, code: 'case-open' });

    const list = await api.get('/api/v1/protection-cases');
    expect(list.json<{ items: { id: string }[] }>().items.map((c) => c.id)).toContain(
      heldCase.case.id,
    );
    const page = await api.get(`/api/v1/persons/${person}/protection`);
    expect(page.json()).toMatchObject({ openCases: [{ id: heldCase.case.id }] });

    const resolution = `/api/v1/protection-cases/${heldCase.case.id}/resolution`;
    const body = {
      outcome: 'grant-here-cease-elsewhere',
      reason: 'Moved to Kraków; confirmed by phone with Siret office',
    };
    // A caseworker of Poland alone cannot cease a Romanian status.
    const polandOnly = await api.post(resolution, body);
    expect(polandOnly.statusCode).toBe(403);
    expect(polandOnly.json()).toMatchObject({ detail: expect.stringContaining('RO') });

    const resolved = await api.post(resolution, body, bothCountries);
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({
      state: 'resolved',
      resolution: { outcome: 'grant-here-cease-elsewhere' },
    });
    expect(await statusesOf(person)).toEqual([
      { country_code: 'RO', status: 'granted', reason: null },
      { country_code: 'RO', status: 'ceased', reason: 'protection-elsewhere' },
      { country_code: 'PL', status: 'granted', reason: null },
    ]);
    expect((await api.post(resolution, body, bothCountries)).statusCode).toBe(409);
  });

  it('finds the same identity registered as another person in another country (identity cluster)', async () => {
    const inPoland = await registerOne(api.siteId, api.caseworker);
    const inRomania = await registerOne(siret, romania);
    await clusterPersons(api.database.db, [inPoland, inRomania]);
    expect((await grantProtection(api, inRomania, 'RO', { headers: romania })).statusCode).toBe(
      201,
    );

    const held = await grantProtection(api, inPoland, 'PL', { effectiveOn: '2022-05-01' });
    expect(held.statusCode).toBe(202);
    const found = held.json<{ case: { id: string; conflicting: unknown[] } }>().case;
    // Another record in Romania: a caseworker of Poland sees that it exists, not whose it is.
    expect(found.conflicting).toEqual([
      expect.objectContaining({ personId: null, samePerson: false, countryCode: 'RO' }),
    ]);
    expect(held.body).not.toContain(inRomania);

    // The Romanian caseworker sees the case too: it touches Romania.
    expect((await api.get(`/api/v1/protection-cases/${found.id}`, romania)).statusCode).toBe(200);

    const resolved = await api.post(`/api/v1/protection-cases/${found.id}/resolution`, {
      outcome: 'not-same-person',
      reason: 'Different fathers’ names on the birth certificates; twins registered separately',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await statusesOf(inPoland)).map((s) => s.status)).toEqual(['granted']);
    expect((await statusesOf(inRomania)).map((s) => s.status)).toEqual(['granted']);
  });
});

describe('duplicates found after the grants', () => {
  it('lists an identity the dedup run linked after both records were granted, in both countries', async () => {
    const inPoland = await registerOne(api.siteId, api.caseworker);
    const inRomania = await registerOne(siret, romania);
    expect((await grantProtection(api, inPoland, 'PL')).statusCode).toBe(201);
    expect((await grantProtection(api, inRomania, 'RO', { headers: romania })).statusCode).toBe(
      201,
    );
    const before = await api.get('/api/v1/protection-duplicates?onDate=2022-06-01');
    expect(JSON.stringify(before.json())).not.toContain(inPoland);

    // A later identity dedup run finds they are one person.
    await clusterPersons(api.database.db, [inPoland, inRomania]);
    for (const [headers, own, other] of [
      [api.caseworker, inPoland, inRomania],
      [romania, inRomania, inPoland],
    ] as const) {
      const after = await api.get('/api/v1/protection-duplicates?onDate=2022-06-01', headers);
      expect(after.statusCode).toBe(200);
      const found = after
        .json<{ items: { statuses: { personId: string | null; countryCode: string }[] }[] }>()
        .items.find((item) => item.statuses.some((s) => s.personId === own));
      expect(found?.statuses.map((s) => s.countryCode).sort()).toEqual(['PL', 'RO']);
      // The other country's record: its country and status, never its person.
      expect(after.body).not.toContain(other);
    }

    // Opened as a case for caseworkers, once: calling again opens nothing for the same pair.
    const opened = await api.post(
      '/api/v1/protection-duplicates/cases',
      { onDate: '2022-06-01' },
      bothCountries,
    );
    expect(opened.statusCode, opened.body).toBe(200);
    const cases = opened.json<{
      opened: {
        id: string;
        kind: string;
        personId: string;
        countryCode: string;
        conflicting: { personId: string; countryCode: string }[];
      }[];
    }>().opened;
    const mine = cases.filter((c) => [inPoland, inRomania].includes(c.personId));
    expect(mine).toHaveLength(1);
    // Both granted on the same day: the later-named country (by code) is taken as held.
    expect(mine[0]).toMatchObject({ kind: 'active-after-grant', state: 'open' });
    expect(
      [mine[0]?.countryCode, ...(mine[0]?.conflicting.map((c) => c.countryCode) ?? [])].sort(),
    ).toEqual(['PL', 'RO']);
    for (const headers of [bothCountries, api.caseworker, romania]) {
      const again = await api.post(
        '/api/v1/protection-duplicates/cases',
        { onDate: '2022-06-01' },
        headers,
      );
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json<{ opened: unknown[] }>().opened).toEqual([]);
    }
    const caseId = mine[0]?.id ?? '';
    const listed = await api.get('/api/v1/protection-cases', romania);
    expect(listed.json<{ items: { id: string }[] }>().items.map((c) => c.id)).toContain(caseId);
    // The Polish caseworker sees the case, not the Romanian record's person.
    const polishView = await api.get(`/api/v1/protection-cases/${caseId}`);
    expect(polishView.statusCode).toBe(200);
    expect(polishView.body).not.toContain(inRomania);

    // Resolving the case ends one of them, which resolves the duplicate.
    const resolved = await api.post(
      `/api/v1/protection-cases/${caseId}/resolution`,
      { outcome: 'keep-existing', reason: 'Lives in Warsaw; the other record is older' },
      bothCountries,
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    const held = mine[0];
    const heldPerson = held?.personId ?? '';
    expect((await statusesOf(heldPerson)).map((s) => [s.status, s.reason])).toEqual([
      ['granted', null],
      ['ceased', 'protection-elsewhere'],
    ]);
    const after = await api.get('/api/v1/protection-duplicates?onDate=2022-06-01');
    expect(JSON.stringify(after.json())).not.toContain(inPoland);
  });
});

describe('who may see and change protection', () => {
  let person = '';
  beforeAll(async () => {
    person = await registerOne(api.siteId, api.caseworker);
  });

  it('refuses roles without the permission', async () => {
    for (const role of ['registrar', 'analyst', 'administrator'] as const) {
      const response = await api.get(`/api/v1/persons/${person}/protection`, await api.as(role));
      expect(response.statusCode, role).toBe(403);
    }
  });

  it('lets a welfare officer read rights but not decide', async () => {
    const welfare = await api.as('welfare-officer');
    expect((await api.get(`/api/v1/persons/${person}/protection`, welfare)).statusCode).toBe(200);
    const write = await api.post(
      `/api/v1/persons/${person}/protection/events`,
      { countryCode: 'PL', status: 'applied', effectiveOn: '2022-03-05' },
      welfare,
    );
    expect(write.statusCode).toBe(403);
  });

  it('answers 404 for a person out of scope, and 403 for a country out of scope', async () => {
    expect((await api.get(`/api/v1/persons/${person}/protection`, romania)).statusCode).toBe(404);
    const assessed = await api.post(`/api/v1/persons/${person}/eligibility-assessments`, {
      countryCode: 'RO',
      onDate: '2022-03-10',
      facts: { birthDate: '1985-04-12', nationality: 'UKR' },
    });
    expect(assessed.statusCode).toBe(403);
    expect(assessed.json()).toMatchObject({ code: 'country-out-of-scope' });
  });
});
