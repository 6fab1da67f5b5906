import { setTimeout as sleep } from 'node:timers/promises';
import {
  addKeyToFile,
  countDocumentNumbersToReseal,
  countIdentitiesToReseal,
  countNeedsToReseal,
  DataKeyError,
  generateKeyFile,
  KEY_FILE_CHECK_INTERVAL_MS,
  loadKeyring,
  readKeyFile,
  rotateDataKeys,
  type Db,
} from '@haven/server';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError } from '../cli-error.js';
import { describeDatabase, openCliDatabase } from '../database.js';
import { numberFormat } from '../progress.js';

export interface RotateKeysOptions {
  /** Add a new key first (the default); without, finish an interrupted rotation. */
  readonly newKey: boolean;
  /** The new key is this host country's alone (pinned to it); others keep theirs. */
  readonly country?: string | undefined;
  readonly batchSize?: number | undefined;
  /** How long running servers may take to see the new key; they look every few seconds. */
  readonly settleMs?: number;
  readonly log: (line: string) => void;
}

/**
 * Adds a key to the key file, makes it active and re-seals every sealed value with it, online.
 * Servers reading the same file seal with the new key within KEY_FILE_CHECK_INTERVAL_MS; what
 * they seal before that is caught by a last pass once that time has passed.
 */
export async function rotateKeys(
  db: Db,
  file: string,
  options: RotateKeysOptions,
): Promise<{ readonly keyId: string; readonly resealed: number }> {
  const settleUntilMs = performance.now() + (options.settleMs ?? KEY_FILE_CHECK_INTERVAL_MS + 1000);
  // Reaches the table before the key file changes: a database without it fails here, untouched.
  await countNeedsToReseal(db, readKeyFile(file).keys.active);
  if (options.newKey) {
    const { keyId, previousKeyId } = await addKeyToFile(file, { country: options.country });
    options.log(
      options.country === undefined
        ? `Added data key ${keyId} to ${file} and made it active (was ${previousKeyId}).`
        : `Added data key ${keyId} to ${file} and pinned ${options.country} to it (was ` +
            `${previousKeyId}): ${options.country}'s data keys now derive from it alone.`,
    );
  }
  // The CLI's own keyring: HAVEN_DATA_KEY, if still set, opens what it sealed.
  const keyring = loadKeyring({ env: process.env, file });
  const keyId =
    options.country === undefined ? keyring.activeKeyId : keyring.activeKeyIdFor(options.country);
  const [needs, documents, identities] = await Promise.all([
    countNeedsToReseal(db, keyring),
    countDocumentNumbersToReseal(db, keyring),
    countIdentitiesToReseal(db, keyring),
  ]);
  options.log(
    `${numberFormat.format(needs)} specific needs, ${numberFormat.format(documents)} document ` +
      `numbers and ${numberFormat.format(identities)} pseudonymised identities to re-seal with ` +
      `key ${keyId} (each country's data with its own key derived from it).`,
  );
  const rotate = () =>
    rotateDataKeys(db, keyring, {
      batchSize: options.batchSize,
      onProgress: ({ resealed }) => {
        options.log(`  ${numberFormat.format(resealed)} re-sealed`);
      },
    });
  let { resealed } = await rotate();
  const waitMs = settleUntilMs - performance.now();
  if (options.newKey && waitMs > 0) {
    options.log('Waiting for running servers to pick up the new key…');
    await sleep(waitMs);
    resealed += (await rotate()).resealed;
  }
  return { keyId, resealed };
}

export function registerKeysCommand(program: Command): void {
  const keys = program
    .command('keys')
    .description(
      'Data keys that seal protection-class needs, notes, document numbers and pseudonymised ' +
        'identities (AES-256-GCM, one key per host country derived from each master key)',
    )
    .addHelpText(
      'after',
      '\nServers read keys from HAVEN_DATA_KEYS_FILE (a key file) or HAVEN_DATA_KEY (one base64 key).\n' +
        'Keep a backup of the key file: without it, sealed values cannot be read by anyone.',
    );

  keys
    .command('generate')
    .description('Create a key file with one new key, readable by its owner only (mode 0600)')
    .requiredOption('--file <path>', 'where to create the key file (never overwritten)')
    .action(async (options: { file: string }) => {
      const { keyId } = await asCliError(() => generateKeyFile(options.file));
      process.stderr.write(
        `Created ${options.file} with data key ${keyId}. Set HAVEN_DATA_KEYS_FILE=${options.file} ` +
          'for the server, and back the file up somewhere safe.\n',
      );
    });

  keys
    .command('rotate')
    .description(
      'Add a new key to the key file, make it active and re-seal every value with it, while ' +
        'servers keep running; every server must read this same file',
    )
    .option('--file <path>', 'the key file (default: HAVEN_DATA_KEYS_FILE)')
    .option('--no-new-key', 're-seal with the active key only (finish an interrupted rotation)')
    .option(
      '--country <code>',
      "give this host country a new master key of its own (pinned in the file's countries); " +
        'the other countries keep theirs',
      parseCountryCode,
    )
    .option('--batch-size <rows>', 'rows per batch (default 500)', parseBatchSize)
    .option(
      '--data-dir <dir>',
      'PGlite data directory (without DATABASE_URL; default ./data/pglite)',
    )
    .action(
      async (options: {
        file?: string;
        newKey: boolean;
        country?: string;
        batchSize?: number;
        dataDir?: string;
      }) => {
        const file = options.file ?? (process.env.HAVEN_DATA_KEYS_FILE || undefined);
        if (file === undefined) {
          throw new CliError(
            'Give --file PATH or set HAVEN_DATA_KEYS_FILE: rotation adds a key to a key file. ' +
              'With HAVEN_DATA_KEY alone, create one (haven keys generate --file PATH), set ' +
              'HAVEN_DATA_KEYS_FILE beside HAVEN_DATA_KEY, then run haven keys rotate --no-new-key.',
          );
        }
        // Check the file before touching anything else.
        await asCliError(() => Promise.resolve(readKeyFile(file)));
        const database = await openCliDatabase({ ...options, mustExist: true });
        try {
          const log = (line: string): void => {
            process.stderr.write(`${line}\n`);
          };
          const { keyId, resealed } = await asCliError(() =>
            rotateKeys(database.db, file, {
              newKey: options.newKey,
              country: options.country,
              batchSize: options.batchSize,
              // PGlite: no server can be running on the database this command holds.
              ...(database.engine === 'pglite' ? { settleMs: 0 } : {}),
              log,
            }),
          );
          log(
            `Re-sealed ${numberFormat.format(resealed)} values with key ${keyId} ` +
              `(${describeDatabase(options)}). Older keys stay in ${file}: backups still need them.`,
          );
        } finally {
          await database.close();
        }
      },
    );
}

function parseCountryCode(value: string): string {
  const code = value.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) {
    throw new InvalidArgumentError('an ISO 3166-1 alpha-2 country code, e.g. PL');
  }
  return code;
}

function parseBatchSize(value: string): number {
  const rows = Number(value);
  if (!Number.isInteger(rows) || rows < 1 || rows > 1000) {
    throw new InvalidArgumentError('a whole number from 1 to 1000');
  }
  return rows;
}

/** A key-source problem is the operator's to fix: its message alone, no stack. */
async function asCliError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DataKeyError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}
