import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityMatches } from '@haven/contract';
import { buildApp } from '../app.js';
import {
  buildPerson,
  buildRegistration,
  startTestApi,
  type TestApi,
} from '../test-support/factories.js';
import { indexesOfDatabase, type PersonIndex } from './person-index.js';

/**
 * A server starting on a register (#3 item 4): it answers while its match index loads, and a
 * registration previewed meanwhile is told the index is loading, not that nobody matches.
 */
const REGISTER_SIZE = 300;

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  await indexesOfDatabase(api.database.db)[0]?.load(api.database.db);
  // A register written by an import: households of one, Іван Приходько born on 300 days.
  await api.database.db.execute(sql`
    WITH numbered AS (
      SELECT n, gen_random_uuid() AS household_id FROM generate_series(1, ${REGISTER_SIZE}) AS n
    ), households AS (
      INSERT INTO households (id) SELECT household_id FROM numbered
    ), registrations AS (
      INSERT INTO registrations (id, household_id, site_id, registered_at, registrar,
        origin_pcode, arrival_mode)
      SELECT gen_random_uuid(), household_id, ${api.siteId}, now(), 'import', 'UA80', 'on-foot'
      FROM numbered
    )
    INSERT INTO persons (id, household_id, position, given_name, family_name, given_name_latin,
      family_name_latin, search_names, sex, birth_date, birth_date_from, birth_date_to,
      nationality, relationship_to_head)
    SELECT gen_random_uuid(), household_id, 0, 'Іван', 'Приходько', 'Ivan', 'Prykhodko', '',
      'male', to_char(born, 'YYYY-MM-DD'), born, born, 'UKR', 'head'
    FROM numbered, LATERAL (SELECT date '1970-01-01' + n AS born) AS b`);
});
afterAll(() => api.close());

const previewOf = (app: FastifyInstance) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/registrations/preview',
    headers: { ...api.caseworker, 'content-type': 'application/json' },
    payload: JSON.stringify(
      buildRegistration(api.siteId, {
        household: {
          members: [
            buildPerson({
              givenName: 'Іван',
              familyName: 'Приходько',
              sex: 'male',
              birthDate: '1970-01-08',
              documents: [],
            }),
          ],
        },
      }),
    ),
  });

describe('a server starting on a register', () => {
  let starting: FastifyInstance;
  let index: PersonIndex | undefined;

  beforeAll(async () => {
    // One person per read: the load spans hundreds of round trips, each a turn of the loop.
    starting = await buildApp({
      db: api.database.db,
      keyring: api.keyring,
      personIndex: { chunkSize: 1 },
    });
    await starting.ready();
    index = indexesOfDatabase(api.database.db).at(-1);
  });
  afterAll(() => starting.close());

  it('answers health checks and previews while its match index loads', async () => {
    expect(index?.state).toBe('loading');
    const [health, preview] = await Promise.all([
      starting.inject({ method: 'GET', url: '/api/v1/health' }),
      previewOf(starting),
    ]);
    // Both answered before the load ended: it lets requests run between its reads.
    expect(index?.state).toBe('loading');
    expect(health.statusCode).toBe(200);
    expect(preview.statusCode, preview.body).toBe(200);
    // Not "no match": the registrar is told the check could not be made yet.
    expect(preview.json<IdentityMatches>()).toMatchObject({
      index: 'loading',
      members: [{ member: 0, possibleMatches: [], outOfScopeCount: 0 }],
    });
  });

  it('finds the register once loaded', async () => {
    await index?.load(api.database.db);
    expect(index?.state).toBe('ready');
    expect(index?.size).toBeGreaterThanOrEqual(REGISTER_SIZE);
    const preview = await previewOf(starting);
    expect(preview.statusCode, preview.body).toBe(200);
    const matches = preview.json<IdentityMatches>();
    expect(matches.index).toBe('ready');
    expect(matches.members[0]?.possibleMatches[0]).toMatchObject({
      familyName: 'Приходько',
      birthDate: '1970-01-08',
    });
  });
});
