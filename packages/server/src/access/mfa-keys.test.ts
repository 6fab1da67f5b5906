import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/open.js';
import { addKeyToFile, generateKeyFile, type KeyFile } from '../protection/key-file.js';
import { loadKeyring } from '../protection/keyring.js';
import { rotateDataKeys } from '../protection/rotate.js';
import { openTestDatabase } from '../test-support/database.js';
import { findMfa, startEnrolment } from './mfa-queries.js';
import { newTotpSecret } from './totp.js';
import { createUser } from './users.js';

describe('TOTP secrets and data-key rotation', () => {
  let database: Database;
  let folder: string;
  let file: string;
  beforeEach(async () => {
    database = await openTestDatabase();
    folder = await mkdtemp(join(tmpdir(), 'haven-mfa-keys-'));
    file = join(folder, 'data-keys.json');
  });
  afterEach(async () => {
    await database.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('re-seals them with the new key, so that the old key can go', async () => {
    const { db } = database;
    await generateKeyFile(file);
    const before = loadKeyring({ env: {}, file });
    const user = await createUser(db, {
      username: 'anna.n',
      displayName: 'Anna Nowak',
      password: 'tram lviv sunflower 42',
      role: 'registrar',
      countries: ['PL'],
      siteIds: [],
    });
    const secret = newTotpSecret();
    await startEnrolment(db, before, user?.id ?? '', secret);

    const { keyId } = await addKeyToFile(file);
    expect((await rotateDataKeys(db, loadKeyring({ env: {}, file }))).resealed).toBe(1);

    const keys = JSON.parse(await readFile(file, 'utf8')) as KeyFile;
    const newKeyOnly = loadKeyring({
      env: { HAVEN_DATA_KEY: keys.keys.find((k) => k.id === keyId)?.key ?? '' },
    });
    expect((await findMfa(db, newKeyOnly, user?.id ?? ''))?.secret).toBe(secret);
  });
});
