import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/open.js';
import {
  buildPerson,
  buildRegistration,
  startTestApi,
  type TestApi,
} from '../test-support/factories.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const countRows = async (
  table: 'households' | 'persons' | 'registrations' | 'identity_documents',
) => {
  const [row] = await queryRows<{ n: number }>(
    api.database.db,
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`,
  );
  return row?.n ?? 0;
};

interface ProblemBody {
  status: number;
  code: string;
  errors?: { field: string; in: string; message: string }[];
}

describe('registering a household', () => {
  it('stores the whole household and answers with Latin names per KMU-55', async () => {
    const response = await api.post('/api/v1/registrations', buildRegistration(api.siteId));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.members).toHaveLength(2);
    expect(body.members[0]).toMatchObject({
      givenName: 'Олена',
      givenNameLatin: 'Olena',
      familyNameLatin: 'Shevchenko',
      patronymicLatin: 'Ivanivna',
      birthDate: '1985-04-12',
      documents: [{ type: 'international-passport', issuingCountry: 'UKR', number: 'FE123456' }],
      specificNeeds: [
        {
          code: 'SP-PT',
          sensitivity: 'standard',
          status: 'active',
          // The signed-in user, whatever the body might claim.
          recordedBy: expect.stringMatching(/^caseworker-/),
        },
      ],
    });
    expect(body.members[1]).toMatchObject({ givenNameLatin: 'Dmytro', birthDate: '2014-09' });
    expect(body.site).toMatchObject({ id: api.siteId, name: 'Medyka', countryCode: 'PL' });
    expect(body.consent).toMatchObject({
      purposes: ['registration', 'sharing-with-partners'],
      givenByPersonId: body.members[0].id,
    });
    expect(response.headers.location).toBe(`/api/v1/registrations/${body.id}`);

    // The stored registration is what was answered, less the matches found at that moment.
    const { identityMatches, ...registration } = body;
    expect(identityMatches).toMatchObject({ members: [{ member: 0 }, { member: 1 }] });
    const fetched = await api.get(`/api/v1/registrations/${body.id}`);
    expect(fetched.json()).toEqual(registration);
  });

  it('shows a household with its members and registrations', async () => {
    const created = (await api.post('/api/v1/registrations', buildRegistration(api.siteId))).json();
    const household = await api.get(`/api/v1/households/${created.householdId}`);
    expect(household.statusCode).toBe(200);
    expect(household.json().members.map((m: { givenName: string }) => m.givenName)).toEqual([
      'Олена',
      'Дмитро',
    ]);
    expect(household.json().registrations).toEqual([
      expect.objectContaining({ id: created.id, householdSize: 2 }),
    ]);
  });

  it('answers 404 problem+json for an unknown registration or household', async () => {
    for (const url of [
      `/api/v1/registrations/${randomUUID()}`,
      `/api/v1/households/${randomUUID()}`,
    ]) {
      const response = await api.get(url);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('idempotency', () => {
  it('stores a resent registration once and returns the original response', async () => {
    const before = await countRows('households');
    const key = randomUUID();
    const body = buildRegistration(api.siteId);
    const first = await api.post('/api/v1/registrations', body, { 'idempotency-key': key });
    const second = await api.post('/api/v1/registrations', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countRows('households')).toBe(before + 1);
  });

  it('stores once when the same request arrives concurrently', async () => {
    const before = await countRows('households');
    const key = randomUUID();
    const body = buildRegistration(api.siteId);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.post('/api/v1/registrations', body, { 'idempotency-key': key }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    expect(await countRows('households')).toBe(before + 1);
  });

  it('refuses the same key with a different body (409) and writes nothing', async () => {
    const key = randomUUID();
    await api.post('/api/v1/registrations', buildRegistration(api.siteId), {
      'idempotency-key': key,
    });
    const before = await countRows('households');
    const other = buildRegistration(api.siteId, { originPcode: 'UA46' });
    const response = await api.post('/api/v1/registrations', other, { 'idempotency-key': key });
    expect(response.statusCode).toBe(409);
    expect(response.json<ProblemBody>().errors).toEqual([
      expect.objectContaining({ field: 'Idempotency-Key', in: 'header' }),
    ]);
    expect(await countRows('households')).toBe(before);
  });

  it('requires an Idempotency-Key that is a UUID', async () => {
    for (const key of [undefined, 'not-a-uuid']) {
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/v1/registrations',
        headers: {
          ...api.caseworker,
          'content-type': 'application/json',
          ...(key ? { 'idempotency-key': key } : {}),
        },
        payload: buildRegistration(api.siteId),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<ProblemBody>().errors).toEqual([
        expect.objectContaining({ field: 'idempotency-key', in: 'header' }),
      ]);
    }
  });
});

describe('bad input gets a 4xx problem naming the field and writes nothing', () => {
  const member = (overrides: Record<string, unknown>) => ({
    household: { members: [buildPerson(overrides)] },
  });
  const cases: [string, () => Record<string, unknown>, string][] = [
    [
      'an impossible birth date',
      () => member({ birthDate: '2022-02-30' }),
      'household.members[0].birthDate',
    ],
    [
      'a birth date in the future',
      () => member({ birthDate: '2099-01-01' }),
      'household.members[0].birthDate',
    ],
    [
      'an unknown nationality',
      () => member({ nationality: 'XYZ' }),
      'household.members[0].nationality',
    ],
    [
      'an unknown document country',
      () =>
        member({
          documents: [{ type: 'international-passport', issuingCountry: 'QQQ', number: 'FE1' }],
        }),
      'household.members[0].documents[0].issuingCountry',
    ],
    ['an unknown P-code', () => ({ originPcode: 'UA99' }), 'originPcode'],
    ['an empty name', () => member({ givenName: '   ' }), 'household.members[0].givenName'],
    [
      'a 10,000-character name',
      () => member({ familyName: 'Ш'.repeat(10_000) }),
      'household.members[0].familyName',
    ],
    ['an unknown top-level field', () => ({ favouriteColour: 'blue' }), 'favouriteColour'],
    ['an unknown nested field', () => member({ shoeSize: 42 }), 'household.members[0].shoeSize'],
    [
      'a number where a date belongs',
      () => member({ birthDate: 19850412 }),
      'household.members[0].birthDate',
    ],
    [
      'a string where a list belongs',
      () => ({ household: { members: 'everyone' } }),
      'household.members',
    ],
    [
      'an unknown specific-needs code',
      () => member({ specificNeeds: [{ code: 'XX-YY' }] }),
      'household.members[0].specificNeeds[0].code',
    ],
    ['an unknown site', () => ({ siteId: randomUUID() }), 'siteId'],
    [
      'a household without a head',
      () => member({ relationshipToHead: 'spouse' }),
      'household.members',
    ],
    [
      'an adult marked unaccompanied',
      () => member({ childCareStatus: 'unaccompanied' }),
      'household.members[0].childCareStatus',
    ],
    [
      'consent by a member who does not exist',
      () => ({ consent: { purposes: ['registration'], givenByMember: 5, method: 'verbal' } }),
      'consent.givenByMember',
    ],
    [
      'an impossible registration date',
      () => ({ registeredAt: '2022-02-30T10:00:00Z' }),
      'registeredAt',
    ],
    [
      'a registration dated 1850',
      () => ({ registeredAt: '1850-03-01T10:00:00Z', arrivalDate: undefined }),
      'registeredAt',
    ],
    [
      'a registrar named in the body (it is the signed-in user)',
      () => ({ registrar: 'Anna' }),
      'registrar',
    ],
    [
      'a line break in a document number',
      () =>
        member({
          documents: [
            { type: 'international-passport', issuingCountry: 'UKR', number: 'FE\n123456' },
          ],
        }),
      'household.members[0].documents[0].number',
    ],
    ['an arrival in year 0', () => ({ arrivalDate: '0000-01-01' }), 'arrivalDate'],
    [
      'the same need twice',
      () => member({ specificNeeds: [{ code: 'SP-PT' }, { code: 'SP-PT' }] }),
      'household.members[0].specificNeeds',
    ],
    [
      'the same document twice',
      () =>
        member({
          documents: [
            { type: 'international-passport', issuingCountry: 'UKR', number: 'FE123456' },
            { type: 'international-passport', issuingCountry: 'UKR', number: 'fe 123 456' },
          ],
        }),
      'household.members[0].documents',
    ],
    [
      'a consent purpose twice',
      () => ({
        consent: { purposes: ['registration', 'registration'], givenByMember: 0, method: 'verbal' },
      }),
      'consent.purposes',
    ],
  ];

  it.each(cases)('%s', async (_label, change, field) => {
    const before = await countRows('persons');
    const response = await api.post(
      '/api/v1/registrations',
      buildRegistration(api.siteId, change()),
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json<ProblemBody>();
    expect(problem.code).toBe('validation-failed');
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(await countRows('persons')).toBe(before);
  });

  it('names every bad field at once', async () => {
    const response = await api.post(
      '/api/v1/registrations',
      buildRegistration(api.siteId, {
        originPcode: 'UA99',
        household: { members: [buildPerson({ birthDate: '2022-02-30', nationality: 'XYZ' })] },
      }),
    );
    expect(
      response
        .json<ProblemBody>()
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual([
      'household.members[0].birthDate',
      'household.members[0].nationality',
      'originPcode',
    ]);
  });

  it('refuses a 10 MB body with 413', async () => {
    const response = await api.post(
      '/api/v1/registrations',
      JSON.stringify({ padding: 'x'.repeat(10 * 1024 * 1024) }),
    );
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await api.post('/api/v1/registrations', 'siteId=1', {
      'content-type': 'text/plain',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json<ProblemBody>().errors).toEqual([
      expect.objectContaining({ field: 'Content-Type', in: 'header' }),
    ]);
  });

  it('stores names composed (NFC) and accepts the apostrophe however it is typed', async () => {
    const decomposed = 'Андрій'.normalize('NFD');
    const response = await api.post(
      '/api/v1/registrations',
      buildRegistration(api.siteId, {
        household: { members: [buildPerson({ givenName: decomposed, familyName: 'Мар`ян' })] },
      }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().members[0]).toMatchObject({
      givenName: 'Андрій',
      familyName: 'Марʼян',
      givenNameLatin: 'Andrii',
      familyNameLatin: 'Marian',
    });
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await api.post('/api/v1/registrations', '{"siteId": ');
    expect(response.statusCode).toBe(400);
    expect(response.json<ProblemBody>().code).toBe('malformed-json');
  });
});
