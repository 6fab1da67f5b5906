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
import { queueReviewPair } from '../test-support/review-pairs.js';

let api: TestApi;
let romaniaSite: string;
/** Both registered in Poland. */
let olenaPl: string;
let olenaPl2: string;
/** Registered in Romania. */
let olenaRo: string;
let polishPair: string;
let crossBorderPair: string;
let bothCountries: AuthHeaders;
let romanian: AuthHeaders;
/** A caseworker of both countries, who registers the test persons. */
let registrar: AuthHeaders;
/** A third registration in Poland, for a pair of its own. */
let olenaPl3: string;

interface ProblemBody {
  status: number;
  code: string;
  errors?: { field: string; in: string; message: string }[];
}

interface PageBody {
  items: { id: string; queuedBecause: string; persons: { id: string }[] }[];
  nextCursor: string | null;
}

/** A person with a protection-class need and its note, which the review view must never show. */
async function registerPerson(siteId: string, person: Record<string, unknown>): Promise<string> {
  const response = await api.post(
    '/api/v1/registrations',
    buildRegistration(siteId, {
      household: {
        members: [
          buildPerson({
            ...person,
            specificNeeds: [{ code: 'SV-VF', note: 'canary-review-note' }],
          }),
        ],
      },
    }),
    registrar,
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ members: { id: string }[] }>().members[0]?.id ?? '';
}

beforeAll(async () => {
  api = await startTestApi();
  const site = await api.post(
    '/api/v1/sites',
    {
      name: 'Siret',
      countryCode: 'RO',
      kind: 'border-crossing',
      latitude: 47.97,
      longitude: 26.05,
    },
    api.admin,
  );
  romaniaSite = site.json<{ id: string }>().id;
  registrar = await api.as('caseworker', { countries: ['PL', 'RO'], siteIds: [] });
  olenaPl = await registerPerson(api.siteId, {});
  olenaPl2 = await registerPerson(api.siteId, { familyName: 'Шевчено', documents: [] });
  olenaPl3 = await registerPerson(api.siteId, { givenName: 'Olena', familyName: 'Szewczenko' });
  olenaRo = await registerPerson(romaniaSite, { givenName: 'Olena', familyName: 'Sevcenco' });
  polishPair = await queueReviewPair(api.database.db, olenaPl, olenaPl2, 0.8);
  crossBorderPair = await queueReviewPair(api.database.db, olenaPl, olenaRo, 0.7);
  bothCountries = await api.as('caseworker', { countries: ['PL', 'RO'], siteIds: [] });
  romanian = await api.as('caseworker', { countries: ['RO'], siteIds: [] });
});
afterAll(() => api.close());

const pendingIds = async (headers: AuthHeaders): Promise<string[]> => {
  const response = await api.get('/api/v1/identity-review/pairs', headers);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PageBody>().items.map((item) => item.id);
};

const auditEntries = (pairId: string) =>
  queryRows<{ chain: string; action: string; detail: Record<string, unknown> }>(
    api.database.db,
    sql`SELECT chain, action, detail FROM audit_log
        WHERE resource_id = ${pairId} AND action = 'identity-review.decide' ORDER BY seq`,
  );

describe('the review queue', () => {
  it('lists a pair only to a reviewer with both persons in scope', async () => {
    expect(await pendingIds(api.caseworker)).toEqual([polishPair]);
    // Most likely first: 0.8 before 0.7.
    expect(await pendingIds(bothCountries)).toEqual([polishPair, crossBorderPair]);
    expect(await pendingIds(romanian)).toEqual([]);
    // The cross-border pair is counted for each side's reviewer by the other country, never shown.
    const polish = await api.get('/api/v1/identity-review/pairs', api.caseworker);
    expect(polish.json()).toMatchObject({
      awaitingOtherCountries: [{ countryCode: 'RO', pairs: 1 }],
    });
    expect(polish.body).not.toContain(olenaRo);
    const fromRomania = await api.get('/api/v1/identity-review/pairs', romanian);
    expect(fromRomania.json()).toMatchObject({
      awaitingOtherCountries: [{ countryCode: 'PL', pairs: 1 }],
    });
    expect(fromRomania.body).not.toContain(olenaPl);
    const cross = await api.get(`/api/v1/identity-review/pairs/${crossBorderPair}`);
    expect(cross.statusCode).toBe(404);
  });

  it('pages with a cursor', async () => {
    const first = await api.get('/api/v1/identity-review/pairs?limit=1', bothCountries);
    const page = first.json<PageBody>();
    expect(page.items.map((item) => item.id)).toEqual([polishPair]);
    expect(page.nextCursor).not.toBeNull();
    const second = await api.get(
      `/api/v1/identity-review/pairs?limit=1&cursor=${page.nextCursor ?? ''}`,
      bothCountries,
    );
    expect(second.json<PageBody>()).toEqual({
      items: [expect.objectContaining({ id: crossBorderPair })],
      nextCursor: null,
      awaitingOtherCountries: [],
    });
  });

  it('asks about pairs held apart, then uncertain ones, then merged would-be twins, and pages in that order', async () => {
    const reviewer = await api.as('caseworker', { countries: ['PL'], siteIds: [] });
    const [taras, taras2, petro, petro2] = await Promise.all(
      [
        { givenName: 'Тарас', familyName: 'Бондар', birthDate: '1990-02-03' },
        { givenName: 'Taras', familyName: 'Bondar', birthDate: '1990-02-03' },
        { givenName: 'Петро', familyName: 'Мельник', birthDate: '2012-07-08' },
        { givenName: 'Павло', familyName: 'Мельник', birthDate: '2012-07-08' },
      ].map((person) => registerPerson(api.siteId, { ...person, documents: [] })),
    );
    // The reason ranks first: a merged pair more likely than the others comes last, and pages
    // hold their order across reasons with equal probabilities (the uncertain pair is at 0.8).
    const merged = await queueReviewPair(
      api.database.db,
      petro ?? '',
      petro2 ?? '',
      0.999,
      'merged-given-names-differ',
    );
    const heldApart = await queueReviewPair(
      api.database.db,
      taras ?? '',
      taras2 ?? '',
      0.8,
      'held-apart',
    );
    const expected = [heldApart, polishPair, merged];
    const everything = await api.get('/api/v1/identity-review/pairs', reviewer);
    expect(everything.json<PageBody>().items.map((item) => [item.id, item.queuedBecause])).toEqual([
      [heldApart, 'held-apart'],
      [polishPair, 'uncertain'],
      [merged, 'merged-given-names-differ'],
    ]);
    const paged: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const response = await api.get(
        `/api/v1/identity-review/pairs?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        reviewer,
      );
      const page: PageBody = response.json<PageBody>();
      paged.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(expected);
    const detail = await api.get(`/api/v1/identity-review/pairs/${merged}`, reviewer);
    expect(detail.json()).toMatchObject({ queuedBecause: 'merged-given-names-differ' });
    // Out of the way of the tests below, which count the Polish queue.
    for (const id of [merged, heldApart]) {
      const decided = await api.post(
        `/api/v1/identity-review/pairs/${id}/decision`,
        { decision: 'different-people' },
        reviewer,
      );
      expect(decided.statusCode, decided.body).toBe(200);
    }
  });

  it('refuses a role without identity:review', async () => {
    const registrar = await api.as('registrar');
    const response = await api.get('/api/v1/identity-review/pairs', registrar);
    expect(response.statusCode).toBe(403);
  });
});

describe('one pair', () => {
  it('shows both records side by side and the weight of each field, never a protection need', async () => {
    const response = await api.get(`/api/v1/identity-review/pairs/${polishPair}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      persons: { id: string; familyName: string; registration: { countryCode: string } }[];
      comparison: { field: string; level: string; weight: number }[];
      decision: unknown;
    }>();
    expect(body.persons.map((person) => person.id).sort()).toEqual([olenaPl, olenaPl2].sort());
    expect(body.persons.map((person) => person.registration.countryCode)).toEqual(['PL', 'PL']);
    expect(body.comparison.map((field) => field.field)).toEqual([
      'givenName',
      'familyName',
      'patronymic',
      'birthDate',
      'sex',
      'document',
    ]);
    expect(body.comparison[0]).toMatchObject({ level: 'equivalent', weight: 4.5 });
    expect(body.decision).toBeNull();
    expect(response.body).not.toContain('SV-VF');
    expect(response.body).not.toContain('canary-review-note');
  });

  it('answers 400 naming the field for a malformed id, 404 for an unknown one', async () => {
    const malformed = await api.get('/api/v1/identity-review/pairs/not-a-uuid');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<ProblemBody>().errors?.[0]).toMatchObject({ field: 'id', in: 'path' });
    const unknown = await api.get(
      '/api/v1/identity-review/pairs/00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.statusCode).toBe(404);
  });
});

describe('deciding a pair', () => {
  it('records the decision with its audit entry, once, whatever the number of requests', async () => {
    const pair = await queueReviewPair(api.database.db, olenaPl3, olenaPl, 0.6);
    const url = `/api/v1/identity-review/pairs/${pair}/decision`;
    const first = await api.post(url, { decision: 'same-person', reason: 'Passport seen' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      decision: {
        decision: 'same-person',
        reason: 'Passport seen',
        decidedBy: expect.stringMatching(/^caseworker-/),
      },
    });
    const again = await api.post(url, { decision: 'same-person' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ decision: { reason: 'Passport seen' } });

    const entries = await auditEntries(pair);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      chain: 'PL',
      detail: { decision: 'same-person', hasReason: true },
    });
    // The reason is free text: it stays out of the append-only audit trail.
    expect(JSON.stringify(entries)).not.toContain('Passport seen');
    expect(await pendingIds(api.caseworker)).not.toContain(pair);
  });

  it('refuses the opposite decision on a decided pair with a 409', async () => {
    const url = `/api/v1/identity-review/pairs/${polishPair}/decision`;
    expect((await api.post(url, { decision: 'same-person' })).statusCode).toBe(200);
    const response = await api.post(url, { decision: 'different-people' });
    expect(response.statusCode).toBe(409);
    expect(response.json<ProblemBody>().code).toBe('already-decided');
    expect(await auditEntries(polishPair)).toHaveLength(1);
  });

  it('writes a cross-border decision to both countries’ audit chains', async () => {
    const response = await api.post(
      `/api/v1/identity-review/pairs/${crossBorderPair}/decision`,
      { decision: 'different-people' },
      bothCountries,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect((await auditEntries(crossBorderPair)).map((entry) => entry.chain)).toEqual(['PL', 'RO']);
  });

  it('answers 400 naming every invalid field', async () => {
    const response = await api.post(`/api/v1/identity-review/pairs/${polishPair}/decision`, {
      decision: 'maybe',
      reason: 'x'.repeat(501),
      extra: true,
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json<ProblemBody>().errors?.map((error) => error.field) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['decision', 'reason']));
  });

  it('answers 400 for a cursor it did not issue and a limit out of range', async () => {
    const cursor = await api.get('/api/v1/identity-review/pairs?cursor=bogus');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json<ProblemBody>().errors?.[0]?.field).toBe('cursor');
    const limit = await api.get('/api/v1/identity-review/pairs?limit=0');
    expect(limit.statusCode).toBe(400);
    expect(limit.json<ProblemBody>().errors?.[0]?.field).toBe('limit');
  });
});
