import {
  countPersonsForExport,
  listPersonsForExport,
  listSites,
  type Database,
} from '@haven/server';
import { createEphemeralKeyring } from '@haven/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../server/src/test-support/database.js';
import { loadDemoData } from './demo-data.js';

const keyring = createEphemeralKeyring();

describe('haven demo-data', () => {
  let database: Database;

  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(() => database.close());

  it('registers the households asked for at the demo sites, creating the sites once', async () => {
    const first = await loadDemoData(database.db, keyring, { households: 60, seed: 2022 });
    expect(first.households).toBe(60);
    expect(await countPersonsForExport(database.db, {})).toBe(first.persons);
    const { rows } = await listPersonsForExport(database.db, keyring, {}, undefined, 1000);
    expect(new Set(rows.map((r) => r.registrationId)).size).toBe(60);

    const second = await loadDemoData(database.db, keyring, { households: 10, seed: 2022 });
    expect(second.sites).toBe(first.sites);
    expect((await listSites(database.db)).length).toBe(first.sites);
    expect(await countPersonsForExport(database.db, {})).toBe(first.persons + second.persons);
  });
});
