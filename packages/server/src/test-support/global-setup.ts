import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../db/migrate.js';
import { dumpPglite, openDatabase } from '../db/open.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string;
    postgresRun: string;
  }
}

/** Migrates once per run; every test file then starts from a copy of the migrated database. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // test.env reaches the test workers, not this main-process hook: the project's name tells the engine.
  if (project.name.endsWith('postgres')) {
    return setupPostgres(project);
  }
  const folder = await mkdtemp(join(tmpdir(), 'haven-test-'));
  const database = await openDatabase();
  await migrate(database);
  const snapshot = join(folder, 'migrated.tar');
  await writeFile(snapshot, Buffer.from(await (await dumpPglite(database)).arrayBuffer()));
  await database.close();
  project.provide('pgliteSnapshot', snapshot);
  return () => rm(folder, { recursive: true, force: true });
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error('TEST_DATABASE_URL must be set for the PostgreSQL test project');
  }
  return url;
}

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function setupPostgres(project: TestProject): Promise<() => Promise<void>> {
  const base = testDatabaseUrl();
  // A name unique to this run, so that concurrent runs on one server never collide.
  const run = `haven_${process.pid}_${Date.now().toString(36)}`;
  const template = `${run}_tpl`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const database = await openDatabase({ url: databaseUrl(base, template), poolSize: 1 });
  await migrate(database);
  await database.close();
  project.provide('postgresTemplate', template);
  project.provide('postgresRun', run);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${run}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await admin.end();
  };
}
