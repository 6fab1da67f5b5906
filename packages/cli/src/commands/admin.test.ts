import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdministrator } from './admin.js';

describe('haven admin create', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'haven-admin-cli-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  const withPassword = async (password: string) => {
    const passwordFile = join(folder, 'password');
    await writeFile(passwordFile, `${password}\n`);
    return { passwordFile, dataDir: join(folder, 'pglite') };
  };

  it('refuses a common password before creating anything', async () => {
    const options = await withPassword('qwerty123456');
    await expect(createAdministrator({ username: 'first.admin', ...options })).rejects.toThrow(
      /^password: Is one of the most common passwords/,
    );
    expect(existsSync(options.dataDir)).toBe(false);
  });

  it('refuses a password that contains the user name', async () => {
    const options = await withPassword('First.Admin of the deployment');
    await expect(createAdministrator({ username: 'first.admin', ...options })).rejects.toThrow(
      'password: Must not contain the user name',
    );
  });
});
