import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { queryRows } from '../db/open.js';
import {
  buildRegistration,
  startTestApi,
  testUser,
  type TestApi,
} from '../test-support/factories.js';
import {
  findAccountId,
  findSubjectIdsOfPerson,
  listEntriesNaming,
  listEntriesOfActor,
  type AuditTrailEntry,
} from './queries.js';

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi();
});
afterEach(() => api.close());

async function all(pages: AsyncGenerator<AuditTrailEntry[]>): Promise<AuditTrailEntry[]> {
  const entries: AuditTrailEntry[] = [];
  for await (const page of pages) {
    entries.push(...page);
  }
  return entries;
}

async function registerHousehold(): Promise<{ registrationId: string; householdId: string }> {
  const created = await api.post('/api/v1/registrations', buildRegistration(api.siteId));
  expect(created.statusCode).toBe(201);
  const { id, householdId } = created.json<{ id: string; householdId: string }>();
  return { registrationId: id, householdId };
}

async function personsOf(householdId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    api.database.db,
    sql`SELECT id FROM persons WHERE household_id = ${householdId} ORDER BY position`,
  );
  return rows.map((row) => row.id);
}

describe('who read a person', () => {
  it('finds the creation, the reads of the registration and household, and list pages showing it', async () => {
    const { registrationId, householdId } = await registerHousehold();
    const other = await registerHousehold();
    const [personId] = await personsOf(householdId);
    const reader = await api.as('caseworker');
    expect((await api.get(`/api/v1/registrations/${registrationId}`, reader)).statusCode).toBe(200);
    expect((await api.get(`/api/v1/households/${householdId}`, reader)).statusCode).toBe(200);
    expect((await api.get('/api/v1/registrations', reader)).statusCode).toBe(200);
    expect(
      (await api.get(`/api/v1/registrations/${other.registrationId}`, reader)).statusCode,
    ).toBe(200);

    const entries = await all(
      listEntriesNaming(
        api.database.db,
        await findSubjectIdsOfPerson(api.database.db, personId ?? ''),
        undefined,
      ),
    );
    // Registering the other household may also show this person as a possible match.
    const shown = entries.filter((entry) => entry.action !== 'person.match');
    expect(shown.map((entry) => entry.action)).toEqual([
      'registration.create',
      'registration.read',
      'household.read',
      'registration.list',
    ]);
    expect(shown[1]).toMatchObject({
      actorRole: 'caseworker',
      resourceId: registrationId,
      ip: '127.0.0.1',
    });
    // Nothing before the time asked for.
    const later = new Date(Date.now() + 60_000).toISOString();
    const none = await all(listEntriesNaming(api.database.db, [personId ?? ''], later));
    expect(none).toEqual([]);
  });
});

describe('what one account did', () => {
  it('lists every entry of the account since a time, oldest first', async () => {
    const { registrationId } = await registerHousehold();
    const reader = await testUser(api.database.db, 'caseworker', {
      countries: ['PL'],
      siteIds: [],
    });
    await api.get(`/api/v1/registrations/${registrationId}`, reader.headers);
    await api.get('/api/v1/registrations', reader.headers);
    const actorId = await findAccountId(api.database.db, reader.userId);
    expect(actorId).toBe(reader.userId);
    const entries = await all(
      listEntriesOfActor(api.database.db, actorId ?? '', '2020-01-01T00:00:00Z'),
    );
    expect(entries.map((entry) => entry.action)).toEqual([
      'registration.read',
      'registration.list',
    ]);
  });
});

describe('the benchmark-only chain modes', () => {
  it("'global' puts every entry in one chain and 'off' writes none", async () => {
    const { db } = api.database;
    const count = async () =>
      Number((await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM audit_log`))[0]?.n);
    for (const mode of ['global', 'off'] as const) {
      const app = await buildApp({ db, keyring: api.keyring, auditChains: mode });
      const before = await count();
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/registrations',
        headers: {
          ...api.caseworker,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        payload: JSON.stringify(buildRegistration(api.siteId)),
      });
      expect(created.statusCode).toBe(201);
      await app.close();
      expect((await count()) - before).toBe(mode === 'off' ? 0 : 1);
    }
    const [last] = await queryRows<{ chain: string }>(
      db,
      sql`SELECT chain FROM audit_log ORDER BY seq DESC LIMIT 1`,
    );
    expect(last?.chain).toBe('global');
  });
});
