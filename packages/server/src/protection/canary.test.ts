import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpPglite, queryRows, type Database, type Db } from '../db/open.js';
import { openTestDatabase } from '../test-support/database.js';
import { testDatabaseUrl } from '../test-support/global-setup.js';
import { needBinding } from './bindings.js';
import { createEphemeralKeyring } from './keyring.js';
import { insertPerson, insertSealedNeed, listStoredNeeds } from './test-support/needs.js';

const run = promisify(execFile);

/** Every row of every table as text: what `pg_dump --data-only` would write, on either engine. */
async function dumpRows(db: Db): Promise<string> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const lines: string[] = [];
  for (const { name } of tables) {
    const rows = await queryRows<{ row: string }>(
      db,
      sql`SELECT t::text AS row FROM ${sql.identifier(name)} AS t`,
    );
    lines.push(...rows.map((r) => r.row));
  }
  return lines.join('\n');
}

/** PGlite's data directory as a tarball, decompressed when it comes compressed: the disk's bytes. */
async function dumpFiles(database: Database): Promise<Buffer> {
  const tarball = Buffer.from(await (await dumpPglite(database)).arrayBuffer());
  const isGzip = tarball[0] === 0x1f && tarball[1] === 0x8b;
  return isGzip ? gunzipSync(tarball) : tarball;
}

/** `pg_dump` of the test database, as an attacker holding a backup would have it. */
async function pgDump(db: Db): Promise<Buffer> {
  const [row] = await queryRows<{ name: string }>(db, sql`SELECT current_database() AS name`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${row?.name ?? ''}`;
  const { stdout } = await run('pg_dump', ['--dbname', url.toString()], {
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

describe('a database dump without the key', () => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(() => database.close());

  it('shows none of the sealed values (issue 4 item 5, issue 7 item 3)', async () => {
    const { db } = database;
    const keyring = createEphemeralKeyring();
    // Unique, so that a match can only come from this test's rows.
    const tag = randomUUID().replaceAll('-', '');
    const sealedCode = `CANARY-CODE-${tag}`;
    const sealedNote = `canary note ${tag}: sheltered with her children, address withheld`;
    const clear = `CLEAR-CONTROL-${tag}`;

    const personId = await insertPerson(db);
    const id = await insertSealedNeed(db, keyring, personId, {
      code: sealedCode,
      note: sealedNote,
    });
    // A control stored in clear proves the search sees the table's data at all.
    await db.execute(sql`
      INSERT INTO specific_needs (id, person_id, code, sensitivity, status, recorded_at, recorded_by)
      VALUES (${randomUUID()}, ${personId}, ${clear}, 'standard', 'active', now(), 'test')`);
    const [need] = (await listStoredNeeds(db)).filter((n) => n.id === id);
    expect(keyring.open(need?.noteSealed ?? '', needBinding(id, 'note'))).toBe(sealedNote);

    const rows = await dumpRows(db);
    expect(rows).toContain(clear);
    for (const secret of [sealedCode, sealedNote]) {
      expect(rows).not.toContain(secret);
    }

    const dump = database.engine === 'pglite' ? await dumpFiles(database) : await pgDump(db);
    expect(dump.includes(clear)).toBe(true);
    for (const secret of [sealedCode, sealedNote, `canary note ${tag}`]) {
      expect(dump.includes(secret)).toBe(false);
    }
  });
});
