/**
 * The obvious alternative to the match index: PostgreSQL's pg_trgm similarity search over the
 * persons' names (given and family name as registered), with a GIN trigram index. Everything
 * lives in a scratch schema created here and dropped afterwards, the extension included when
 * the database did not have it.
 */
import pg from 'pg';
import type { PersonRecord } from '@haven/core/identity';

const SCHEMA = 'haven_bench_trgm';
const ROWS_PER_INSERT = 1000;

export interface TrigramSearch {
  /** Milliseconds to insert the rows and to build the GIN index. */
  readonly loadMs: number;
  readonly indexMs: number;
  readonly similarityThreshold: number;
  /** The ten most similar names (above the threshold), most similar first. */
  search(record: PersonRecord): Promise<string[]>;
  /** Drops the scratch schema and closes the connection. */
  close(): Promise<void>;
}

/** The name a clerk would type into a search box. */
export const searchableName = (record: PersonRecord): string =>
  [record.givenName, record.familyName].filter(Boolean).join(' ');

/**
 * Loads the persons' names into a scratch table with a GIN trigram index.
 * @example const trigrams = await openTrigramSearch(url, persons); await trigrams.search(person);
 */
export async function openTrigramSearch(
  databaseUrl: string,
  records: readonly PersonRecord[],
): Promise<TrigramSearch> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.query(`CREATE SCHEMA ${SCHEMA}`);
    // An extension installed already (in public, say) is used where it is; otherwise it is
    // created in the scratch schema and goes with it.
    await client.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA ${SCHEMA}`);
    const installed = await client.query<{ schema: string }>(
      `SELECT n.nspname AS schema FROM pg_extension e
       JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
    );
    const extensionSchema = installed.rows[0]?.schema ?? SCHEMA;
    await client.query(`SET search_path = ${SCHEMA}, ${extensionSchema}, public`);
    await client.query('CREATE TABLE persons (id text PRIMARY KEY, name text NOT NULL)');

    const loadStartedMs = performance.now();
    for (let from = 0; from < records.length; from += ROWS_PER_INSERT) {
      const chunk = records.slice(from, from + ROWS_PER_INSERT);
      await client.query(
        'INSERT INTO persons (id, name) SELECT * FROM unnest($1::text[], $2::text[])',
        [chunk.map(({ id }) => id), chunk.map(searchableName)],
      );
    }
    const indexStartedMs = performance.now();
    await client.query('CREATE INDEX persons_name_trgm ON persons USING gin (name gin_trgm_ops)');
    await client.query('ANALYZE persons');
    const indexMs = performance.now() - indexStartedMs;
    const threshold = await client.query<{ threshold: string }>(
      "SELECT current_setting('pg_trgm.similarity_threshold') AS threshold",
    );
    return {
      loadMs: indexStartedMs - loadStartedMs,
      indexMs,
      similarityThreshold: Number(threshold.rows[0]?.threshold ?? Number.NaN),
      async search(record) {
        const result = await client.query<{ id: string }>(
          `SELECT id FROM persons WHERE name % $1
           ORDER BY similarity(name, $1) DESC, id LIMIT 10`,
          [searchableName(record)],
        );
        return result.rows.map(({ id }) => id);
      },
      async close() {
        await dropAndClose(client);
      },
    };
  } catch (error) {
    await dropAndClose(client);
    throw error;
  }
}

async function dropAndClose(client: pg.Client): Promise<void> {
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  } finally {
    await client.end();
  }
}
