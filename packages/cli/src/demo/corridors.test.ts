import { createEphemeralKeyring, listSites, type Database } from '@haven/server';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../server/src/test-support/database.js';
import { DEMO_CORRIDORS, demoStatusHistory, loadDemoCorridors } from './corridors.js';

describe('demo corridors', () => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(() => database.close());

  it('has status histories the transition rules accept', () => {
    for (const corridor of DEMO_CORRIDORS) {
      expect(() => demoStatusHistory(corridor)).not.toThrow();
    }
  });

  it('loads about 300,000 evacuated through seven corridors, and a live run to Medyka, once', async () => {
    await database.db.execute(
      sql`INSERT INTO sites (country_code, name, kind, latitude, longitude)
          VALUES ('PL', 'Medyka', 'border-crossing', 49.8039, 22.9347)`,
    );
    const sites = await listSites(database.db);
    const loaded = await loadDemoCorridors(database.db, createEphemeralKeyring(), sites, 2022);
    expect(loaded).toMatchObject({ corridors: 8, evacuated: 300_000 });
    expect(loaded.manifestPersons).toBeGreaterThan(15);
    const again = await loadDemoCorridors(database.db, createEphemeralKeyring(), sites, 2022);
    expect(again.corridors).toBe(0);
  });
});
