import { createEphemeralKeyring, type Database } from '@haven/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../server/src/test-support/database.js';
import { loadDemoData } from '../commands/demo-data.js';

describe('demo cash assistance', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemoData(database.db, createEphemeralKeyring(), { households: 80, seed: 2022 });
  });
  afterAll(() => database.close());

  it('pays Romania and Poland for June 2022 and holds the person already paid in Romania', async () => {
    const { rows } = (await database.db.execute(
      sql`SELECT g.country_code, b.persons_paid, b.persons_held,
                 (SELECT array_agg(h.reason) FROM cash_holds h WHERE h.batch_id = b.id) AS reasons,
                 (SELECT sum(l.amount_minor)::int FROM cash_posting_lines l
                    JOIN cash_postings p ON p.id = l.posting_id
                   WHERE p.programme_id = g.id) AS ledger_sum
            FROM cash_batches b JOIN cash_programmes g ON g.id = b.programme_id
           ORDER BY g.country_code`,
    )) as unknown as {
      rows: {
        country_code: string;
        persons_paid: number;
        persons_held: number;
        reasons: string[] | null;
        ledger_sum: number;
      }[];
    };
    expect(rows.map((row) => row.country_code)).toEqual(['PL', 'RO']);
    const [poland, romania] = rows;
    expect(romania).toMatchObject({ persons_held: 0, ledger_sum: 0 });
    expect(poland).toMatchObject({ persons_held: 1, reasons: ['paid-elsewhere'], ledger_sum: 0 });
    expect(poland?.persons_paid).toBeGreaterThan(0);
  });
});
