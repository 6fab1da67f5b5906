import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityMatches, RegistrationCreated } from '@haven/contract';
import { queryRows } from '../db/open.js';
import {
  buildPerson,
  buildRegistration,
  startTestApi,
  type AuthHeaders,
  type TestApi,
} from '../test-support/factories.js';
import { matchHousehold } from './household-matches.js';
import { createPersonIndex, indexesOfDatabase } from './person-index.js';

let api: TestApi;
let siret: string;
let romanianCaseworker: AuthHeaders;

beforeAll(async () => {
  api = await startTestApi();
  await indexesOfDatabase(api.database.db)[0]?.load(api.database.db);
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
  siret = site.json<{ id: string }>().id;
  romanianCaseworker = await api.as('caseworker', { countries: ['RO'], siteIds: [] });
});
afterAll(() => api.close());

/** A household of one, registered by whoever the headers name. */
const householdOf = (siteId: string, person: Record<string, unknown>) =>
  buildRegistration(siteId, { household: { members: [buildPerson(person)] } });

async function register(siteId: string, person: Record<string, unknown>, headers?: AuthHeaders) {
  const response = await api.post('/api/v1/registrations', householdOf(siteId, person), headers);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<RegistrationCreated>();
}

async function preview(siteId: string, person: Record<string, unknown>, headers?: AuthHeaders) {
  const response = await api.post(
    '/api/v1/registrations/preview',
    householdOf(siteId, person),
    headers,
  );
  expect(response.statusCode, response.body).toBe(200);
  return { body: response.json<IdentityMatches>(), text: response.body };
}

const countRows = async (table: 'households' | 'persons' | 'registrations') => {
  const [row] = await queryRows<{ n: number }>(
    api.database.db,
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`,
  );
  return row?.n ?? 0;
};

/** A man no other test registers, so that every match below is one of his. */
const mykhailo = {
  givenName: 'Михайло',
  familyName: 'Дзюбенко',
  patronymic: 'Петрович',
  sex: 'male',
  birthDate: '1979-11-23',
  documents: [{ type: 'international-passport', issuingCountry: 'UKR', number: 'FM482913' }],
  specificNeeds: [],
};

describe('possible matches of a registration', () => {
  let original: RegistrationCreated;
  beforeAll(async () => {
    original = await register(api.siteId, mykhailo);
  });

  it('finds the Cyrillic registration from a Polish transcription, field by field', async () => {
    const { body } = await preview(api.siteId, {
      ...mykhailo,
      givenName: 'Michajło',
      familyName: 'Dziubenko',
      patronymic: undefined,
      documents: [],
    });
    expect(body.index).toBe('ready');
    const [best] = body.members[0]?.possibleMatches ?? [];
    expect(best).toMatchObject({
      personId: original.members[0]?.id,
      householdId: original.householdId,
      registrationId: original.id,
      familyName: 'Дзюбенко',
    });
    expect(best?.matchProbability).toBeGreaterThan(0.99);
    const levels = Object.fromEntries(
      (best?.contributions ?? []).map(({ field, level }) => [field, level]),
    );
    expect(levels).toMatchObject({ birthDate: 'exact', sex: 'same', document: 'missing' });
    // Both spellings fold to one canonical form, or at least to equivalent keys.
    expect(['exact', 'equivalent']).toContain(levels.familyName);
    // The explanation adds up to the weight shown.
    const sum = (best?.contributions ?? []).reduce((total, { weight }) => total + weight, 0);
    expect(sum).toBeCloseTo(best?.matchWeight ?? Number.NaN, 6);
  });

  it('gives a namesake born another year with another passport a low probability', async () => {
    const { body } = await preview(api.siteId, {
      ...mykhailo,
      patronymic: undefined,
      birthDate: '1991-02-03',
      documents: [{ type: 'international-passport', issuingCountry: 'UKR', number: 'FK100200' }],
    });
    const match = body.members[0]?.possibleMatches.find(
      ({ personId }) => personId === original.members[0]?.id,
    );
    expect(match?.matchProbability ?? 0).toBeLessThan(0.05);
  });

  it('answers the create call with the matches of each member', async () => {
    const again = await register(api.siteId, { ...mykhailo, givenName: 'Mykhailo' });
    expect(again.identityMatches.index).toBe('ready');
    const [member] = again.identityMatches.members;
    expect(member?.personId).toBe(again.members[0]?.id);
    expect(member?.possibleMatches[0]?.personId).toBe(original.members[0]?.id);
  });

  it('audits the matched records it shows, by id', async () => {
    await preview(api.siteId, { ...mykhailo, givenName: 'Michail' });
    const rows = await queryRows<{ chain: string }>(
      api.database.db,
      sql`SELECT chain FROM audit_log
          WHERE action = 'person.match' AND detail -> 'persons' ? ${original.members[0]?.id ?? ''}`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(({ chain }) => chain === 'PL')).toBe(true);
  });

  it('writes nothing but audit entries on preview', async () => {
    const before = await Promise.all([
      countRows('households'),
      countRows('persons'),
      countRows('registrations'),
    ]);
    await preview(api.siteId, { ...mykhailo, familyName: 'Dzyubenko' });
    const after = await Promise.all([
      countRows('households'),
      countRows('persons'),
      countRows('registrations'),
    ]);
    expect(after).toEqual(before);
  });
});

describe('matches outside the caller’s scope', () => {
  const iryna = {
    givenName: 'Ірина',
    familyName: 'Забілоцька',
    patronymic: 'Андріївна',
    sex: 'female',
    birthDate: '1990-07-14',
    documents: [{ type: 'international-passport', issuingCountry: 'UKR', number: 'FR771204' }],
    specificNeeds: [],
  };
  let inRomania: RegistrationCreated;
  beforeAll(async () => {
    inRomania = await register(siret, iryna, romanianCaseworker);
  });

  it('are counted, never shown, to a caseworker of another country', async () => {
    const { body, text } = await preview(api.siteId, { ...iryna, familyName: 'Zabiłocka' });
    expect(body.members[0]).toMatchObject({ possibleMatches: [], outOfScopeCount: 1 });
    for (const secret of [
      inRomania.id,
      inRomania.householdId,
      inRomania.members[0]?.id ?? '',
      'Забілоцька',
      'Siret',
      'RO',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('are shown to a caseworker of that country', async () => {
    const { body } = await preview(
      siret,
      { ...iryna, familyName: 'Zabilotska' },
      romanianCaseworker,
    );
    expect(body.members[0]?.possibleMatches[0]?.personId).toBe(inRomania.members[0]?.id);
  });

  it('refuses a preview at a site outside the scope', async () => {
    const response = await api.post('/api/v1/registrations/preview', householdOf(siret, iryna));
    expect(response.statusCode).toBe(403);
  });
});

describe('erasure', () => {
  it('takes the person out of the index before answering', async () => {
    const olha = {
      givenName: 'Ольга',
      familyName: 'Гуцуляк',
      patronymic: 'Іванівна',
      birthDate: '1962-01-30',
      documents: [{ type: 'international-passport', issuingCountry: 'UKR', number: 'FO300411' }],
      specificNeeds: [],
    };
    const stored = await register(api.siteId, olha);
    const personId = stored.members[0]?.id ?? '';
    expect((await preview(api.siteId, olha)).body.members[0]?.possibleMatches).toHaveLength(1);
    const erased = await api.post(
      `/api/v1/persons/${personId}/erasure`,
      { mode: 'erase', reason: 'Request 12/2022' },
      api.admin,
    );
    expect(erased.statusCode, erased.body).toBe(200);
    expect((await preview(api.siteId, olha)).body.members[0]?.possibleMatches).toEqual([]);
    expect(indexesOfDatabase(api.database.db)[0]?.size).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  it('answers a problem naming each invalid field, as the create call does', async () => {
    const response = await api.post(
      '/api/v1/registrations/preview',
      householdOf(api.siteId, { givenName: '', birthDate: '1990-13-40' }),
    );
    expect(response.statusCode).toBe(400);
    const fields = response
      .json<{ errors: { field: string }[] }>()
      .errors.map(({ field }) => field);
    expect(fields).toEqual(
      expect.arrayContaining(['household.members[0].givenName', 'household.members[0].birthDate']),
    );
  });
});

describe('while the index loads', () => {
  it('says so instead of answering no match', async () => {
    const index = createPersonIndex(api.database.db, api.keyring);
    const { matches } = await matchHousehold(
      api.database.db,
      index,
      { userId: '', username: 'test', role: 'caseworker', countries: ['PL'], siteIds: [] },
      [],
      [],
    );
    expect(matches).toEqual({ index: 'loading', members: [] });
    // The app's own index again, for any test after this one.
    await index.stop();
  });
});

describe('a match index rebuilt from the database (issue 7 item 3)', () => {
  // A woman no other test registers, with a passport number stored sealed.
  const oksana = {
    givenName: 'Оксана',
    familyName: 'Ґудзенко',
    patronymic: 'Іллівна',
    sex: 'female',
    birthDate: '1991-02-17',
    documents: [{ type: 'international-passport', issuingCountry: 'UKR', number: 'KX771209' }],
    specificNeeds: [],
  };
  const record = {
    id: 'probe',
    givenName: oksana.givenName,
    familyName: oksana.familyName,
    patronymic: oksana.patronymic,
    sex: 'female' as const,
    birthDate: oksana.birthDate,
    nationality: 'UKR',
    // One typo: the comparison needs the number in clear, which loading opens.
    documents: [
      { type: 'international-passport' as const, issuingCountry: 'UKR', number: 'KX771208' },
    ],
  };

  it('opens the sealed numbers, and leaves out one that does not open without failing', async () => {
    const { db } = api.database;
    const created = await register(api.siteId, oksana);
    const personId = created.members[0]?.id ?? '';
    const fresh = createPersonIndex(db, api.keyring);
    await fresh.load(db);
    const [match] = fresh.findMatches(record, 5) ?? [];
    expect(match?.id).toBe(personId);
    expect(match?.record.documents?.map((d) => d.number)).toEqual(['KX771209']);
    expect(match?.contributions.map((c) => c.level)).toContain('one-typo');
    await fresh.stop();

    // Someone copies another person's sealed number onto hers.
    await db.execute(sql`UPDATE identity_documents SET number_sealed = (
        SELECT number_sealed FROM identity_documents WHERE person_id <> ${personId} LIMIT 1)
      WHERE person_id = ${personId}`);
    const errors: unknown[] = [];
    const rebuilt = createPersonIndex(db, api.keyring);
    await rebuilt.load(db, (error) => errors.push(error));
    expect(rebuilt.state).toBe('ready');
    expect(errors.map(String)).toEqual([expect.stringMatching(/SealBrokenError/)]);
    const [again] = rebuilt.findMatches(record, 5) ?? [];
    expect(again?.id).toBe(personId);
    expect(again?.record.documents).toEqual([]);
    await rebuilt.stop();
  });
});
