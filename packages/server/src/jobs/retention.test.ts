import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openCorridorWithRun,
  uniqueName,
  type ManifestJson,
} from '../corridors/test-support/evacuations.js';
import { queryRows } from '../db/open.js';
import {
  buildRegistration,
  startTestApi,
  type AuthHeaders,
  type TestApi,
} from '../test-support/factories.js';
import { applyRetention } from './retention.js';

let api: TestApi;
let coordinator: AuthHeaders;
beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.as('evacuation-coordinator', { countries: ['PL'], siteIds: [] });
});
afterAll(() => api.close());

/** A run with one household of two on its manifest, one of whom carries a passport. */
async function runWithManifest(): Promise<{ runId: string; names: string[]; number: string }> {
  const { runId } = await openCorridorWithRun(api, coordinator);
  const names = [uniqueName(), uniqueName(), uniqueName()];
  const number = `FE${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  const added = await api.post(
    `/api/v1/evacuation-runs/${runId}/manifest/households`,
    {
      reference: `Family ${names[2] ?? ''}`,
      members: [
        {
          givenName: names[0],
          familyName: names[2],
          sex: 'female',
          birthDate: '1984-03-02',
          relationshipToHead: 'head',
          documentType: 'international-passport',
          documentNumber: number,
        },
        {
          givenName: names[1],
          familyName: names[2],
          sex: 'male',
          birthDate: '2015-06-07',
          relationshipToHead: 'child',
        },
      ],
    },
    coordinator,
  );
  expect(added.statusCode, added.body).toBe(201);
  return { runId, names, number };
}

/** Moves a run, as if it had been expected and arrived `days` ago. */
const endRunDaysAgo = (runId: string, days: number) =>
  api.database.db.execute(sql`UPDATE evacuation_runs SET
      planned_departure_at = now() - make_interval(days => ${days + 1}),
      expected_arrival_at = now() - make_interval(days => ${days}),
      updated_at = now() - make_interval(days => ${days})
    WHERE id = ${runId}`);

const rowsOf = (runId: string) =>
  queryRows<{ row: string; erased_at: string | null; birth_date: string }>(
    api.database.db,
    sql`SELECT m::text || h::text AS row, m.erased_at, m.birth_date
        FROM manifest_persons m JOIN manifest_households h ON h.id = m.household_id
        WHERE m.run_id = ${runId} ORDER BY m.position`,
  );

describe('retention of manifest entries never linked to a registered person', () => {
  it('erases them in place once their run ended more than the period ago, keeping the counts', async () => {
    const ended = await runWithManifest();
    const recent = await runWithManifest();
    // Five years is the rule; six years ago is past it, four is not.
    await endRunDaysAgo(ended.runId, 6 * 365);
    await endRunDaysAgo(recent.runId, 4 * 365);

    const outcome = await applyRetention(api.database.db, api.keyring);
    expect(outcome.manifestEntries).toBeGreaterThanOrEqual(2);

    const erased = await rowsOf(ended.runId);
    expect(erased.map((e) => e.erased_at !== null)).toEqual([true, true]);
    expect(erased.map((e) => e.birth_date)).toEqual(['1984', '2015']);
    for (const secret of [...ended.names, ended.number]) {
      expect(erased.map((e) => e.row).join('\n')).not.toContain(secret);
    }
    // Boarded stays what it was: the entries are erased, not deleted.
    const manifest = await api.get(`/api/v1/evacuation-runs/${ended.runId}/manifest`, coordinator);
    expect(manifest.json<ManifestJson>()).toMatchObject({ boarded: 2 });

    const kept = await rowsOf(recent.runId);
    expect(kept.map((e) => e.erased_at)).toEqual([null, null]);
    expect(kept.map((e) => e.row).join('\n')).toContain(recent.names[0]);
    const shown = await api.get(`/api/v1/evacuation-runs/${recent.runId}/manifest`, coordinator);
    expect(shown.body).toContain(recent.number);

    // Audited in the run's country chain, naming the entries but none of their data.
    const [audit] = await queryRows<{ detail: { persons: string[] }; purpose: string }>(
      api.database.db,
      sql`SELECT detail, purpose FROM audit_log
          WHERE action = 'manifest.erase' AND chain = 'PL' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit?.purpose).toBe('retention period ended');
    expect(audit?.detail.persons).toHaveLength(outcome.manifestEntries);

    // Nothing left to do: a second run erases nothing more.
    expect((await applyRetention(api.database.db, api.keyring)).manifestEntries).toBe(0);
  });

  it('counts the end of a run from its last check-in, and leaves linked entries to their person', async () => {
    const late = await runWithManifest();
    await endRunDaysAgo(late.runId, 6 * 365);
    // Someone checked in on the run a year ago (a late arrival): the run ended then.
    await api.database.db.execute(sql`UPDATE manifest_persons
        SET arrived_at = now() - make_interval(days => 365)
        WHERE run_id = ${late.runId} AND position = 1`);
    await applyRetention(api.database.db, api.keyring);
    expect((await rowsOf(late.runId)).map((e) => e.erased_at)).toEqual([null, null]);

    const linked = await runWithManifest();
    await endRunDaysAgo(linked.runId, 6 * 365);
    // Registered today (not from the pre-filled form; linked by hand here).
    const registration = await api.post('/api/v1/registrations', buildRegistration(api.siteId));
    expect(registration.statusCode, registration.body).toBe(201);
    const personId = registration.json<{ members: { id: string }[] }>().members[0]?.id ?? '';
    await api.database.db.execute(sql`UPDATE manifest_persons
        SET registration_person_id = ${personId}
        WHERE run_id = ${linked.runId} AND position = 0`);
    await applyRetention(api.database.db, api.keyring);
    const rows = await rowsOf(linked.runId);
    expect(rows.map((e) => e.erased_at === null)).toEqual([true, false]);
  });
});
