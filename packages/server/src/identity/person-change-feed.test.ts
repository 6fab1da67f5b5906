import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IdentityMatches, RegistrationCreated } from '@haven/contract';
import type { PersonRecord } from '@haven/core/identity';
import { buildApp } from '../app.js';
import type { Database } from '../db/open.js';
import { openSecondHandle } from '../test-support/database.js';
import {
  buildPerson,
  buildRegistration,
  startTestApi,
  type TestApi,
} from '../test-support/factories.js';
import { PERSON_CHANGES_CHANNEL } from './person-change-feed.js';
import { createPersonIndex, indexesOfDatabase, type PersonIndex } from './person-index.js';

/**
 * Two servers on one database (#3 item 4): what one writes, the other's match index learns from
 * the change feed, not at its next start. PostgreSQL: two pools, as two processes hold; PGlite:
 * one handle shared by two apps. Polling is set to an hour, so only a notification (or an
 * explicit catch-up) can carry a change across.
 */
const AN_HOUR_MS = 3_600_000;
const isPostgres = process.env.HAVEN_TEST_ENGINE === 'postgres';

let first: TestApi;
let secondHandle: Database;
let second: FastifyInstance;
let secondIndex: PersonIndex;

beforeAll(async () => {
  first = await startTestApi({ personIndex: { pollIntervalMs: AN_HOUR_MS } });
  secondHandle = await openSecondHandle(first.database);
  second = await buildApp({
    db: secondHandle.db,
    keyring: first.keyring,
    personIndex: { pollIntervalMs: AN_HOUR_MS },
  });
  await second.ready();
  const indexes = indexesOfDatabase(secondHandle.db);
  const latest = indexes.at(-1);
  if (!latest) {
    throw new Error('the second app built no match index');
  }
  secondIndex = latest;
  // The apps started loading when built; this waits for both.
  await indexesOfDatabase(first.database.db)[0]?.load(first.database.db);
  await secondIndex.load(secondHandle.db);
});
afterAll(async () => {
  await second.close();
  await secondHandle.close();
  await first.close();
});

/** A woman no other test registers. */
const halyna = {
  givenName: 'Галина',
  familyName: 'Вереютенко',
  patronymic: 'Богданівна',
  sex: 'female',
  birthDate: '1974-06-02',
  documents: [{ type: 'international-passport', issuingCountry: 'UKR', number: 'FH552017' }],
  specificNeeds: [],
};

/** How a registrar elsewhere would write her: Polish transcription, no document. */
const halynaAsProbe = (id = 'probe'): PersonRecord => ({
  id,
  givenName: 'Halina',
  familyName: 'Werejutenko',
  sex: 'female',
  birthDate: halyna.birthDate,
  nationality: 'UKR',
  documents: [],
});

const indexedIds = (index: PersonIndex, probe: PersonRecord) =>
  (index.findMatches(probe, 10) ?? []).map(({ id }) => id);

async function previewOnSecond(person: Record<string, unknown>): Promise<IdentityMatches> {
  const response = await second.inject({
    method: 'POST',
    url: '/api/v1/registrations/preview',
    headers: { ...first.caseworker, 'content-type': 'application/json' },
    payload: JSON.stringify(
      buildRegistration(first.siteId, { household: { members: [buildPerson(person)] } }),
    ),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<IdentityMatches>();
}

describe('a match index kept in step with another server', () => {
  let personId: string;

  it('proposes a person the other server registered, once its commit is notified', async () => {
    expect(secondIndex.state).toBe('ready');
    const response = await first.post(
      '/api/v1/registrations',
      buildRegistration(first.siteId, { household: { members: [buildPerson(halyna)] } }),
    );
    expect(response.statusCode, response.body).toBe(201);
    personId = response.json<RegistrationCreated>().members[0]?.id ?? '';

    await vi.waitFor(() => {
      expect(indexedIds(secondIndex, halynaAsProbe())).toContain(personId);
    });
    const matches = await previewOnSecond({
      ...halyna,
      givenName: 'Halina',
      familyName: 'Werejutenko',
      patronymic: undefined,
      documents: [],
    });
    expect(matches.members[0]?.possibleMatches.map((match) => match.personId)).toContain(personId);
  });

  it('follows a correction made in the database by another process', async () => {
    // No server: an operator's script, or a future edit route on another instance.
    await secondHandle.db.execute(
      sql`UPDATE persons SET family_name = 'Вереютенко-Ковальчук' WHERE id = ${personId}`,
    );
    await vi.waitFor(() => {
      const match = secondIndex.findMatches(halynaAsProbe(), 10)?.find(({ id }) => id === personId);
      expect(match?.record.familyName).toBe('Вереютенко-Ковальчук');
    });
  });

  // On PGlite the erasure route also drops them from every index on its handle, the second's
  // included; on PostgreSQL only the feed can.
  it('drops a person the other server erased, so they are never proposed again', async () => {
    const erased = await first.post(
      `/api/v1/persons/${personId}/erasure`,
      { mode: 'erase', reason: 'Request 17/2022' },
      first.admin,
    );
    expect(erased.statusCode, erased.body).toBe(200);
    await vi.waitFor(() => {
      expect(indexedIds(secondIndex, halynaAsProbe())).not.toContain(personId);
    });
    expect(secondIndex.state).toBe('ready');
  });
});

describe('catching up without notifications', () => {
  it('reads a registration it was never told about at the next catch-up', async () => {
    const polling = createPersonIndex(secondHandle.db, first.keyring, {
      isListening: false,
      pollIntervalMs: AN_HOUR_MS,
    });
    await polling.load(secondHandle.db);
    const petro = {
      ...buildPerson(),
      givenName: 'Петро',
      familyName: 'Зозулинський',
      birthDate: '1958-12-01',
      documents: [],
      specificNeeds: [],
    };
    const response = await first.post(
      '/api/v1/registrations',
      buildRegistration(first.siteId, { household: { members: [petro] } }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json<RegistrationCreated>().members[0]?.id ?? '';
    const probe: PersonRecord = {
      ...halynaAsProbe(),
      givenName: 'Petro',
      familyName: 'Zozulynskyi',
      sex: 'male',
      birthDate: '1958-12-01',
    };
    expect(indexedIds(polling, probe)).not.toContain(id);
    await polling.catchUp();
    expect(indexedIds(polling, probe)).toContain(id);
    await polling.stop();
  });
});

/** A person inserted as `haven import` would, on a connection of its own. */
const insertPerson = async (client: pg.Client, familyName: string) => {
  const householdId = randomUUID();
  const personId = randomUUID();
  await client.query('INSERT INTO households (id) VALUES ($1)', [householdId]);
  await client.query(
    `INSERT INTO registrations (id, household_id, site_id, registered_at, registrar,
       origin_pcode, arrival_mode)
     VALUES ($1, $2, $3, now(), 'import', 'UA80', 'on-foot')`,
    [randomUUID(), householdId, first.siteId],
  );
  await client.query(
    `INSERT INTO persons (id, household_id, position, given_name, family_name,
       given_name_latin, family_name_latin, search_names, sex, birth_date, birth_date_from,
       birth_date_to, nationality, relationship_to_head)
     VALUES ($1, $2, 0, 'Тарас', $3, 'Taras', $3, '', 'male', '1969-03-09', '1969-03-09',
       '1969-03-09', 'UKR', 'head')`,
    [personId, householdId, familyName],
  );
  return personId;
};
const probe = (familyName: string): PersonRecord => ({
  id: 'probe',
  givenName: 'Тарас',
  familyName,
  sex: 'male',
  birthDate: '1969-03-09',
  nationality: 'UKR',
  documents: [],
});

describe.runIf(isPostgres)('transactions committing out of order (PostgreSQL)', () => {
  it('misses neither a change committed late nor one rolled back', async () => {
    const pool = (first.database.db as unknown as { $client: pg.Pool }).$client;
    const [early, late, rolledBack] = [0, 1, 2].map(() => new pg.Client(pool.options));
    const clients = [early, late, rolledBack].filter((client) => client !== undefined);
    await Promise.all(clients.map((client) => client.connect()));
    try {
      const polling = createPersonIndex(secondHandle.db, first.keyring, {
        isListening: false,
        pollIntervalMs: AN_HOUR_MS,
      });
      await polling.load(secondHandle.db);
      // The early transaction draws the lower change_seq but commits last.
      await early?.query('BEGIN');
      const earlyId = early ? await insertPerson(early, 'Обрізанюк') : '';
      await rolledBack?.query('BEGIN');
      const rolledBackId = rolledBack ? await insertPerson(rolledBack, 'Обрізанюк') : '';
      const lateId = late ? await insertPerson(late, 'Обрізанюк') : '';

      await polling.catchUp();
      expect(indexedIds(polling, probe('Обрізанюк'))).toEqual([lateId]);

      await rolledBack?.query('ROLLBACK');
      await early?.query('COMMIT');
      await polling.catchUp();
      const found = indexedIds(polling, probe('Обрізанюк'));
      expect(found).toHaveLength(2);
      expect(found).toEqual(expect.arrayContaining([earlyId, lateId]));
      expect(found).not.toContain(rolledBackId);
      await polling.stop();
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });
});

describe.runIf(isPostgres)('a dropped LISTEN connection (PostgreSQL)', () => {
  /** The backends LISTENing for person changes on the test's database: one per index. */
  const listeners = async (client: pg.Client): Promise<number[]> => {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND query = 'LISTEN ${PERSON_CHANGES_CHANNEL}'`,
    );
    return rows.map(({ pid }) => pid);
  };

  it('listens again and reads what another writer committed while it was down', async () => {
    const pool = (first.database.db as unknown as { $client: pg.Pool }).$client;
    const [operator, writer] = [new pg.Client(pool.options), new pg.Client(pool.options)];
    await Promise.all([operator.connect(), writer.connect()]);
    const errors: unknown[] = [];
    // Polling an hour apart: only the listener's reconnection can bring the change in time.
    const listening = createPersonIndex(secondHandle.db, first.keyring, {
      pollIntervalMs: AN_HOUR_MS,
    });
    try {
      const before = await listeners(operator);
      await listening.load(secondHandle.db, (error) => errors.push(error));
      await vi.waitFor(async () => {
        expect((await listeners(operator)).length).toBeGreaterThan(before.length);
      });
      const dropped = await listeners(operator);

      // As a PostgreSQL restart or a failover would: every listener's connection is cut.
      await operator.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [
        dropped,
      ]);
      await vi.waitFor(async () => {
        expect(await listeners(operator)).not.toEqual(expect.arrayContaining(dropped));
      });
      // Committed while nobody listens: its notification reaches no one.
      const personId = await insertPerson(writer, 'Недобитенко');

      await vi.waitFor(
        () => {
          expect(indexedIds(listening, probe('Недобитенко'))).toContain(personId);
        },
        { timeout: 15_000, interval: 100 },
      );
      expect(errors.map(String)).toEqual(
        expect.arrayContaining([expect.stringMatching(/terminating connection/)]),
      );
      const relistening = await listeners(operator);
      expect(relistening.filter((pid) => !dropped.includes(pid)).length).toBeGreaterThan(0);
    } finally {
      await listening.stop();
      await Promise.all([operator.end(), writer.end()]);
    }
  });
});
