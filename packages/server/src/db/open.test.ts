import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from './open.js';
import { testDatabaseUrl } from '../test-support/global-setup.js';

describe.skipIf(process.env.HAVEN_TEST_ENGINE !== 'postgres')(
  'a PostgreSQL connection pool',
  () => {
    it('survives the server ending its idle connections, and answers the next query', async () => {
      const lost: Error[] = [];
      const database = await openDatabase({
        url: testDatabaseUrl(),
        poolSize: 2,
        onConnectionLost: (error) => lost.push(error),
      });
      try {
        const [{ pid } = { pid: 0 }] = await queryRows<{ pid: number }>(
          database.db,
          sql`SELECT pg_backend_pid() AS pid`,
        );
        // What a restart or failover does to every idle connection.
        const admin = new pg.Client({ connectionString: testDatabaseUrl() });
        await admin.connect();
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await admin.end();
        await expect.poll(() => lost.length).toBe(1);

        const [row] = await queryRows<{ one: number }>(database.db, sql`SELECT 1 AS one`);
        expect(row?.one).toBe(1);
      } finally {
        await database.close();
      }
    });
  },
);
