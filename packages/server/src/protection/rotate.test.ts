import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/open.js';
import { openTestDatabase } from '../test-support/database.js';
import { needBinding } from './bindings.js';
import { addKeyToFile, generateKeyFile, type KeyFile } from './key-file.js';
import { loadKeyring } from './keyring.js';
import { countNeedsToReseal, listNeedsToReseal, updateResealedNeeds } from './queries.js';
import { rotateDataKeys } from './rotate.js';
import { insertPerson, insertSealedNeed, listStoredNeeds } from './test-support/needs.js';

describe('rotateDataKeys', () => {
  let database: Database;
  let folder: string;
  let file: string;
  beforeEach(async () => {
    database = await openTestDatabase();
    folder = await mkdtemp(join(tmpdir(), 'haven-rotate-'));
    file = join(folder, 'data-keys.json');
  });
  afterEach(async () => {
    await database.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('re-seals every value sealed with an old key, so that the new key alone opens them', async () => {
    const { db } = database;
    await generateKeyFile(file);
    const before = loadKeyring({ env: {}, file });
    const personId = await insertPerson(db);
    const values = new Map<string, { code: string | null; note: string | null }>();
    for (let i = 0; i < 7; i++) {
      const value = { code: i % 3 === 0 ? null : `SP-GBV-${i}`, note: i % 2 ? null : `note ${i}` };
      values.set(await insertSealedNeed(db, before, personId, value), value);
    }
    const oldKeyId = before.activeKeyId;

    const { keyId } = await addKeyToFile(file);
    const keyring = loadKeyring({ env: {}, file });
    expect(await countNeedsToReseal(db, keyId)).toBe(7);
    const progress: number[] = [];
    const result = await rotateDataKeys(db, keyring, {
      batchSize: 3,
      onProgress: ({ resealed }) => progress.push(resealed),
    });
    expect(result.resealed).toBe(7);
    expect(progress).toEqual([3, 6, 7]);
    expect(await countNeedsToReseal(db, keyId)).toBe(0);

    // Only the new key: what the old key sealed is gone from the table.
    const keys = JSON.parse(await readFile(file, 'utf8')) as KeyFile;
    const newKey = keys.keys.find((k) => k.id === keyId)?.key ?? '';
    const newKeyOnly = loadKeyring({ env: { HAVEN_DATA_KEY: newKey } });
    expect(newKeyOnly.activeKeyId).toBe(keyId);
    for (const need of await listStoredNeeds(db)) {
      // A row left with nothing sealed (i = 3) names no key.
      expect(need.keyId).toBe((need.codeSealed ?? need.noteSealed) ? keyId : null);
      const open = (sealed: string | null, column: 'code' | 'note') =>
        sealed === null ? null : newKeyOnly.open(sealed, needBinding(need.id, column));
      expect({ code: open(need.codeSealed, 'code'), note: open(need.noteSealed, 'note') }).toEqual(
        values.get(need.id),
      );
      for (const sealed of [need.codeSealed, need.noteSealed]) {
        expect(sealed === null || !sealed.includes(`.${oldKeyId}.`)).toBe(true);
      }
    }
    expect(await rotateDataKeys(db, keyring)).toEqual({ resealed: 0, passes: 1 });
  });

  it('leaves a need written after it was read as written, and re-seals it on the next pass', async () => {
    const { db } = database;
    await generateKeyFile(file);
    const before = loadKeyring({ env: {}, file });
    const personId = await insertPerson(db);
    const id = await insertSealedNeed(db, before, personId, { code: 'LP-AN', note: 'first' });
    const { keyId } = await addKeyToFile(file);
    const keyring = loadKeyring({ env: {}, file });

    const batch = await listNeedsToReseal(db, keyId, null, 10);
    const resealed = batch.map((need) => ({
      before: need,
      codeSealed: keyring.seal('LP-AN', needBinding(need.id, 'code')),
      noteSealed: keyring.seal('first', needBinding(need.id, 'note')),
      keyId,
    }));
    // Meanwhile a server that has not yet seen the new key rewrites the note.
    const second = before.seal('second', needBinding(id, 'note'));
    await db.execute(sql`UPDATE specific_needs SET note_sealed = ${second} WHERE id = ${id}`);
    expect(await updateResealedNeeds(db, resealed)).toBe(0);
    expect((await listStoredNeeds(db))[0]?.noteSealed).toBe(second);

    expect(await rotateDataKeys(db, keyring)).toEqual({ resealed: 1, passes: 2 });
    const [need] = await listStoredNeeds(db);
    expect(need?.keyId).toBe(keyId);
    expect(keyring.keyIdOf(need?.noteSealed ?? '')).toBe(keyId);
    expect(keyring.open(need?.noteSealed ?? '', needBinding(id, 'note'))).toBe('second');
  });

  it('re-seals a value whose key differs from the row key_id', async () => {
    const { db } = database;
    await generateKeyFile(file);
    const before = loadKeyring({ env: {}, file });
    const personId = await insertPerson(db);
    const id = await insertSealedNeed(db, before, personId, { code: 'LP-AN', note: null });
    const { keyId } = await addKeyToFile(file);
    const keyring = loadKeyring({ env: {}, file });
    // A writer that read activeKeyId after a reload, but sealed before it.
    await db.execute(sql`UPDATE specific_needs SET key_id = ${keyId} WHERE id = ${id}`);
    expect(await countNeedsToReseal(db, keyId)).toBe(1);
    expect(await rotateDataKeys(db, keyring)).toMatchObject({ resealed: 1 });
    const [need] = await listStoredNeeds(db);
    expect(keyring.keyIdOf(need?.codeSealed ?? '')).toBe(keyId);
  });

  it('stops at a value that does not open, naming the row but not the value', async () => {
    const { db } = database;
    await generateKeyFile(file);
    const before = loadKeyring({ env: {}, file });
    const personId = await insertPerson(db);
    const id = await insertSealedNeed(db, before, personId, { code: 'SP-GBV', note: null });
    // Someone copies another row's sealed code onto this one.
    const other = await insertSealedNeed(db, before, personId, { code: 'LP-ND', note: null });
    await db.execute(sql`
      UPDATE specific_needs SET code_sealed = (SELECT code_sealed FROM specific_needs WHERE id = ${other})
      WHERE id = ${id}`);
    await addKeyToFile(file);
    await expect(rotateDataKeys(db, loadKeyring({ env: {}, file }))).rejects.toThrow(
      new RegExp(`specific_needs.code of row ${id}`),
    );
  });
});
