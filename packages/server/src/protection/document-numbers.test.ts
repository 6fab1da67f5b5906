import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { listManifestPersons } from '../corridors/manifest-queries.js';
import { migrate } from '../db/migrate.js';
import { openDatabase, queryRows, type Database, type Schema } from '../db/open.js';
import { listRegistrations } from '../registrations/read-queries.js';
import { databaseUrl, testDatabaseUrl } from '../test-support/global-setup.js';
import { documentNumberBinding } from './bindings.js';
import { sealCarriedOverDocumentNumbers } from './document-numbers.js';
import { createEphemeralKeyring } from './keyring.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));
/** The last migration before document numbers were sealed. */
const BEFORE_SEALING = '0009_audit_subjects_backfill';
/** The last migration before manifest document numbers were sealed. */
const BEFORE_MANIFEST_SEALING = '0014_cash-assistance-append-only';

/** A copy of the migrations folder that ends at `lastTag`: the schema of an older version. */
async function migrationsUpTo(lastTag: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'haven-migrations-'));
  await cp(MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
  expect(last).toBeGreaterThanOrEqual(0);
  journal.entries = journal.entries.slice(0, last + 1);
  await writeFile(journalPath, JSON.stringify(journal));
  return folder;
}

/**
 * An empty database of the engine under test, migrated only up to `folder`'s last migration:
 * the state of a deployment of the older version.
 */
async function openOldDatabase(folder: string): Promise<Database> {
  if (process.env.HAVEN_TEST_ENGINE !== 'postgres') {
    const database = await openDatabase();
    await migratePglite(database.db as unknown as PgliteDatabase<Schema>, {
      migrationsFolder: folder,
    });
    return database;
  }
  const base = testDatabaseUrl();
  const name = `${inject('postgresRun')}_old_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
  const url = databaseUrl(base, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migratePostgres(drizzle(client), { migrationsFolder: folder });
  } finally {
    await client.end();
  }
  const database = await openDatabase({ url, poolSize: 2 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup
        .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        .finally(() => cleanup.end());
    },
  };
}

describe('upgrading a database that holds document numbers in clear (issue 7 item 3)', () => {
  let database: Database;
  let folder: string;
  beforeEach(async () => {
    folder = await migrationsUpTo(BEFORE_SEALING);
    database = await openOldDatabase(folder);
  });
  afterEach(async () => {
    await database.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('moves the clear numbers out of the table, then seals and indexes them at start', async () => {
    const { db } = database;
    const householdId = randomUUID();
    const personId = randomUUID();
    const siteId = randomUUID();
    const documentId = randomUUID();
    const canary = `FE${Date.now().toString().slice(-6)}`;
    await db.execute(sql`INSERT INTO households (id) VALUES (${householdId})`);
    await db.execute(sql`INSERT INTO sites (id, country_code, name, kind, latitude, longitude)
        VALUES (${siteId}, 'MD', 'Palanca', 'border-crossing', 46.4, 30.1)`);
    await db.execute(sql`INSERT INTO registrations (id, household_id, site_id, registered_at,
          registrar, origin_pcode, arrival_mode)
        VALUES (${randomUUID()}, ${householdId}, ${siteId}, now(), 'test', 'UA51', 'bus')`);
    await db.execute(sql`INSERT INTO persons (id, household_id, position, given_name, family_name,
          given_name_latin, family_name_latin, search_names, sex, birth_date, birth_date_from,
          birth_date_to, nationality, relationship_to_head)
        VALUES (${personId}, ${householdId}, 0, 'Олена', 'Шевченко', 'Olena', 'Shevchenko',
          ' olena ', 'female', '1985-04-12', '1985-04-12', '1985-04-12', 'UKR', 'head')`);
    // The old schema: number and number_normalised in clear.
    await db.execute(sql`INSERT INTO identity_documents (id, person_id, type, issuing_country,
          number, number_normalised)
        VALUES (${documentId}, ${personId}, 'passport', 'UKR', ${`${canary.slice(0, 2)} ${canary.slice(2)}`},
          ${canary})`);

    await migrate(database);
    const columns = await queryRows<{ name: string }>(
      db,
      sql`SELECT column_name AS name FROM information_schema.columns
            WHERE table_name = 'identity_documents' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.name)).not.toContain('number');
    expect(columns.map((c) => c.name)).not.toContain('number_normalised');
    expect(columns.map((c) => c.name)).toEqual(
      expect.arrayContaining(['number_sealed', 'number_index']),
    );

    const keyring = createEphemeralKeyring();
    expect(await sealCarriedOverDocumentNumbers(db, keyring)).toBe(1);
    expect(await sealCarriedOverDocumentNumbers(db, keyring)).toBe(0);
    const [left] = await queryRows<{ count: number }>(
      db,
      sql`SELECT count(*)::int AS count FROM document_numbers_to_seal`,
    );
    expect(left?.count).toBe(0);
    const [stored] = await queryRows<{ sealed: string; index: string; text: string }>(
      db,
      sql`SELECT number_sealed AS sealed, number_index AS index, d::text AS text
            FROM identity_documents d WHERE id = ${documentId}`,
    );
    expect(stored?.text).not.toContain(canary.slice(2));
    expect(keyring.open(stored?.sealed ?? '', documentNumberBinding(documentId, 'MD'))).toBe(
      `${canary.slice(0, 2)} ${canary.slice(2)}`,
    );
    expect(stored?.index).toBe(keyring.blindIndex('document-number', canary));

    // Found again by its number, typed as people type it.
    const { items } = await listRegistrations(
      db,
      keyring,
      { level: 'country', countries: ['MD'] },
      { document: canary.toLowerCase(), limit: 10 },
    );
    expect(items.map((r) => r.householdId)).toEqual([householdId]);
  });
});

describe('upgrading a database whose manifests hold document numbers in clear (issues 5 and 7)', () => {
  let database: Database;
  let folder: string;
  beforeEach(async () => {
    folder = await migrationsUpTo(BEFORE_MANIFEST_SEALING);
    database = await openOldDatabase(folder);
  });
  afterEach(async () => {
    await database.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('carries the clear numbers over, then seals and indexes them with the run country at start', async () => {
    const { db } = database;
    const siteId = randomUUID();
    const corridorId = randomUUID();
    const runId = randomUUID();
    const householdId = randomUUID();
    const [withNumber, withoutNumber] = [randomUUID(), randomUUID()];
    const canary = `MF${Date.now().toString().slice(-7)}`;
    await db.execute(sql`INSERT INTO sites (id, country_code, name, kind, latitude, longitude)
        VALUES (${siteId}, 'MD', 'Palanca', 'border-crossing', 46.4, 30.1)`);
    await db.execute(sql`INSERT INTO corridors (id, name, country_code, origin_name, origin_country,
          origin_latitude, origin_longitude, destination_name, destination_country,
          destination_latitude, destination_longitude, route, guarantors, created_by)
        VALUES (${corridorId}, 'Odesa – Palanca', 'MD', 'Odesa', 'UA', 46.48, 30.72, 'Palanca',
          'MD', 46.4, 30.1, '{"type":"LineString","coordinates":[[30.72,46.48],[30.1,46.4]]}',
          '{}', 'test')`);
    await db.execute(sql`INSERT INTO evacuation_runs (id, corridor_id, kind, label,
          destination_site_id, country_code, status, vehicles, capacity, planned_departure_at,
          expected_arrival_at, arrival_margin_minutes, created_by)
        VALUES (${runId}, ${corridorId}, 'bus', 'Bus 1', ${siteId}, 'MD', 'departed', '[]', 40,
          now(), now() + interval '5 hours', 60, 'test')`);
    await db.execute(sql`INSERT INTO manifest_households (id, run_id, position, created_by)
        VALUES (${householdId}, ${runId}, 1, 'test')`);
    // The old schema: document_number in clear.
    await db.execute(sql`INSERT INTO manifest_persons (id, run_id, household_id, position,
          given_name, family_name, sex, birth_date, nationality, relationship_to_head,
          document_type, document_number, document_issuing_country, unaccompanied)
        VALUES (${withNumber}, ${runId}, ${householdId}, 0, 'Олена', 'Шевченко', 'female',
          '1985-04-12', 'UKR', 'head', 'international-passport',
          ${`${canary.slice(0, 2)} ${canary.slice(2)}`}, 'UKR', false),
          (${withoutNumber}, ${runId}, ${householdId}, 1, 'Данило', 'Шевченко', 'male',
          '2015', 'UKR', 'child', NULL, NULL, NULL, false)`);

    await migrate(database);
    const columns = await queryRows<{ name: string }>(
      db,
      sql`SELECT column_name AS name FROM information_schema.columns
            WHERE table_name = 'manifest_persons'`,
    );
    expect(columns.map((c) => c.name)).not.toContain('document_number');

    const keyring = createEphemeralKeyring();
    expect(await sealCarriedOverDocumentNumbers(db, keyring)).toBe(1);
    expect(await sealCarriedOverDocumentNumbers(db, keyring)).toBe(0);
    const [left] = await queryRows<{ count: number }>(
      db,
      sql`SELECT count(*)::int AS count FROM manifest_document_numbers_to_seal`,
    );
    expect(left?.count).toBe(0);
    const stored = await queryRows<{
      id: string;
      sealed: string | null;
      index: string | null;
      text: string;
    }>(
      db,
      sql`SELECT id, document_number_sealed AS sealed, document_number_index AS index,
            m::text AS text
          FROM manifest_persons m WHERE run_id = ${runId} ORDER BY position`,
    );
    expect(stored[0]?.text).not.toContain(canary.slice(2));
    expect(
      keyring.open(
        stored[0]?.sealed ?? '',
        documentNumberBinding(withNumber, 'MD', 'manifest_persons'),
      ),
    ).toBe(`${canary.slice(0, 2)} ${canary.slice(2)}`);
    expect(stored[0]?.index).toBe(keyring.blindIndex('document-number', canary));
    expect(stored[1]).toMatchObject({ id: withoutNumber, sealed: null, index: null });

    // Read back as the manifest routes read it: the number as it was entered.
    const persons = await listManifestPersons(db, keyring, runId);
    expect(persons.map((p) => p.documentNumber)).toEqual([
      `${canary.slice(0, 2)} ${canary.slice(2)}`,
      null,
    ]);
  });
});
