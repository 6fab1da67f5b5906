import { createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needBinding } from './bindings.js';
import { DataKeyError, SealBrokenError, UnknownDataKeyError } from './errors.js';
import { addKeyToFile, generateKeyFile } from './key-file.js';
import { createEphemeralKeyring, dataKeyInfo, loadKeyring, SYSTEM_SCOPE } from './keyring.js';
import { sealLegacy } from './test-support/legacy.js';

const rowId = randomUUID();
const note = needBinding(rowId, 'note', 'PL');

/** Flips one bit of the ciphertext part and re-encodes it, as someone editing the column would. */
function flipBit(sealed: string): string {
  const parts = sealed.split('.');
  const body = Buffer.from(parts[4] ?? '', 'base64url');
  body[0] = (body[0] ?? 0) ^ 1;
  return [...parts.slice(0, 4), body.toString('base64url')].join('.');
}

describe('sealing', () => {
  const keyring = createEphemeralKeyring();

  it('opens what it sealed, with a fresh IV each time', () => {
    const plaintext = 'Survivor of violence; contact only through the caseworker. Ґ ї 🙂';
    const first = keyring.seal(plaintext, note);
    const second = keyring.seal(plaintext, note);
    expect(first).toMatch(/^v2\.[0-9a-f]{8}\.PL\.[\w-]{16}\.[\w-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('Survivor');
    expect(keyring.keyIdOf(first)).toBe(keyring.activeKeyId);
    expect(keyring.isCurrent(first)).toBe(true);
    expect(keyring.open(first, note)).toBe(plaintext);
    expect(keyring.open(keyring.seal('', note), note)).toBe('');
  });

  it('refuses a value copied onto another row, column, table or country', () => {
    const sealed = keyring.seal('SP-GBV', needBinding(rowId, 'code', 'PL'));
    for (const elsewhere of [
      needBinding(randomUUID(), 'code', 'PL'),
      needBinding(rowId, 'note', 'PL'),
      { table: 'persons', column: 'code', rowId, scope: 'PL' },
      needBinding(rowId, 'code', 'MD'),
      { ...needBinding(rowId, 'code', 'PL'), scope: SYSTEM_SCOPE },
    ]) {
      expect(() => keyring.open(sealed, elsewhere)).toThrow(SealBrokenError);
    }
    // Re-labelled as another country's value, it fails the tag: the scope is authenticated.
    const relabelled = sealed.replace('.PL.', '.MD.');
    expect(() => keyring.open(relabelled, needBinding(rowId, 'code', 'MD'))).toThrow(
      /does not open/,
    );
    expect(() => keyring.open(sealed, needBinding(rowId, 'code', 'MD'))).toThrow(
      /sealed for PL data.*another country/,
    );
  });

  it("seals each country's data with its own key, derived from the master by HKDF", () => {
    const master = randomBytes(32);
    const single = loadKeyring({ env: { HAVEN_DATA_KEY: master.toString('base64') } });
    const sealed = single.seal('FE123456', note);
    const [, , , ivText, bodyText] = sealed.split('.');
    const body = Buffer.from(bodyText ?? '', 'base64url');
    const open = (key: Buffer) => {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText ?? '', 'base64url'));
      decipher.setAAD(
        Buffer.from(
          JSON.stringify([
            'haven',
            'v2',
            single.activeKeyId,
            'PL',
            'specific_needs',
            'note',
            rowId,
          ]),
        ),
      );
      decipher.setAuthTag(body.subarray(-16));
      return Buffer.concat([decipher.update(body.subarray(0, -16)), decipher.final()]).toString();
    };
    const derived = (info: string) =>
      Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
    expect(open(derived(dataKeyInfo('PL')))).toBe('FE123456');
    expect(() => open(derived(dataKeyInfo('MD')))).toThrow();
    expect(() => open(master)).toThrow();
  });

  it('still opens values of the first format, sealed with the master key itself', () => {
    const master = randomBytes(32);
    const single = loadKeyring({ env: { HAVEN_DATA_KEY: master.toString('base64') } });
    const legacy = sealLegacy(master, single.activeKeyId, 'before per-country keys', note);
    expect(single.keyIdOf(legacy)).toBe(single.activeKeyId);
    expect(single.isCurrent(legacy)).toBe(false);
    expect(single.open(legacy, note)).toBe('before per-country keys');
    expect(() => single.open(legacy, needBinding(randomUUID(), 'note', 'PL'))).toThrow(
      SealBrokenError,
    );
  });

  it('refuses tampered values with a message that holds no plaintext', () => {
    const sealed = keyring.seal('canary-tamper-7f3a', note);
    const [, keyId, scope, iv, body] = sealed.split('.');
    const tampered = [
      flipBit(sealed),
      sealed.slice(0, -4),
      `v2.${keyId}.${scope}.${iv}.${body}.extra`,
      `v3.${keyId}.${scope}.${iv}.${body}`,
      `v1.${keyId}.${iv}.${body}`,
      `v2.${keyId}.pl.${iv}.${body}`,
      `v2.${keyId}.${scope}.${iv}.${body?.replace(/^./, '*')}`, // Node's decoder would skip the '*'
      'not sealed at all',
    ];
    for (const value of tampered) {
      let failure: unknown;
      try {
        keyring.open(value, note);
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(SealBrokenError);
      expect(String(failure)).not.toContain('canary');
      expect(String(failure)).toContain(rowId);
    }
  });

  it('refuses a binding without a country or system scope', () => {
    expect(() => keyring.seal('x', { ...note, scope: '' })).toThrow(DataKeyError);
    expect(() => keyring.seal('x', { ...note, scope: 'pl' })).toThrow(DataKeyError);
  });

  it('refuses a value sealed with a key it never had', () => {
    const sealed = createEphemeralKeyring().seal('x', note);
    expect(() => keyring.open(sealed, note)).toThrow(UnknownDataKeyError);
  });
});

describe('blind index', () => {
  it('is the same for the same value under one key, in every country, and differs by key', () => {
    const master = randomBytes(32).toString('base64');
    const one = loadKeyring({ env: { HAVEN_DATA_KEY: master } });
    const again = loadKeyring({ env: { HAVEN_DATA_KEY: master } });
    const index = one.blindIndex('document-number', 'FE123456');
    expect(index).toMatch(/^[0-9a-f]{8}\.[\w-]{43}$/);
    expect(again.blindIndex('document-number', 'FE123456')).toBe(index);
    expect(one.blindIndex('document-number', 'FE123457')).not.toBe(index);
    expect(createEphemeralKeyring().blindIndex('document-number', 'FE123456')).not.toBe(index);
    // Not a plain hash: without the key, a guessed number cannot be checked against it.
    expect(index).not.toBe(createHash('sha256').update('FE123456').digest('base64url'));
    expect(one.blindIndexes('document-number', 'FE123456')).toEqual([index]);
  });
});

describe('key sources', () => {
  let folder: string;
  let file: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'haven-keys-'));
    file = join(folder, 'data-keys.json');
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('creates a key file only its owner can read, and never overwrites one', async () => {
    const { keyId } = await generateKeyFile(file);
    const written: unknown = JSON.parse(await readFile(file, 'utf8'));
    expect(written).toMatchObject({ active: keyId, keys: [{ id: keyId }] });
    expect(loadKeyring({ env: {}, file }).activeKeyId).toBe(keyId);
    await expect(generateKeyFile(file)).rejects.toThrow(/already exists/);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(written);
  });

  it.skipIf(process.platform === 'win32')('refuses a key file others can read', async () => {
    await generateKeyFile(file);
    await chmod(file, 0o644);
    expect(() => loadKeyring({ env: { HAVEN_DATA_KEYS_FILE: file } })).toThrow(
      /open to other users \(mode 0644\).*chmod 600/,
    );
    await chmod(file, 0o640);
    expect(() => loadKeyring({ env: {}, file })).toThrow(DataKeyError);
    await expect(addKeyToFile(file)).rejects.toThrow(DataKeyError);
  });

  it('refuses a malformed key file without quoting it', async () => {
    const key = randomBytes(32).toString('base64');
    const attempts = [
      `{"active":"a","keys":[{"id":"a","key":"${key}",}]}`,
      JSON.stringify({
        active: 'b',
        keys: [{ id: 'a', key, createdAt: new Date().toISOString() }],
      }),
      JSON.stringify({
        active: 'a',
        keys: [{ id: 'a', key: key.slice(4), createdAt: '2026-01-01T00:00:00Z' }],
      }),
      JSON.stringify({
        active: 'a.b',
        keys: [{ id: 'a.b', key, createdAt: '2026-01-01T00:00:00Z' }],
      }),
    ];
    for (const text of attempts) {
      await writeFile(file, text, { mode: 0o600 });
      let failure: unknown;
      try {
        loadKeyring({ env: {}, file });
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(DataKeyError);
      expect(String(failure)).not.toContain(key.slice(4, 20));
      await rm(file);
    }
  });

  it('takes a single key from HAVEN_DATA_KEY, its id derived from the key', () => {
    const key = randomBytes(32).toString('base64');
    const first = loadKeyring({ env: { HAVEN_DATA_KEY: key } });
    const second = loadKeyring({ env: { HAVEN_DATA_KEY: key } });
    expect(first.activeKeyId).toMatch(/^[0-9a-f]{8}$/);
    expect(second.open(first.seal('x', note), note)).toBe('x');
    expect(() => loadKeyring({ env: { HAVEN_DATA_KEY: key.slice(0, 20) } })).toThrow(
      /HAVEN_DATA_KEY must be 32 random bytes/,
    );
    expect(() => loadKeyring({ env: {} })).toThrow(/No data key/);
  });

  it('opens values sealed with HAVEN_DATA_KEY once a key file takes over sealing', async () => {
    const key = randomBytes(32).toString('base64');
    const old = loadKeyring({ env: { HAVEN_DATA_KEY: key } }).seal('old', note);
    const { keyId } = await generateKeyFile(file);
    const both = loadKeyring({ env: { HAVEN_DATA_KEY: key, HAVEN_DATA_KEYS_FILE: file } });
    expect(both.activeKeyId).toBe(keyId);
    expect(both.open(old, note)).toBe('old');
  });

  it('reloads the file for a key it does not know, as after a rotation elsewhere', async () => {
    await generateKeyFile(file);
    const running = loadKeyring({ env: {}, file });
    const old = running.seal('before rotation', note);
    const { keyId, previousKeyId } = await addKeyToFile(file);
    expect(previousKeyId).toBe(running.keyIdOf(old));

    const rotated = loadKeyring({ env: {}, file });
    expect(rotated.activeKeyId).toBe(keyId);
    const fresh = rotated.seal('after rotation', note);
    expect(running.open(fresh, note)).toBe('after rotation');
    expect(rotated.open(old, note)).toBe('before rotation');
  });

  it('seals with a newly activated key without a restart', async () => {
    await generateKeyFile(file);
    const running = loadKeyring({ env: {}, file, checkIntervalMs: 0 });
    const { keyId } = await addKeyToFile(file);
    expect(running.keyIdOf(running.seal('x', note))).toBe(keyId);
    expect(running.activeKeyId).toBe(keyId);
  });

  it('keeps its keys when the file turns unreadable, and says so', async () => {
    await generateKeyFile(file);
    const failures: DataKeyError[] = [];
    const running = loadKeyring({
      env: {},
      file,
      checkIntervalMs: 0,
      onReloadError: (error) => failures.push(error),
    });
    const keyId = running.activeKeyId;
    await chmod(file, 0o604);
    expect(running.keyIdOf(running.seal('x', note))).toBe(keyId);
    expect(failures[0]?.message).toMatch(/open to other users/);
  });

  it('seals a pinned country with its own master key, and every other with the active one', async () => {
    const { keyId: shared } = await generateKeyFile(file);
    const { keyId: moldova, previousKeyId } = await addKeyToFile(file, { country: 'MD' });
    expect(previousKeyId).toBe(shared);
    const keyring = loadKeyring({ env: {}, file });
    expect(keyring.activeKeyId).toBe(shared);
    expect(keyring.activeKeyIdFor('MD')).toBe(moldova);
    expect(keyring.activeKeyIdFor('PL')).toBe(shared);
    const polish = keyring.seal('PL data', needBinding(rowId, 'note', 'PL'));
    const moldovan = keyring.seal('MD data', needBinding(rowId, 'note', 'MD'));
    expect(keyring.keyIdOf(polish)).toBe(shared);
    expect(keyring.keyIdOf(moldovan)).toBe(moldova);
    expect(keyring.isCurrent(moldovan)).toBe(true);
    // Blind indexes stay on the shared key: a passport is found in every country.
    expect(keyring.blindIndex('document-number', 'FE1')).toBe(
      loadKeyring({
        env: {
          HAVEN_DATA_KEY:
            (
              JSON.parse(await readFile(file, 'utf8')) as { keys: { id: string; key: string }[] }
            ).keys.find((k) => k.id === shared)?.key ?? '',
        },
      }).blindIndex('document-number', 'FE1'),
    );
    // Without Moldova's master, Moldova's data opens with nothing else.
    const written = JSON.parse(await readFile(file, 'utf8')) as {
      keys: { id: string; key: string }[];
    };
    const sharedOnly = loadKeyring({
      env: { HAVEN_DATA_KEY: written.keys.find((k) => k.id === shared)?.key ?? '' },
    });
    expect(sharedOnly.open(polish, needBinding(rowId, 'note', 'PL'))).toBe('PL data');
    expect(() => sharedOnly.open(moldovan, needBinding(rowId, 'note', 'MD'))).toThrow(
      UnknownDataKeyError,
    );
    await expect(addKeyToFile(file, { country: 'pl' })).rejects.toThrow(DataKeyError);
  });

  it('refuses a country pinned to a key the file does not hold', async () => {
    const { keyId } = await generateKeyFile(file);
    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await rm(file);
    await writeFile(file, JSON.stringify({ ...written, countries: { MD: 'abcdef12' } }), {
      mode: 0o600,
    });
    expect(() => loadKeyring({ env: {}, file })).toThrow(/pins MD to abcdef12/);
    expect(keyId).toMatch(/^[0-9a-f]{8}$/);
  });

  it('refuses a second rotation while one is writing the file', async () => {
    await generateKeyFile(file);
    await writeFile(`${file}.new`, '', { mode: 0o600 });
    await expect(addKeyToFile(file)).rejects.toThrow(/another key rotation is running/);
  });
});
