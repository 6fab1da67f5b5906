import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import type { Database } from '../db/open.js';
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
    registrar: 'Anna Nowak',
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

export interface TestApi {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly siteId: string;
  post(
    url: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The API on a fresh database with one site (Medyka border crossing, Poland). */
export async function startTestApi(): Promise<TestApi> {
  const database = await openTestDatabase();
  const app = await buildApp({ db: database.db });
  const post: TestApi['post'] = (url, body, headers = {}) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const site = await post('/api/v1/sites', {
    name: 'Medyka',
    countryCode: 'PL',
    kind: 'border-crossing',
    latitude: 49.8039,
    longitude: 22.9347,
  });
  const { id } = site.json<{ id: string }>();
  return {
    app,
    database,
    siteId: id,
    post,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
