import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataKeyError, generateKeyFile, loadKeyring, type Keyring } from '@haven/server';
import { CliError } from './cli-error.js';
import { DEFAULT_DATA_DIR, type DatabaseOptions } from './database.js';

/** The key file of an embedded database when no key is configured: beside its data directory. */
export function embeddedKeyFile(options: DatabaseOptions): string {
  return `${resolve(options.dataDir ?? DEFAULT_DATA_DIR)}-keys.json`;
}

/**
 * The data keys that seal protection needs, notes and document numbers. From HAVEN_DATA_KEYS_FILE or
 * HAVEN_DATA_KEY when set. Otherwise, for the embedded database only, a key file beside the data
 * directory, created on first use, so that `npm start` works on a fresh machine; a PostgreSQL
 * deployment must configure its key, so that keys and data are never kept in the same place.
 */
export async function openCliKeyring(
  options: DatabaseOptions & { readonly log?: (line: string) => void },
): Promise<Keyring> {
  const configured = Boolean(process.env.HAVEN_DATA_KEYS_FILE || process.env.HAVEN_DATA_KEY);
  try {
    if (configured) {
      return loadKeyring({
        env: process.env,
        onReloadError: (error) => options.log?.(`Data key file not reloaded: ${error.message}`),
      });
    }
    if (process.env.DATABASE_URL) {
      throw new DataKeyError(
        'No data key for PostgreSQL: set HAVEN_DATA_KEYS_FILE to a key file (create one with ' +
          'haven keys generate --file PATH) or HAVEN_DATA_KEY to 32 random bytes in base64',
      );
    }
    const file = embeddedKeyFile(options);
    if (!existsSync(file)) {
      const { keyId } = await generateKeyFile(file);
      options.log?.(
        `Created data key ${keyId} in ${file}. Back it up with the data: without it, ` +
          'protection needs, notes and document numbers cannot be read.',
      );
    }
    return loadKeyring({ env: process.env, file });
  } catch (error) {
    if (error instanceof DataKeyError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}
