import { randomUUID } from 'node:crypto';
import { ACCESS_POLICY, type Role } from '@haven/core';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApiToken } from '../access/api-tokens.js';
import { createUser } from '../access/users.js';
import { buildApp, type AppOptions } from '../app.js';
import type { Database, Db } from '../db/open.js';
import { createEphemeralKeyring, type Keyring } from '../protection/keyring.js';
import { openTestDatabase } from './database.js';

type Json = Record<string, unknown>;

export function buildPerson(overrides: Json = {}): Json {
  return {
    givenName: 'Олена',
    familyName: 'Шевченко',
    patronymic: 'Іванівна',
    sex: 'female',
    birthDate: '1985-04-12',
    nationality: 'UKR',
    relationshipToHead: 'head',
    documents: [{ type: 'international-passport', issuingCountry: 'UKR', number: 'FE123456' }],
    specificNeeds: [{ code: 'SP-PT' }],
    ...overrides,
  };
}

export function buildRegistration(siteId: string, overrides: Json = {}): Json {
  return {
    siteId,
    registeredAt: '2022-03-05T09:30:00Z',
    originPcode: 'UA63',
    arrivalMode: 'train',
    arrivalDate: '2022-03-05',
    household: {
      members: [
        buildPerson(),
        buildPerson({
          givenName: 'Дмитро',
          patronymic: 'Олегович',
          sex: 'male',
          birthDate: '2014-09',
          relationshipToHead: 'child',
          documents: [],
          specificNeeds: [],
        }),
      ],
    },
    consent: {
      purposes: ['registration', 'sharing-with-partners'],
      givenByMember: 0,
      method: 'verbal',
    },
    ...overrides,
  };
}

/** Authorization headers of a test user; cookie sessions are tested on their own. */
export type AuthHeaders = Record<string, string>;

export interface TestApi {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly keyring: Keyring;
  /** The Medyka border crossing (Poland). */
  readonly siteId: string;
  /** A caseworker for Poland: registers and reads everything registered in Poland. */
  readonly caseworker: AuthHeaders;
  /** An administrator of every host country. */
  readonly admin: AuthHeaders;
  /** Headers of a new user with this role and scope (default: Poland, and the Medyka site). */
  as(role: Role, scope?: { countries?: string[]; siteIds?: string[] }): Promise<AuthHeaders>;
  /** POST as the caseworker unless other headers say otherwise. */
  post(url: string, body: unknown, headers?: AuthHeaders): Promise<LightMyRequestResponse>;
  /** GET as the caseworker unless other headers say otherwise. */
  get(url: string, headers?: AuthHeaders): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let users = 0;

/** A user of the role with an API token for all of its permissions. */
export async function testUser(
  db: Db,
  role: Role,
  scope: { countries: string[]; siteIds: string[] },
): Promise<{ userId: string; headers: AuthHeaders }> {
  users += 1;
  const user = await createUser(db, {
    username: `${role}-${users}-${randomUUID().slice(0, 8)}`,
    displayName: `Test ${role}`,
    password: randomUUID(),
    role,
    ...scope,
  });
  if (!user) {
    throw new Error('test user name taken');
  }
  const token = await createApiToken(db, user.id, {
    name: 'test',
    permissions: ACCESS_POLICY[role].permissions,
    expiresInDays: 1,
  });
  return { userId: user.id, headers: { authorization: `Bearer ${token.token}` } };
}

export const ALL_HOST_COUNTRIES = ['PL', 'RO', 'HU', 'SK', 'MD'];

/** The API on a fresh database with one site (Medyka border crossing, Poland). */
export async function startTestApi(
  options: Pick<AppOptions, 'requireMfa' | 'personIndex'> = {},
): Promise<TestApi> {
  const database = await openTestDatabase();
  const keyring = createEphemeralKeyring();
  const app = await buildApp({ db: database.db, keyring, ...options });
  const admin = (
    await testUser(database.db, 'administrator', { countries: ALL_HOST_COUNTRIES, siteIds: [] })
  ).headers;
  const caseworker = (await testUser(database.db, 'caseworker', { countries: ['PL'], siteIds: [] }))
    .headers;
  const post: TestApi['post'] = (url, body, headers = {}) =>
    app.inject({
      method: 'POST',
      url,
      headers: {
        ...caseworker,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        ...headers,
      },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get: TestApi['get'] = (url, headers = caseworker) =>
    app.inject({ method: 'GET', url, headers });
  const site = await post(
    '/api/v1/sites',
    {
      name: 'Medyka',
      countryCode: 'PL',
      kind: 'border-crossing',
      latitude: 49.8039,
      longitude: 22.9347,
    },
    admin,
  );
  const { id } = site.json<{ id: string }>();
  return {
    app,
    database,
    keyring,
    siteId: id,
    admin,
    caseworker,
    as: async (role, scope = {}) =>
      (
        await testUser(database.db, role, {
          countries: scope.countries ?? ['PL'],
          siteIds: scope.siteIds ?? [id],
        })
      ).headers,
    post,
    get,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
