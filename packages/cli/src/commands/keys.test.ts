import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addKeyToFile,
  generateKeyFile,
  loadKeyring,
  needBinding,
  type Database,
} from '@haven/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../server/src/test-support/database.js';
import {
  insertPerson,
  insertSealedNeed,
  listStoredNeeds,
  TEST_COUNTRY,
} from '../../../server/src/protection/test-support/needs.js';
import { rotateKeys } from './keys.js';

describe('haven keys rotate', () => {
  let database: Database;
  let folder: string;
  let file: string;
  beforeEach(async () => {
    database = await openTestDatabase();
    folder = await mkdtemp(join(tmpdir(), 'haven-keys-cli-'));
    file = join(folder, 'data-keys.json');
  });
  afterEach(async () => {
    await database.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('adds a key, re-seals every value with it and prints counts, never values', async () => {
    const { db } = database;
    const { keyId: oldKeyId } = await generateKeyFile(file);
    const before = loadKeyring({ env: {}, file });
    const personId = await insertPerson(db);
    const note = 'canary-cli-note: lives with her aunt in Przemyśl';
    const id = await insertSealedNeed(db, before, personId, { code: 'SP-GBV', note });

    const lines: string[] = [];
    const { keyId, resealed } = await rotateKeys(db, file, {
      newKey: true,
      settleMs: 0,
      log: (line) => lines.push(line),
    });
    expect(keyId).not.toBe(oldKeyId);
    expect(resealed).toBe(1);
    const output = lines.join('\n');
    expect(output).toContain(`Added data key ${keyId}`);
    expect(output).toContain(
      `1 specific needs, 0 document numbers and 0 pseudonymised identities to re-seal with key ${keyId}`,
    );
    expect(output).not.toMatch(/canary|SP-GBV/);

    const written = JSON.parse(await readFile(file, 'utf8')) as { active: string; keys: unknown[] };
    expect(written).toMatchObject({ active: keyId });
    expect(written.keys).toHaveLength(2);
    const [need] = await listStoredNeeds(db);
    expect(need?.keyId).toBe(keyId);
    const after = loadKeyring({ env: {}, file });
    expect(after.keyIdOf(need?.noteSealed ?? '')).toBe(keyId);
    expect(after.open(need?.noteSealed ?? '', needBinding(id, 'note', TEST_COUNTRY))).toBe(note);
  });

  it('finishes an interrupted rotation without adding another key', async () => {
    const { db } = database;
    await generateKeyFile(file);
    const personId = await insertPerson(db);
    await insertSealedNeed(db, loadKeyring({ env: {}, file }), personId, { code: 'x', note: null });
    // The key was added, then the rotation stopped before re-sealing.
    const { keyId } = await addKeyToFile(file);
    const result = await rotateKeys(db, file, { newKey: false, log: () => undefined });
    expect(result).toEqual({ keyId, resealed: 1 });
    const written = JSON.parse(await readFile(file, 'utf8')) as { keys: unknown[] };
    expect(written.keys).toHaveLength(2);
  });

  it('gives one country a master key of its own, re-sealing only its data', async () => {
    const { db } = database;
    const { keyId: shared } = await generateKeyFile(file);
    const before = loadKeyring({ env: {}, file });
    await insertSealedNeed(
      db,
      before,
      await insertPerson(db, 'PL'),
      { code: 'x', note: null },
      'PL',
    );
    await insertSealedNeed(
      db,
      before,
      await insertPerson(db, 'MD'),
      { code: 'y', note: null },
      'MD',
    );

    const lines: string[] = [];
    const { keyId, resealed } = await rotateKeys(db, file, {
      newKey: true,
      country: 'MD',
      settleMs: 0,
      log: (line) => lines.push(line),
    });
    expect(resealed).toBe(1);
    expect(lines.join('\n')).toContain(`pinned MD to it (was ${shared})`);
    const written = JSON.parse(await readFile(file, 'utf8')) as {
      active: string;
      countries: Record<string, string>;
    };
    expect(written).toMatchObject({ active: shared, countries: { MD: keyId } });
    const after = loadKeyring({ env: {}, file });
    const keyIds = (await listStoredNeeds(db)).map((need) => after.keyIdOf(need.codeSealed ?? ''));
    expect(keyIds.sort()).toEqual([keyId, shared].sort());
  });
});
