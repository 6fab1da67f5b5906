import { existsSync, unlinkSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeFailure, openDatabase, postgresErrorCode, type Database } from '@haven/server';
import { CliError } from './cli-error.js';

export const DEFAULT_DATA_DIR = './data/pglite';

export interface DatabaseOptions {
  /** PGlite data directory; only without DATABASE_URL. */
  readonly dataDir?: string | undefined;
}

/** Where the data lives, for messages: the PostgreSQL host and database, or the PGlite folder. */
export function describeDatabase(options: DatabaseOptions): string {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { host, pathname } = new URL(url);
    return `PostgreSQL ${host}${pathname}`;
  }
  return `PGlite ${resolve(options.dataDir ?? DEFAULT_DATA_DIR)}`;
}

/**
 * Opens PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite database in the data
 * directory. `mustExist` refuses to create an empty PGlite database (an export of nothing).
 */
export async function openCliDatabase(
  options: DatabaseOptions & { readonly mustExist?: boolean; readonly poolSize?: number },
): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url && options.dataDir !== undefined) {
    throw new CliError('--data-dir is for the embedded database; unset DATABASE_URL to use it');
  }
  if (url) {
    try {
      return await openDatabase({
        url,
        poolSize: options.poolSize,
        // A restart of PostgreSQL ends idle connections; the pool reconnects on the next query.
        onConnectionLost: (error) =>
          process.stderr.write(`PostgreSQL ended a pooled connection: ${error.message}\n`),
      });
    } catch (error) {
      throw new CliError(`Cannot connect to ${describeDatabase(options)}: ${errorMessage(error)}`);
    }
  }
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  if (options.mustExist && !existsSync(dataDir)) {
    throw new CliError(`No database in ${dataDir}; give --data-dir or set DATABASE_URL`);
  }
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  try {
    const database = await openDatabase({ dataDir });
    return {
      ...database,
      close: async () => {
        await database.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw new CliError(`Cannot open the database in ${dataDir}: ${errorMessage(error)}`);
  }
}

/**
 * PGlite does not stop a second process from opening the same data directory, and two writers
 * corrupt it (for example `haven import` while `haven start` runs). A lock file beside the
 * directory, holding the owner's process id, keeps one process at a time; a stale lock (its
 * process is gone) is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => void> {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: 'wx' });
      const unlock = (): void => {
        process.off('exit', unlock);
        try {
          unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.on('exit', unlock);
      return unlock;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
        throw new CliError(`Cannot lock ${dataDir}: ${errorMessage(error)}`);
      }
      const owner = Number(await readFile(lockPath, 'utf8').catch(() => ''));
      if (isRunning(owner)) {
        throw new CliError(
          `The database in ${dataDir} is in use by process ${owner} (haven start?). Stop it first, ` +
            `or use PostgreSQL (DATABASE_URL) to share a database. If no such process exists, delete ${lockPath}.`,
        );
      }
      unlinkSync(lockPath); // stale: its process is gone
    }
  }
  throw new CliError(`Cannot lock ${dataDir}: another process keeps taking the lock`);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) {
    return false;
  }
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(errorMessage).join('; ');
  }
  if (isDatabaseError(error)) {
    // Never the drizzle message: it holds the statement and its parameters (personal data).
    const { code, message } = describeFailure(error);
    return code ? `${message} (PostgreSQL ${code})` : message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A database failure: drizzle's query error or anything carrying a PostgreSQL code. */
function isDatabaseError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'DrizzleQueryError' ||
      error.constructor.name === 'DrizzleQueryError' ||
      ('query' in error && 'params' in error) ||
      postgresErrorCode(error) !== undefined)
  );
}
