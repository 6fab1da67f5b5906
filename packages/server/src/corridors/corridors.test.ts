import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type AuthHeaders, type TestApi } from '../test-support/factories.js';
import {
  buildCorridor,
  buildRun,
  hoursFrom,
  manifestCsv,
  openCorridorWithRun,
  send,
  uniqueHousehold,
  type ManifestJson,
} from './test-support/evacuations.js';

let api: TestApi;
let coordinator: AuthHeaders;
beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.as('evacuation-coordinator', { countries: ['PL'], siteIds: [] });
});
afterAll(() => api.close());

const fieldsOf = (body: { errors?: { field: string }[] }) =>
  (body.errors ?? []).map((e) => e.field);

describe('corridors', () => {
  it('opens, suspends and reopens a corridor, keeping who changed what and when', async () => {
    const created = await api.post(
      '/api/v1/corridors',
      buildCorridor({ status: 'planned' }),
      coordinator,
    );
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const now = new Date();
    const open = { status: 'open', windowStart: hoursFrom(now, -1), windowEnd: hoursFrom(now, 5) };
    expect(
      (await api.post(`/api/v1/corridors/${id}/status-changes`, open, coordinator)).json(),
    ).toMatchObject({
      status: 'open',
      isWindowOpen: true,
    });
    await api.post(
      `/api/v1/corridors/${id}/status-changes`,
      { status: 'suspended', reason: 'Shelling near Stryi' },
      coordinator,
    );
    const corridor = await api.get(`/api/v1/corridors/${id}`, coordinator);
    expect(corridor.json()).toMatchObject({
      status: 'suspended',
      isWindowOpen: false,
      canManage: true,
    });
    expect(corridor.json().statusHistory).toEqual([
      expect.objectContaining({
        status: 'planned',
        changedBy: expect.stringMatching(/^evacuation-coordinator/),
      }),
      expect.objectContaining({ status: 'open', windowEnd: open.windowEnd }),
      expect.objectContaining({
        status: 'suspended',
        reason: 'Shelling near Stryi',
        changedAt: expect.any(String),
      }),
    ]);
    const analyst = await api.as('analyst');
    const listed = await api.get('/api/v1/corridors', analyst);
    expect(listed.json()).toContainEqual(
      expect.objectContaining({ id, status: 'suspended', canManage: false }),
    );
  });

  it('creates a corridor once per idempotency key', async () => {
    const key = { ...coordinator, 'idempotency-key': crypto.randomUUID() };
    const body = buildCorridor({ name: 'Once' });
    const first = await api.post('/api/v1/corridors', body, key);
    const again = await api.post('/api/v1/corridors', body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const other = await api.post('/api/v1/corridors', buildCorridor({ name: 'Other' }), key);
    expect(other.statusCode).toBe(409);
  });

  it('refuses a window that ends before it starts, naming windowEnd', async () => {
    const now = new Date();
    const bad = { windowStart: hoursFrom(now, 5), windowEnd: hoursFrom(now, 1) };
    const created = await api.post('/api/v1/corridors', buildCorridor(bad), coordinator);
    expect(created.statusCode).toBe(400);
    expect(fieldsOf(created.json())).toEqual(['windowEnd']);
    const id = (await api.post('/api/v1/corridors', buildCorridor(), coordinator)).json().id;
    const change = await api.post(
      `/api/v1/corridors/${id}/status-changes`,
      { status: 'open', ...bad },
      coordinator,
    );
    expect(change.statusCode).toBe(400);
    expect(fieldsOf(change.json())).toEqual(['windowEnd']);
  });

  it('refuses a transition the rules do not allow, naming the allowed ones', async () => {
    const id = (await api.post('/api/v1/corridors', buildCorridor(), coordinator)).json().id;
    await api.post(`/api/v1/corridors/${id}/status-changes`, { status: 'closed' }, coordinator);
    const answer = await api.post(
      `/api/v1/corridors/${id}/status-changes`,
      { status: 'suspended' },
      coordinator,
    );
    expect(answer.statusCode).toBe(409);
    expect(answer.json().errors[0]).toMatchObject({
      field: 'status',
      message: 'From closed only: planned',
    });
  });

  it('records a diversion of the route', async () => {
    const id = (await api.post('/api/v1/corridors', buildCorridor(), coordinator)).json().id;
    const route = {
      type: 'LineString',
      coordinates: [
        [24.03, 49.84],
        [23.1, 50.2],
        [22.93, 49.8],
      ],
    };
    const changed = await send(api, 'PATCH', `/api/v1/corridors/${id}`, { route }, coordinator);
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ route, guarantors: ['ICRC'] });
    const romanian = await api.as('evacuation-coordinator', { countries: ['RO'], siteIds: [] });
    expect(
      (await send(api, 'PATCH', `/api/v1/corridors/${id}`, { route }, romanian)).statusCode,
    ).toBe(403);
  });

  it('refuses a route that is not a GeoJSON LineString, and a corridor outside the scope', async () => {
    const bad = await api.post(
      '/api/v1/corridors',
      buildCorridor({ route: { type: 'LineString', coordinates: [[24, 49]] } }),
      coordinator,
    );
    expect(fieldsOf(bad.json())).toEqual(['route.coordinates']);
    const romania = await api.post(
      '/api/v1/corridors',
      buildCorridor({ countryCode: 'RO' }),
      coordinator,
    );
    expect(romania.statusCode).toBe(403);
  });
});

describe('evacuation runs', () => {
  it('asks for a reason to run on a corridor that is not open, and records it', async () => {
    const corridorId = (await api.post('/api/v1/corridors', buildCorridor(), coordinator)).json()
      .id;
    await api.post(
      `/api/v1/corridors/${corridorId}/status-changes`,
      { status: 'closed' },
      coordinator,
    );
    const refused = await api.post(
      '/api/v1/evacuation-runs',
      buildRun(corridorId, api.siteId),
      coordinator,
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'closed-corridor-reason-required' });
    expect(fieldsOf(refused.json())).toEqual(['closedCorridorReason']);
    const reason = 'Medical evacuation agreed locally with both sides';
    const accepted = await api.post(
      '/api/v1/evacuation-runs',
      buildRun(corridorId, api.siteId, { closedCorridorReason: reason }),
      coordinator,
    );
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ closedCorridorReason: reason, status: 'planned' });
  });

  it('refuses an arrival expected before the departure, naming the field', async () => {
    const corridorId = (await api.post('/api/v1/corridors', buildCorridor(), coordinator)).json()
      .id;
    const now = new Date();
    const answer = await api.post(
      '/api/v1/evacuation-runs',
      buildRun(corridorId, api.siteId, {
        plannedDepartureAt: hoursFrom(now, 3),
        expectedArrivalAt: hoursFrom(now, 1),
      }),
      coordinator,
    );
    expect(answer.statusCode).toBe(400);
    expect(fieldsOf(answer.json())).toEqual(['expectedArrivalAt']);
  });

  it('records departure, checkpoint passages and incidents, then arrival', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const departed = await send(
      api,
      'PATCH',
      `/api/v1/evacuation-runs/${runId}`,
      { status: 'departed' },
      coordinator,
    );
    expect(departed.json()).toMatchObject({
      status: 'departed',
      operational: { actualDepartureAt: expect.any(String) },
    });
    const passage = await api.post(
      `/api/v1/evacuation-runs/${runId}/checkpoint-passages`,
      {
        name: 'Checkpoint Shehyni',
        passedAt: new Date().toISOString(),
        latitude: 49.79,
        longitude: 22.95,
      },
      coordinator,
    );
    expect(passage.statusCode).toBe(201);
    const incident = await api.post(
      `/api/v1/evacuation-runs/${runId}/incidents`,
      {
        kind: 'blockage',
        occurredAt: new Date().toISOString(),
        placeName: 'Horodok',
        description: 'Road blocked, detour',
      },
      coordinator,
    );
    expect(incident.json().operational).toMatchObject({
      checkpointPassages: [expect.objectContaining({ name: 'Checkpoint Shehyni' })],
      incidents: [expect.objectContaining({ kind: 'blockage', placeName: 'Horodok' })],
    });
    const arrived = await send(
      api,
      'PATCH',
      `/api/v1/evacuation-runs/${runId}`,
      { status: 'arrived' },
      coordinator,
    );
    expect(arrived.json()).toMatchObject({
      status: 'arrived',
      actualArrivalAt: expect.any(String),
    });
    const back = await send(
      api,
      'PATCH',
      `/api/v1/evacuation-runs/${runId}`,
      { status: 'departed' },
      coordinator,
    );
    expect(back.statusCode).toBe(409);
  });
});

describe('operational secrecy (issue 5 item 6)', () => {
  it('shows positions and timings of a run on the road only to evacuation coordinators in scope', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    await api.post(
      `/api/v1/evacuation-runs/${runId}/manifest/import`,
      { csv: manifestCsv(1) },
      coordinator,
    );
    await api.post(
      `/api/v1/evacuation-runs/${runId}/checkpoint-passages`,
      {
        name: 'Checkpoint Krakovets',
        passedAt: new Date().toISOString(),
        latitude: 49.95,
        longitude: 23.14,
      },
      coordinator,
    );
    const coordinatorView = (await api.get(`/api/v1/evacuation-runs/${runId}`, coordinator)).json();
    const secrets = [
      coordinatorView.operational.plannedDepartureAt,
      coordinatorView.operational.expectedArrivalAt,
      'Krakovets',
      'BC 1234 AA',
      '23.14',
    ];
    const analyst = await api.as('analyst');
    const registrar = await api.as('registrar');
    const caseworker = api.caseworker;
    for (const headers of [analyst, registrar]) {
      const one = await api.get(`/api/v1/evacuation-runs/${runId}`, headers);
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({ operational: null, boarded: 3 });
      const bodies = [
        one.body,
        (await api.get('/api/v1/evacuation-runs', headers)).body,
        (await api.get('/api/v1/evacuation-runs/export', headers)).body,
        (await api.get('/api/v1/statistics/evacuations', headers)).body,
        (await api.get('/api/v1/corridors', headers)).body,
      ];
      for (const body of bodies) {
        for (const secret of secrets) {
          expect(body).not.toContain(secret);
        }
      }
    }
    const coordinatorExport = await api.get('/api/v1/evacuation-runs/export', coordinator);
    expect(coordinatorExport.headers['content-type']).toMatch(/^text\/csv/);
    expect(coordinatorExport.body).toContain(coordinatorView.operational.expectedArrivalAt);
    // Only coordinators and the destination's registrars read names; positions need the operational right.
    expect((await api.get(`/api/v1/evacuation-runs/${runId}/manifest`, analyst)).statusCode).toBe(
      403,
    );
    expect(
      (await api.get(`/api/v1/evacuation-runs/${runId}/manifest`, caseworker)).statusCode,
    ).toBe(403);
    expect((await api.get(`/api/v1/evacuation-runs/${runId}/manifest`, registrar)).statusCode).toBe(
      200,
    );
    const passage = { name: 'X', passedAt: new Date().toISOString() };
    expect(
      (await api.post(`/api/v1/evacuation-runs/${runId}/checkpoint-passages`, passage, registrar))
        .statusCode,
    ).toBe(403);
  });

  it('hides runs outside the scope: another country, another site', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const romanian = await api.as('evacuation-coordinator', { countries: ['RO'], siteIds: [] });
    const elsewhere = await api.as('registrar', {
      countries: ['PL'],
      siteIds: [crypto.randomUUID()],
    });
    for (const headers of [romanian, elsewhere]) {
      expect((await api.get(`/api/v1/evacuation-runs/${runId}`, headers)).statusCode).toBe(404);
      expect((await api.get(`/api/v1/evacuation-runs/${runId}/manifest`, headers)).statusCode).toBe(
        404,
      );
      expect((await api.get('/api/v1/evacuation-runs', headers)).json()).not.toContainEqual(
        expect.objectContaining({ id: runId }),
      );
      const checkIn = await api.post(
        `/api/v1/evacuation-runs/${runId}/check-ins`,
        { manifestPersonId: crypto.randomUUID() },
        headers,
      );
      expect(checkIn.statusCode).toBe(404);
    }
    expect(
      (
        await send(
          api,
          'PATCH',
          `/api/v1/evacuation-runs/${runId}`,
          { status: 'cancelled' },
          romanian,
        )
      ).statusCode,
    ).toBe(404);
  });
});

/** The calendar day of an instant in Kyiv, as 'YYYY-MM-DD' (en-CA formats dates so). */
const kyivDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date(iso));

describe('figures', () => {
  it('counts arrived runs by manifest check-ins, else by reported headcount, never runs on the road', async () => {
    const analyst = await api.as('analyst');
    const created = await api.post(
      '/api/v1/corridors',
      buildCorridor({ name: 'Figures corridor' }),
      coordinator,
    );
    const corridorId = created.json().id;
    const now = new Date();
    const train = await api.post(
      '/api/v1/evacuation-runs',
      buildRun(corridorId, api.siteId, {
        kind: 'train',
        reportedHeadcount: 4200,
        plannedDepartureAt: hoursFrom(now, -30),
        expectedArrivalAt: hoursFrom(now, -20),
      }),
      coordinator,
    );
    await send(
      api,
      'PATCH',
      `/api/v1/evacuation-runs/${train.json().id}`,
      { status: 'arrived', actualArrivalAt: hoursFrom(now, -20) },
      coordinator,
    );
    // On the road with a reported headcount: not counted.
    await api.post(
      '/api/v1/evacuation-runs',
      buildRun(corridorId, api.siteId, { reportedHeadcount: 900 }),
      coordinator,
    );
    const withManifest = (
      await api.post('/api/v1/evacuation-runs', buildRun(corridorId, api.siteId), coordinator)
    ).json().id;
    const manifest = (
      await api.post(
        `/api/v1/evacuation-runs/${withManifest}/manifest/import`,
        { csv: manifestCsv(2) },
        coordinator,
      )
    ).json();
    await api.post(
      `/api/v1/evacuation-runs/${withManifest}/check-ins`,
      { manifestHouseholdId: manifest.manifest.households[0].id },
      coordinator,
    );
    const figures = await api.get(
      `/api/v1/statistics/evacuations?corridorId=${corridorId}`,
      analyst,
    );
    expect(figures.statusCode).toBe(200);
    // Days are Kyiv days: the corridor leaves from Ukraine.
    const trainDay = kyivDay(hoursFrom(now, -20));
    expect(figures.json()).toMatchObject({ total: 4203, corridorCount: 1 });
    expect(figures.json().corridors[0]).toMatchObject({ name: 'Figures corridor', total: 4203 });
    expect(figures.json().days).toContainEqual({
      day: trainDay,
      evacuated: trainDay === kyivDay(now.toISOString()) ? 4203 : 4200,
    });
    const corridor = await api.get(`/api/v1/corridors/${corridorId}`, analyst);
    expect(corridor.json()).toMatchObject({ evacuatedTotal: 4203 });
  });

  it('counts each check-in on the local day of its corridor, not the UTC day', async () => {
    const analyst = await api.as('analyst');
    const corridorOf = async (overrides: Record<string, unknown>) =>
      (await api.post('/api/v1/corridors', buildCorridor(overrides), coordinator)).json<{
        id: string;
        timeZone: string;
      }>();
    const kyiv = await corridorOf({ name: 'Kyiv days' });
    expect(kyiv.timeZone).toBe('Europe/Kyiv');
    const tokyo = await corridorOf({ name: 'Tokyo days', timeZone: 'Asia/Tokyo' });
    expect(tokyo.timeZone).toBe('Asia/Tokyo');

    /** One person boarded and checked in at `arrivedAt`. */
    const arrival = async (corridorId: string, arrivedAt: string) => {
      const runId = (
        await api.post('/api/v1/evacuation-runs', buildRun(corridorId, api.siteId), coordinator)
      ).json<{ id: string }>().id;
      const manifest = await api.post(
        `/api/v1/evacuation-runs/${runId}/manifest/households`,
        uniqueHousehold(),
        coordinator,
      );
      const [person] = manifest.json<ManifestJson>().households[0]?.members ?? [];
      const checkedIn = await api.post(
        `/api/v1/evacuation-runs/${runId}/check-ins`,
        { manifestPersonId: person?.id, arrivedAt },
        coordinator,
      );
      expect(checkedIn.statusCode).toBe(200);
    };
    // Kyiv is UTC+2 in early March 2022 (summer time began on 27 March).
    await arrival(kyiv.id, '2022-03-08T21:59:00Z'); // 23:59 on the 8th in Kyiv
    await arrival(kyiv.id, '2022-03-08T22:00:00Z'); // 00:00 on the 9th in Kyiv, still the 8th in UTC
    await arrival(kyiv.id, '2022-03-09T21:30:00Z'); // 23:30 on the 9th
    await arrival(tokyo.id, '2022-03-08T15:30:00Z'); // 00:30 on the 9th in Tokyo

    const daysOf = async (query: string) =>
      (await api.get(`/api/v1/statistics/evacuations?${query}`, analyst)).json<{
        total: number;
        days: { day: string; evacuated: number }[];
      }>();
    expect(await daysOf(`corridorId=${kyiv.id}`)).toMatchObject({
      total: 3,
      days: [
        { day: '2022-03-08', evacuated: 1 },
        { day: '2022-03-09', evacuated: 2 },
      ],
    });
    expect((await daysOf(`corridorId=${tokyo.id}`)).days).toEqual([
      { day: '2022-03-09', evacuated: 1 },
    ]);
    // from/to select local days as well.
    const ninth = await daysOf(`corridorId=${kyiv.id}&from=2022-03-09&to=2022-03-09`);
    expect(ninth).toMatchObject({ total: 2 });
  });

  it('asks for a time zone when the origin country has no single one, and refuses unknown zones', async () => {
    const noDefault = await api.post(
      '/api/v1/corridors',
      buildCorridor({
        origin: { name: 'Minsk', countryCode: 'BY', latitude: 53.9, longitude: 27.56 },
      }),
      coordinator,
    );
    expect(noDefault.statusCode).toBe(400);
    expect(noDefault.json().errors).toEqual([
      expect.objectContaining({ field: 'timeZone', in: 'body' }),
    ]);
    const unknown = await api.post(
      '/api/v1/corridors',
      buildCorridor({ timeZone: 'Europe/Atlantis' }),
      coordinator,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'timeZone', in: 'body', message: 'Unknown IANA time zone' },
    ]);
  });
});
