import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../db/open.js';
import { openTestDatabase } from '../test-support/database.js';
import {
  documentNumberBinding,
  identityBinding,
  mfaSecretBinding,
  needBinding,
} from './bindings.js';
import { addKeyToFile, generateKeyFile, type KeyFile } from './key-file.js';
import { loadKeyring, type Keyring } from './keyring.js';
import {
  countDocumentNumbersToReseal,
  countNeedsToReseal,
  listNeedsToReseal,
  updateResealedNeeds,
} from './queries.js';
import { rotateDataKeys } from './rotate.js';
import { insertDocument, listStoredDocuments } from './test-support/documents.js';
import { sealLegacy } from './test-support/legacy.js';
import { insertManifestEntry, listStoredManifestNumbers } from './test-support/manifest-entries.js';
import {
  insertPerson,
  insertSealedNeed,
  listStoredNeeds,
  TEST_COUNTRY,
} from './test-support/needs.js';

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
    const entryId = await insertManifestEntry(db, before, TEST_COUNTRY, 'FE 777 888');
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
    expect(progress).toEqual([3, 6, 7, 8]);
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
        sealed === null
          ? null
          : newKeyOnly.open(sealed, needBinding(need.id, column, TEST_COUNTRY));
      expect({ code: open(need.codeSealed, 'code'), note: open(need.noteSealed, 'note') }).toEqual(
        values.get(need.id),
      );
      for (const sealed of [need.codeSealed, need.noteSealed]) {
        expect(sealed === null || !sealed.includes(`.${oldKeyId}.`)).toBe(true);
      }
    }
    // The manifest's passport too, with its blind index under the new key.
    expect(result.resealed).toBe(8);
    const [entry] = await listStoredManifestNumbers(db);
    expect(
      newKeyOnly.open(
        entry?.numberSealed ?? '',
        documentNumberBinding(entryId, TEST_COUNTRY, 'manifest_persons'),
      ),
    ).toBe('FE 777 888');
    expect(entry?.numberIndex).toBe(newKeyOnly.blindIndex('document-number', 'FE777888'));
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
      codeSealed: keyring.seal('LP-AN', needBinding(need.id, 'code', TEST_COUNTRY)),
      noteSealed: keyring.seal('first', needBinding(need.id, 'note', TEST_COUNTRY)),
      keyId,
    }));
    // Meanwhile a server that has not yet seen the new key rewrites the note.
    const second = before.seal('second', needBinding(id, 'note', TEST_COUNTRY));
    await db.execute(sql`UPDATE specific_needs SET note_sealed = ${second} WHERE id = ${id}`);
    expect(await updateResealedNeeds(db, resealed)).toBe(0);
    expect((await listStoredNeeds(db))[0]?.noteSealed).toBe(second);

    expect(await rotateDataKeys(db, keyring)).toEqual({ resealed: 1, passes: 2 });
    const [need] = await listStoredNeeds(db);
    expect(need?.keyId).toBe(keyId);
    expect(keyring.keyIdOf(need?.noteSealed ?? '')).toBe(keyId);
    expect(keyring.open(need?.noteSealed ?? '', needBinding(id, 'note', TEST_COUNTRY))).toBe(
      'second',
    );
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

  it('re-seals first-format values, document numbers and identities under per-country keys', async () => {
    const { db } = database;
    const { keyId: firstKeyId } = await generateKeyFile(file);
    const master = Buffer.from(
      (JSON.parse(await readFile(file, 'utf8')) as KeyFile).keys[0]?.key ?? '',
      'base64',
    );
    const before = loadKeyring({ env: {}, file });
    const inPoland = await insertPerson(db, 'PL');
    const inMoldova = await insertPerson(db, 'MD');
    // Sealed before data keys were per country: the master key itself, no scope.
    const needId = await insertSealedNeed(db, before, inPoland, { code: null, note: null });
    const legacyNote = sealLegacy(
      master,
      firstKeyId,
      'legacy note',
      needBinding(needId, 'note', 'PL'),
    );
    await db.execute(
      sql`UPDATE specific_needs SET note_sealed = ${legacyNote} WHERE id = ${needId}`,
    );
    const identity = JSON.stringify({ given_name: 'Олена' });
    await db.execute(
      sql`UPDATE persons SET identity_sealed = ${sealLegacy(
        master,
        firstKeyId,
        identity,
        identityBinding(inPoland, 'PL'),
      )} WHERE id = ${inPoland}`,
    );
    const userId = randomUUID();
    await db.execute(sql`INSERT INTO users (id, username, display_name, password_hash, role, countries, site_ids)
      VALUES (${userId}, ${`u-${userId}`}, 'Test', 'x', 'registrar', '{}', '{}')`);
    await db.execute(sql`INSERT INTO user_mfa (user_id, totp_secret_sealed)
      VALUES (${userId}, ${sealLegacy(master, firstKeyId, 'TOTPSECRET', mfaSecretBinding(userId))})`);
    const documents = new Map([
      [
        await insertDocument(db, before, inPoland, 'FE 123456', 'PL'),
        { number: 'FE 123456', country: 'PL' },
      ],
      [
        await insertDocument(db, before, inMoldova, 'AB000111', 'MD'),
        { number: 'AB000111', country: 'MD' },
      ],
    ]);

    const expectAllOpenWith = async (keyring: Keyring) => {
      const [need] = await listStoredNeeds(db);
      expect(keyring.isCurrent(need?.noteSealed ?? '')).toBe(true);
      expect(keyring.open(need?.noteSealed ?? '', needBinding(needId, 'note', 'PL'))).toBe(
        'legacy note',
      );
      for (const stored of await listStoredDocuments(db)) {
        const { number, country } = documents.get(stored.id) ?? { number: '', country: '' };
        expect(stored.numberSealed?.split('.').slice(0, 3)).toEqual([
          'v2',
          keyring.activeKeyId,
          country,
        ]);
        expect(
          keyring.open(stored.numberSealed ?? '', documentNumberBinding(stored.id, country)),
        ).toBe(number);
        expect(stored.numberIndex).toBe(
          keyring.blindIndex('document-number', number.replace(' ', '')),
        );
      }
      const [person] = await queryRows<{ sealed: string }>(
        db,
        sql`SELECT identity_sealed AS sealed FROM persons WHERE id = ${inPoland}`,
      );
      expect(keyring.open(person?.sealed ?? '', identityBinding(inPoland, 'PL'))).toBe(identity);
      const [mfa] = await queryRows<{ sealed: string }>(
        db,
        sql`SELECT totp_secret_sealed AS sealed FROM user_mfa WHERE user_id = ${userId}`,
      );
      expect(mfa?.sealed.split('.').slice(0, 3)).toEqual(['v2', keyring.activeKeyId, 'system']);
      expect(keyring.open(mfa?.sealed ?? '', mfaSecretBinding(userId))).toBe('TOTPSECRET');
    };

    // The migration path: the same master, the values moved to per-country derived keys.
    expect(await countNeedsToReseal(db, firstKeyId)).toBe(1);
    expect(await rotateDataKeys(db, before)).toMatchObject({ resealed: 3 });
    await expectAllOpenWith(before);
    expect(await rotateDataKeys(db, before)).toEqual({ resealed: 0, passes: 1 });

    // A rotation: new master, new data keys, new blind indexes; the old key can be retired.
    const { keyId } = await addKeyToFile(file);
    expect(await rotateDataKeys(db, loadKeyring({ env: {}, file }))).toMatchObject({ resealed: 5 });
    const keys = JSON.parse(await readFile(file, 'utf8')) as KeyFile;
    const newKeyOnly = loadKeyring({
      env: { HAVEN_DATA_KEY: keys.keys.find((k) => k.id === keyId)?.key ?? '' },
    });
    await expectAllOpenWith(newKeyOnly);
  });

  it("re-seals only a newly pinned country's data with its own key", async () => {
    const { db } = database;
    await generateKeyFile(file);
    const before = loadKeyring({ env: {}, file });
    const polish = await insertDocument(db, before, await insertPerson(db, 'PL'), 'FE100', 'PL');
    const moldovan = await insertDocument(db, before, await insertPerson(db, 'MD'), 'AB200', 'MD');
    const [polishBefore] = (await listStoredDocuments(db)).filter((d) => d.id === polish);
    // Manifests of runs to a Polish and a Moldovan site: the same rule, by the run's country.
    const polishEntry = await insertManifestEntry(db, before, 'PL', 'FE300');
    const moldovanEntry = await insertManifestEntry(db, before, 'MD', 'AB400');
    const [polishEntryBefore] = (await listStoredManifestNumbers(db)).filter(
      (m) => m.id === polishEntry,
    );

    const { keyId } = await addKeyToFile(file, { country: 'MD' });
    const keyring = loadKeyring({ env: {}, file });
    expect(await countDocumentNumbersToReseal(db, keyring)).toBe(2);
    expect(await rotateDataKeys(db, keyring)).toMatchObject({ resealed: 2 });
    const entries = new Map((await listStoredManifestNumbers(db)).map((m) => [m.id, m]));
    expect(entries.get(polishEntry)).toEqual(polishEntryBefore);
    expect(keyring.keyIdOf(entries.get(moldovanEntry)?.numberSealed ?? '')).toBe(keyId);
    expect(
      keyring.open(
        entries.get(moldovanEntry)?.numberSealed ?? '',
        documentNumberBinding(moldovanEntry, 'MD', 'manifest_persons'),
      ),
    ).toBe('AB400');
    const stored = new Map((await listStoredDocuments(db)).map((d) => [d.id, d]));
    expect(stored.get(polish)).toEqual(polishBefore);
    expect(keyring.keyIdOf(stored.get(moldovan)?.numberSealed ?? '')).toBe(keyId);
    expect(
      keyring.open(stored.get(moldovan)?.numberSealed ?? '', documentNumberBinding(moldovan, 'MD')),
    ).toBe('AB200');
    // The blind index stays on the shared key: Moldova's passport is still found everywhere.
    expect(stored.get(moldovan)?.numberIndex).toBe(keyring.blindIndex('document-number', 'AB200'));
    expect(await rotateDataKeys(db, keyring)).toEqual({ resealed: 0, passes: 1 });
  });
});
