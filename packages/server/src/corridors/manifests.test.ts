import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type AuthHeaders, type TestApi } from '../test-support/factories.js';
import {
  hoursFrom,
  manifestCsv,
  openCorridorWithRun,
  send,
  type ManifestJson,
} from './test-support/evacuations.js';

let api: TestApi;
let coordinator: AuthHeaders;
let registrar: AuthHeaders;
beforeAll(async () => {
  api = await startTestApi();
  coordinator = await api.as('evacuation-coordinator', { countries: ['PL'], siteIds: [] });
  registrar = await api.as('registrar');
});
afterAll(() => api.close());
afterEach(() => {
  vi.useRealTimers();
});

const importCsv = (runId: string, csv: string, headers = coordinator) =>
  api.post(`/api/v1/evacuation-runs/${runId}/manifest/import`, { csv }, headers);
const checkIn = (runId: string, body: unknown, headers = registrar) =>
  api.post(`/api/v1/evacuation-runs/${runId}/check-ins`, body, headers);
const fieldsOf = (body: { errors?: { field: string }[] }) =>
  (body.errors ?? []).map((e) => e.field);

describe('a convoy with a 60-person manifest, 58 checked in (issue 5, done when)', () => {
  it('raises the 2 missing as alerts once the expected arrival plus margin has passed', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const imported = await importCsv(runId, manifestCsv(20));
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ households: 20, persons: 60 });
    const manifest = imported.json<{ manifest: ManifestJson }>().manifest;
    expect(manifest.boarded).toBe(60);

    // 19 households whole, and one member of the last: 58 people.
    for (const household of manifest.households.slice(0, 19)) {
      const answer = await checkIn(runId, { manifestHouseholdId: household.id });
      expect(answer.statusCode).toBe(200);
    }
    const last = manifest.households[19]?.members ?? [];
    await checkIn(runId, { manifestPersonId: last[0]?.id });

    const before = await api.get(`/api/v1/evacuation-runs/${runId}/reconciliation`, coordinator);
    expect(before.json()).toMatchObject({ boarded: 60, arrived: 58, notYetArrived: 2, missing: 0 });
    const noAlerts = await api.get(
      `/api/v1/evacuation-alerts?kind=missing-after-arrival-window&runId=${runId}`,
      coordinator,
    );
    expect(noAlerts.json()).toEqual([]);

    // Expected in 6 h with a 2 h margin: 8 h and a minute later, the two are missing.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(hoursFrom(new Date(), 8 + 1 / 60)) });
    const after = await api.get(`/api/v1/evacuation-runs/${runId}/reconciliation`, coordinator);
    expect(after.json()).toMatchObject({ arrived: 58, missing: 2, isOverdue: true });
    const missingIds = [last[1]?.id, last[2]?.id].sort();
    expect(
      after
        .json<{ missingPersons: { manifestPersonId: string }[] }>()
        .missingPersons.map((p) => p.manifestPersonId)
        .sort(),
    ).toEqual(missingIds);
    const alerts = await api.get(
      `/api/v1/evacuation-alerts?kind=missing-after-arrival-window&runId=${runId}`,
      coordinator,
    );
    expect(alerts.statusCode).toBe(200);
    const raised = alerts.json<{ id: string; manifestPersonId: string; status: string }[]>();
    expect(raised.map((a) => a.manifestPersonId).sort()).toEqual(missingIds);
    expect(raised.every((a) => a.status === 'open')).toBe(true);

    // Acknowledging is recorded; a late arrival resolves their alert.
    const ack = await api.post(
      `/api/v1/evacuation-alerts/${raised[0]?.id}/acknowledgement`,
      {},
      coordinator,
    );
    expect(ack.json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: expect.any(String),
    });
    await checkIn(runId, { manifestPersonId: last[1]?.id });
    const open = await api.get(
      `/api/v1/evacuation-alerts?kind=missing-after-arrival-window&runId=${runId}`,
      coordinator,
    );
    expect(open.json<{ manifestPersonId: string }[]>().map((a) => a.manifestPersonId)).toEqual([
      last[2]?.id,
    ]);
  });
});

describe('a run recorded after its expected arrival', () => {
  it('shows everyone not checked in as missing at once, and nobody once it is cancelled', async () => {
    const now = new Date();
    const { runId } = await openCorridorWithRun(api, coordinator, {
      plannedDepartureAt: hoursFrom(now, -10),
      expectedArrivalAt: hoursFrom(now, -5),
      arrivalMarginMinutes: 0,
    });
    await importCsv(runId, manifestCsv(1));
    const alerts = () =>
      api.get(
        `/api/v1/evacuation-alerts?kind=missing-after-arrival-window&runId=${runId}`,
        coordinator,
      );
    expect(await alerts().then((r) => r.json())).toHaveLength(3);
    const cancelled = await send(
      api,
      'PATCH',
      `/api/v1/evacuation-runs/${runId}`,
      { status: 'cancelled' },
      coordinator,
    );
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(await alerts().then((r) => r.json())).toEqual([]);
    const reconciliation = await api.get(
      `/api/v1/evacuation-runs/${runId}/reconciliation`,
      coordinator,
    );
    expect(reconciliation.json()).toMatchObject({ boarded: 3, missing: 0 });
  });
});

describe('manifest import', () => {
  it('refuses a CSV with missing columns, listing each', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const answer = await importCsv(runId, 'household,family_name,sex\nH1,Шевченко,female\n');
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'missing-columns' });
    expect(fieldsOf(answer.json())).toEqual(['csv.given_name', 'csv.birth_date']);
  });

  it('names every invalid cell by its line, and stores nothing', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const csv = [
      'household,given_name,family_name,sex,birth_date',
      'H1,Олена,Шевченко,female,1985-02-30',
      'H1,Данило,Шевченко,boy,2012',
      'H2,Петро,Коваль,male,1970',
    ].join('\n');
    const answer = await importCsv(runId, csv);
    expect(answer.statusCode).toBe(400);
    expect(fieldsOf(answer.json())).toEqual(['csv.line2.birth_date', 'csv.line3.sex']);
    const manifest = await api.get(`/api/v1/evacuation-runs/${runId}/manifest`, coordinator);
    expect(manifest.json()).toMatchObject({ boarded: 0, households: [] });
  });

  it('refuses the same person twice, in any script, naming both lines', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const csv = [
      'household;given_name;family_name;sex;birth_date',
      'H1;Олена;Шевченко;female;1985-02-03',
      'H1;Данило;Шевченко;male;2012',
      'H2;Olena;Shevchenko;female;1985-02-03',
    ].join('\n');
    const answer = await importCsv(runId, csv);
    expect(answer.statusCode).toBe(422);
    expect(answer.json()).toMatchObject({ code: 'duplicate-persons' });
    expect(answer.json().errors).toEqual([
      expect.objectContaining({
        field: 'csv.line4',
        message: expect.stringMatching(/Line 4 repeats line 2/),
      }),
    ]);
  });

  it('refuses someone already on the manifest from quick entry', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    await importCsv(runId, manifestCsv(1));
    const again = await api.post(
      `/api/v1/evacuation-runs/${runId}/manifest/households`,
      {
        members: [
          {
            givenName: 'Olena',
            familyName: 'Shevchenko',
            patronymic: 'Ivanivna',
            sex: 'female',
            birthDate: '1980-01-10',
            relationshipToHead: 'head',
          },
        ],
      },
      coordinator,
    );
    expect(again.statusCode).toBe(422);
    expect(fieldsOf(again.json())).toEqual(['members[0]']);
  });
});

describe('check-in', () => {
  it('is idempotent: a second check-in answers the first arrival', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const manifest = (await importCsv(runId, manifestCsv(1))).json<{ manifest: ManifestJson }>()
      .manifest;
    const personId = manifest.households[0]?.members[0]?.id;
    const first = await checkIn(runId, { manifestPersonId: personId });
    const second = await checkIn(runId, { manifestPersonId: personId });
    expect(first.json().arrivals[0]).toMatchObject({ alreadyCheckedIn: false });
    expect(second.json().arrivals[0]).toMatchObject({
      alreadyCheckedIn: true,
      arrivedAt: first.json().arrivals[0].arrivedAt,
    });
    const reconciliation = await api.get(
      `/api/v1/evacuation-runs/${runId}/reconciliation`,
      registrar,
    );
    expect(reconciliation.json()).toMatchObject({ boarded: 3, arrived: 1 });
  });

  it('pre-fills the registration, which registers and links back to the manifest', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const manifest = (await importCsv(runId, manifestCsv(1))).json<{ manifest: ManifestJson }>()
      .manifest;
    const household = manifest.households[0];
    const answer = await checkIn(runId, { manifestHouseholdId: household?.id });
    expect(answer.statusCode).toBe(200);
    const draft = answer.json().registrationDraft;
    expect(draft).toMatchObject({
      siteId: api.siteId,
      originPcode: 'UA46',
      arrivalMode: 'evacuation-convoy',
      household: {
        members: [
          {
            givenName: 'Олена',
            familyName: 'Шевченко',
            patronymic: 'Іванівна',
            relationshipToHead: 'head',
          },
          {},
          {},
        ],
      },
    });
    const members = draft.household.members.map(
      // The form sends the person without the manifest link (RegistrationInput is strict).
      (member: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(member).filter(([key]) => key !== 'manifestPersonId')),
    );
    const registered = await api.post(
      '/api/v1/registrations',
      {
        ...draft,
        household: { members },
        consent: { purposes: ['registration'], givenByMember: 0, method: 'verbal' },
      },
      registrar,
    );
    expect(registered.statusCode).toBe(201);
    const personId = registered.json().members[0].id;
    const link = await api.post(
      `/api/v1/manifest-persons/${household?.members[0]?.id}/registration-link`,
      { registrationPersonId: personId },
      registrar,
    );
    expect(link.statusCode).toBe(200);
    expect(link.json()).toMatchObject({ registrationPersonId: personId });
  });

  it('flags an unaccompanied child for child protection', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const csv =
      'household,given_name,family_name,sex,birth_date\nK1,Марко,Гнатюк,male,2011-04-04\nK1,Ліна,Гнатюк,female,2014\n';
    const manifest = (await importCsv(runId, csv)).json<{ manifest: ManifestJson }>().manifest;
    expect(manifest.households[0]?.members.map((m) => m.unaccompanied)).toEqual([true, true]);
    const answer = await checkIn(runId, {
      manifestPersonId: manifest.households[0]?.members[0]?.id,
    });
    expect(answer.json().flags).toEqual([expect.objectContaining({ kind: 'unaccompanied-child' })]);
    expect(answer.json().registrationDraft.household.members[0]).toMatchObject({
      childCareStatus: 'unaccompanied',
      specificNeeds: [{ code: 'SC-UC' }],
    });
    const caseworkerAlerts = await api.get(
      `/api/v1/evacuation-alerts?kind=unaccompanied-child&runId=${runId}`,
    );
    expect(caseworkerAlerts.json()).toHaveLength(1);
  });

  it('records someone not on the manifest as an unexpected arrival, once', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    await importCsv(runId, manifestCsv(1));
    const stranger = {
      givenName: 'Василь',
      familyName: 'Гуменюк',
      sex: 'male',
      birthDate: '1961',
      relationshipToHead: 'head',
    };
    const first = await checkIn(runId, { unexpectedPerson: stranger });
    expect(first.statusCode).toBe(200);
    expect(first.json().flags).toEqual([expect.objectContaining({ kind: 'unexpected-arrival' })]);
    const again = await checkIn(runId, {
      unexpectedPerson: { ...stranger, givenName: 'Vasyl', familyName: 'Humeniuk' },
    });
    expect(again.json().arrivals).toEqual([
      expect.objectContaining({
        manifestPersonId: first.json().arrivals[0].manifestPersonId,
        alreadyCheckedIn: true,
      }),
    ]);
    const reconciliation = await api.get(
      `/api/v1/evacuation-runs/${runId}/reconciliation`,
      coordinator,
    );
    expect(reconciliation.json()).toMatchObject({ boarded: 3, arrived: 0, unexpected: 1 });
  });

  it('refuses an id that is not on this manifest, and an ambiguous body', async () => {
    const { runId } = await openCorridorWithRun(api, coordinator);
    const unknown = await checkIn(runId, { manifestPersonId: crypto.randomUUID() });
    expect(unknown.statusCode).toBe(404);
    expect(fieldsOf(unknown.json())).toEqual(['manifestPersonId']);
    const none = await checkIn(runId, {});
    expect(none.statusCode).toBe(400);
  });
});
