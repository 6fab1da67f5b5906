import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A database or a transaction on it: every query function takes one as its first argument. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly db: Db;
  readonly engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL connection string; without it, an embedded PGlite database is used. */
  readonly url?: string | undefined;
  /** PGlite data directory; in memory when absent. */
  readonly dataDir?: string | undefined;
  /** A PGlite data-directory tarball to start from (tests restore a migrated snapshot). */
  readonly loadDataDir?: Blob | undefined;
  /** Size of the PostgreSQL connection pool. */
  readonly poolSize?: number | undefined;
  /**
   * Told when PostgreSQL ends an idle pooled connection (a restart, a failover, an administrator).
   * The pool drops that connection and opens a new one on the next query; the process goes on.
   */
  readonly onConnectionLost?: ((error: Error) => void) | undefined;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 20 });
    // Without a listener, an idle connection ended by the server would crash the whole process.
    pool.on('error', (error) => options.onConnectionLost?.(error));
    // Fail fast on a wrong URL instead of on the first request.
    const client = await pool.connect();
    client.release();
    return {
      db: drizzlePostgres(pool, { schema }) as unknown as Db,
      engine: 'postgres',
      close: () => pool.end(),
    };
  }
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
  });
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    engine: 'pglite',
    close: () => client.close(),
  };
}

/** Opens PGlite's underlying client for snapshotting (tests only need this). */
export async function dumpPglite(database: Database): Promise<Blob> {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('none');
}

/**
 * Runs a SQL query and returns its rows. Both drivers answer `{ rows }`; the row type is the
 * caller's statement of what its SELECT returns.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}

/** A json column's value: both drivers parse json, but a driver that hands back text is tolerated. */
export function jsonColumn<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
