import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type AuthHeaders, type TestApi } from '../test-support/factories.js';
import {
  manifestCsv,
  openCorridorWithRun,
  send,
  type ManifestJson,
} from './test-support/evacuations.js';

let api: TestApi;
let coordinator: AuthHeaders;
/** Registrars of the run's destination (Medyka) and of the site it is diverted to (Przemyśl). */
let medykaRegistrar: AuthHeaders;
let przemyslRegistrar: AuthHeaders;
let przemysl: string;
let korczowa: string;
let siret: string;

const newSite = async (name: string, countryCode = 'PL') =>
  (
    await api.post(
      '/api/v1/sites',
      { name, countryCode, kind: 'reception-centre', latitude: 49.78, longitude: 22.77 },
      api.admin,
    )
  ).json<{ id: string }>().id;

beforeAll(async () => {
  api = await startTestApi();
  przemysl = await newSite('Przemyśl railway station');
  korczowa = await newSite('Korczowa');
  siret = await newSite('Siret', 'RO');
  coordinator = await api.as('evacuation-coordinator', { countries: ['PL'], siteIds: [] });
  medykaRegistrar = await api.as('registrar');
  przemyslRegistrar = await api.as('registrar', { siteIds: [przemysl] });
});
afterAll(() => api.close());

const divert = (runId: string, body: Record<string, unknown>, headers = coordinator) =>
  api.post(`/api/v1/evacuation-runs/${runId}/diversions`, body, headers);
const checkIn = (runId: string, body: Record<string, unknown>, headers: AuthHeaders) =>
  api.post(`/api/v1/evacuation-runs/${runId}/check-ins`, body, headers);

async function runWithManifest() {
  const { runId } = await openCorridorWithRun(api, coordinator);
  const imported = await api.post(
    `/api/v1/evacuation-runs/${runId}/manifest/import`,
    { csv: manifestCsv(3) },
    coordinator,
  );
  const manifest = imported.json<{ manifest: ManifestJson }>().manifest;
  return { runId, households: manifest.households };
}

describe('a convoy diverted on the road', () => {
  it('is checked in at the new site by its registrars, unflagged, and reconciles', async () => {
    const { runId, households } = await runWithManifest();
    // Before the diversion the Przemyśl registrar does not even see the run.
    expect((await api.get(`/api/v1/evacuation-runs/${runId}`, przemyslRegistrar)).statusCode).toBe(
      404,
    );

    const diverted = await divert(runId, {
      siteId: przemysl,
      reason: 'Medyka crossing closed after shelling nearby',
    });
    expect(diverted.statusCode).toBe(201);
    const run = diverted.json();
    expect(run.divertedTo).toMatchObject({ id: przemysl, name: 'Przemyśl railway station' });
    expect(run.destinationSite).toMatchObject({ id: api.siteId });
    const [diversion] = run.operational.diversions;
    expect(diversion).toMatchObject({
      fromSiteId: api.siteId,
      toSite: { id: przemysl },
      reason: 'Medyka crossing closed after shelling nearby',
      divertedBy: expect.any(String),
    });
    // Without an incident given, the diversion is recorded as one, and linked.
    expect(run.operational.incidents).toEqual([
      expect.objectContaining({ id: diversion.incidentId, kind: 'diversion' }),
    ]);

    const seen = await api.get(`/api/v1/evacuation-runs/${runId}`, przemyslRegistrar);
    expect(seen.json()).toMatchObject({ divertedTo: { id: przemysl }, canCheckIn: true });
    const arrival = await checkIn(
      runId,
      { manifestHouseholdId: households[0]?.id },
      przemyslRegistrar,
    );
    expect(arrival.statusCode).toBe(200);
    expect(arrival.json().flags).toEqual([]);
    expect(arrival.json().registrationDraft.siteId).toBe(przemysl);

    const manifest = await api.get(`/api/v1/evacuation-runs/${runId}/manifest`, coordinator);
    const arrived = manifest
      .json<{ households: { members: { arrival: { siteId: string } | null }[] }[] }>()
      .households[0]?.members.map((m) => m.arrival?.siteId);
    expect(arrived).toEqual([przemysl, przemysl, przemysl]);
    const reconciliation = await api.get(
      `/api/v1/evacuation-runs/${runId}/reconciliation`,
      coordinator,
    );
    expect(reconciliation.json()).toMatchObject({ boarded: 9, arrived: 3, notYetArrived: 6 });
  });

  it('allows check-in at another site in scope, flagged and raised to the coordinator', async () => {
    const { runId, households } = await runWithManifest();
    await divert(runId, { siteId: przemysl, reason: 'Road blocked' });
    const person = households[1]?.members[0]?.id;
    const elsewhere = await checkIn(
      runId,
      { manifestPersonId: person, siteId: korczowa },
      coordinator,
    );
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json().flags).toEqual([
      expect.objectContaining({ kind: 'arrival-at-other-site', manifestPersonId: person }),
    ]);
    // Checking in again answers the first arrival, with the same flag.
    const again = await checkIn(runId, { manifestPersonId: person }, coordinator);
    expect(again.json().arrivals[0]).toMatchObject({ alreadyCheckedIn: true });
    expect(again.json().flags).toEqual([
      expect.objectContaining({ kind: 'arrival-at-other-site' }),
    ]);
    const alerts = await api.get(
      `/api/v1/evacuation-alerts?kind=arrival-at-other-site&runId=${runId}`,
      coordinator,
    );
    expect(alerts.json()).toEqual([
      expect.objectContaining({
        manifestPersonId: person,
        destinationSite: expect.objectContaining({ id: przemysl }),
      }),
    ]);

    // The Medyka registrar still sees the run, but must say where they check in now.
    const unnamed = await checkIn(
      runId,
      { manifestPersonId: households[2]?.members[0]?.id },
      medykaRegistrar,
    );
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().errors).toEqual([
      {
        field: 'siteId',
        in: 'body',
        message:
          'Name the site where you check in: the run is now expected at Przemyśl railway station',
      },
    ]);
    const atMedyka = await checkIn(
      runId,
      { manifestPersonId: households[2]?.members[0]?.id, siteId: api.siteId },
      medykaRegistrar,
    );
    expect(atMedyka.json().flags).toEqual([
      expect.objectContaining({ kind: 'arrival-at-other-site' }),
    ]);
    // A site outside the caller's scope is refused, naming the field; nothing is recorded.
    const outside = await checkIn(
      runId,
      { manifestPersonId: households[2]?.members[1]?.id, siteId: przemysl },
      medykaRegistrar,
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0]).toMatchObject({ field: 'siteId' });
    const reconciliation = await api.get(
      `/api/v1/evacuation-runs/${runId}/reconciliation`,
      coordinator,
    );
    expect(reconciliation.json()).toMatchObject({ arrived: 2 });
  });

  it('links the diversion incident already recorded, and refuses another kind', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const incident = async (kind: string) =>
      (
        await api.post(
          `/api/v1/evacuation-runs/${runId}/incidents`,
          { kind, occurredAt: new Date().toISOString(), placeName: 'Mostyska' },
          coordinator,
        )
      )
        .json()
        .operational.incidents.at(-1).id as string;
    const blockage = await incident('blockage');
    const refused = await divert(runId, { siteId: przemysl, reason: 'x', incidentId: blockage });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'incidentId', in: 'body', message: 'Not a diversion incident of this run' },
    ]);
    const diversionIncident = await incident('diversion');
    const expectedArrivalAt = new Date(Date.now() + 9 * 3_600_000).toISOString();
    const linked = await divert(runId, {
      siteId: przemysl,
      reason: 'Sent north',
      incidentId: diversionIncident,
      expectedArrivalAt,
    });
    expect(linked.statusCode).toBe(201);
    expect(linked.json().operational).toMatchObject({
      expectedArrivalAt,
      diversions: [{ incidentId: diversionIncident }],
    });
    expect(linked.json().operational.incidents).toHaveLength(2);
  });

  it('refuses a diversion to where the run goes, outside scope, or of a run that is over', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const same = await divert(runId, { siteId: api.siteId, reason: 'x' });
    expect(same.statusCode).toBe(409);
    expect(same.json()).toMatchObject({ code: 'same-destination' });
    const foreign = await divert(runId, { siteId: siret, reason: 'x' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([
      { field: 'siteId', in: 'body', message: 'Not a reception site in your scope' },
    ]);
    expect(
      (await divert(runId, { siteId: przemysl, reason: 'x' }, medykaRegistrar)).statusCode,
    ).toBe(403);
    await send(
      api,
      'PATCH',
      `/api/v1/evacuation-runs/${runId}`,
      { status: 'cancelled' },
      coordinator,
    );
    const over = await divert(runId, { siteId: przemysl, reason: 'x' });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'run-not-in-transit' });
  });
});
