import { createEphemeralKeyring, currentProtectionStatuses, type Database } from '@haven/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../server/src/test-support/database.js';
import { loadDemoData } from '../commands/demo-data.js';

describe('demo temporary protection', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemoData(database.db, createEphemeralKeyring(), { households: 80, seed: 2022 });
  });
  afterAll(() => database.close());

  it('grants protection in several countries on decided assessments and opens one conflict case', async () => {
    const { rows } = (await database.db.execute(
      sql`SELECT e.country_code, count(*)::int AS n,
                 bool_and(a.decided_by_name IS NOT NULL) AS decided
            FROM protection_status_events e JOIN eligibility_assessments a ON a.id = e.assessment_id
           WHERE e.status = 'granted' GROUP BY e.country_code ORDER BY e.country_code`,
    )) as unknown as { rows: { country_code: string; n: number; decided: boolean }[] };
    expect(rows.map((r) => r.country_code)).toEqual(expect.arrayContaining(['PL', 'RO']));
    expect(rows.every((r) => r.decided && r.n > 0)).toBe(true);

    const cases = (await database.db.execute(
      sql`SELECT person_id, state FROM protection_cases`,
    )) as unknown as { rows: { person_id: string; state: string }[] };
    expect(cases.rows).toEqual([expect.objectContaining({ state: 'open' })]);
    const mover = cases.rows[0]?.person_id ?? '';
    const statuses = await currentProtectionStatuses(database.db, [mover]);
    expect(statuses.get(mover)).toEqual([
      expect.objectContaining({ countryCode: 'RO', status: 'granted' }),
    ]);
  });
});
