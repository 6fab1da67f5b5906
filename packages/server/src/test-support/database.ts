import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../db/open.js';
import { databaseUrl, testDatabaseUrl } from './global-setup.js';

/**
 * A fresh, migrated database of the engine under test (PGlite by default, PostgreSQL in the
 * project that sets HAVEN_TEST_ENGINE=postgres), dropped on close.
 */
export async function openTestDatabase(): Promise<Database> {
  if (process.env.HAVEN_TEST_ENGINE !== 'postgres') {
    const snapshot = await readFile(inject('pgliteSnapshot'));
    return openDatabase({ loadDataDir: new Blob([snapshot]) });
  }
  const base = testDatabaseUrl();
  const name = `${inject('postgresRun')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: databaseUrl(base, name), poolSize: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/**
 * Another handle on the same database, as a second server process would hold: a pool of its own
 * on PostgreSQL; on PGlite, which one process holds, the same handle.
 */
export async function openSecondHandle(database: Database): Promise<Database> {
  if (database.engine === 'pglite') {
    return { ...database, close: async () => undefined };
  }
  // An adapter: drizzle's node-postgres driver keeps its pool here.
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  return openDatabase({ url: pool.options.connectionString, poolSize: 2 });
}
