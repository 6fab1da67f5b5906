/**
 * The welfare officer's flow (issue 6 "done when"): a household granted protection is enrolled,
 * the period's batch pays each member once and holds the member already paid in another country;
 * the hold is reviewed; a second build returns the same batch; ceased protection is refused.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/open.js';
import {
  buildPerson,
  startTestApi,
  type AuthHeaders,
  type TestApi,
} from '../test-support/factories.js';
import {
  clusterAsOnePerson,
  grantInPoland,
  openProgramme,
  recordForeignStatus,
  registerHousehold,
} from './test-support/fixtures.js';

let api: TestApi;
let welfare: AuthHeaders;
let polish = '';
let romanian = '';
let mother = '';
let son = '';
let household = '';

const child = buildPerson({
  givenName: 'Дмитро',
  patronymic: 'Олегович',
  sex: 'male',
  birthDate: '2014-09',
  relationshipToHead: 'child',
  documents: [],
  specificNeeds: [],
});

beforeAll(async () => {
  api = await startTestApi();
  welfare = await api.as('welfare-officer', { countries: ['PL', 'RO'], siteIds: [] });
  polish = await openProgramme(api, welfare, 'UNHCR-PL-MPCA-2022');
  romanian = await openProgramme(api, welfare, 'UNHCR-RO-MPCA-2022');
  const registered = await registerHousehold(api, [buildPerson(), child]);
  household = registered.householdId;
  [mother = '', son = ''] = registered.personIds;
  await grantInPoland(api, mother);
  await grantInPoland(api, son);
  // The mother was also registered, granted, enrolled and paid in Romania for June.
  const {
    householdId: inRomania,
    personIds: [motherInRomania = ''],
  } = await registerHousehold(api);
  await recordForeignStatus(api.database.db, motherInRomania, 'RO');
  await clusterAsOnePerson(api.database.db, [mother, motherInRomania]);
  const enrolled = await api.post(
    `/api/v1/cash/programmes/${romanian}/enrolments`,
    { householdId: inRomania, recipientPersonId: motherInRomania, enrolledOn: '2022-06-01' },
    welfare,
  );
  expect(enrolled.statusCode, enrolled.body).toBe(201);
  const paidInRomania = await api.post(
    `/api/v1/cash/programmes/${romanian}/batches`,
    { period: '2022-06' },
    welfare,
  );
  expect(paidInRomania.json()).toMatchObject({
    personsPaid: 1,
    total: { amountMinor: 107_000, currency: 'RON' },
  });
});
afterAll(() => api.close());

describe('enrol, build the batch, hold the member paid in Romania', () => {
  let batchId = '';

  it('enrols the household (a caseworker may) with its entitlement and schedule', async () => {
    const response = await api.post(`/api/v1/cash/programmes/${polish}/enrolments`, {
      householdId: household,
      recipientPersonId: mother,
      enrolledOn: '2022-06-10',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'active',
      memberCount: 2,
      entitlement: { amountMinor: 130_000, currency: 'PLN' },
      schedule: [
        { period: '2022-06', state: 'not-built' },
        { period: '2022-07', state: 'not-built' },
        { period: '2022-08', state: 'not-built' },
      ],
    });
    const again = await api.post(`/api/v1/cash/programmes/${polish}/enrolments`, {
      householdId: household,
      recipientPersonId: mother,
      enrolledOn: '2022-06-10',
    });
    expect(again.statusCode).toBe(409);
  });

  it('pays the son, holds the mother as paid elsewhere, and the ledger balances', async () => {
    const built = await api.post(
      `/api/v1/cash/programmes/${polish}/batches`,
      { period: '2022-06' },
      welfare,
    );
    expect(built.statusCode, built.body).toBe(201);
    const batch = built.json<{ id: string }>();
    batchId = batch.id;
    expect(batch).toMatchObject({
      period: '2022-06',
      payments: 1,
      personsPaid: 1,
      personsHeld: 1,
      heldByReason: { 'paid-elsewhere': 1 },
      // Recomputed as a household of one: 700 PLN, not 1,300.
      total: { amountMinor: 70_000, currency: 'PLN' },
      ledger: {
        ledgerSumMinor: 0,
        committedMinor: 70_000,
        paymentLinesMinor: 70_000,
        balanced: true,
      },
    });
    const payments = await api.get(`/api/v1/cash/batches/${batchId}/payments`, welfare);
    expect(payments.json()).toMatchObject({
      items: [
        {
          recipientPersonId: son,
          personsCovered: 1,
          amount: { amountMinor: 70_000 },
          outcome: 'pending',
        },
      ],
    });
  });

  it('returns the same batch when the period is built again', async () => {
    const again = await api.post(
      `/api/v1/cash/programmes/${polish}/batches`,
      { period: '2022-06' },
      welfare,
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: batchId, payments: 1 });
    const [count] = await queryRows<{ n: number }>(
      api.database.db,
      sql`SELECT count(*)::int AS n FROM cash_batches WHERE programme_id = ${polish}`,
    );
    expect(count?.n).toBe(1);
  });

  it('shows the hold with the Romanian payment, and a release pays the top-up once', async () => {
    const holds = await api.get(`/api/v1/cash/holds?programmeId=${polish}`, welfare);
    expect(holds.statusCode, holds.body).toBe(200);
    const [hold] = holds.json<{ items: { id: string }[] }>().items;
    expect(hold).toMatchObject({
      personId: mother,
      reason: 'paid-elsewhere',
      state: 'open',
      conflict: { countryCode: 'RO', period: '2022-06' },
    });
    const caseworkerTries = await api.post(`/api/v1/cash/holds/${hold?.id ?? ''}/decision`, {
      decision: 'release',
      reason: 'x',
    });
    expect(caseworkerTries.statusCode).toBe(403);
    const released = await api.post(
      `/api/v1/cash/holds/${hold?.id ?? ''}/decision`,
      { decision: 'release', reason: 'Romania confirmed the June payment failed at the counter' },
      welfare,
    );
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({
      state: 'released',
      decidedByName: expect.stringContaining('welfare-officer'),
    });
    const twice = await api.post(
      `/api/v1/cash/holds/${hold?.id ?? ''}/decision`,
      { decision: 'cancel', reason: 'again' },
      welfare,
    );
    expect(twice.statusCode).toBe(409);
    const batch = await api.get(`/api/v1/cash/batches/${batchId}`, welfare);
    expect(batch.json()).toMatchObject({
      payments: 2,
      total: { amountMinor: 130_000 },
      personsHeld: 0,
      ledger: {
        ledgerSumMinor: 0,
        committedMinor: 130_000,
        paymentLinesMinor: 130_000,
        balanced: true,
      },
    });
    const [audit] = await queryRows<{ n: number }>(
      api.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'cash-hold.release' AND resource_id = ${hold?.id ?? ''}`,
    );
    expect(audit?.n).toBe(1);
  });

  it("shows the person's payments and the enrolment's schedule", async () => {
    const person = await api.get(`/api/v1/persons/${son}/cash-assistance`, welfare);
    expect(person.json()).toMatchObject({
      payments: [{ period: '2022-06', countryCode: 'PL', amount: { amountMinor: 70_000 } }],
    });
  });
});

describe('refusals', () => {
  it('refuses to enrol a person whose protection has ceased, naming them and why', async () => {
    const {
      householdId,
      personIds: [person = ''],
    } = await registerHousehold(api);
    await grantInPoland(api, person);
    const ceased = await api.post(`/api/v1/persons/${person}/protection/events`, {
      countryCode: 'PL',
      status: 'ceased',
      effectiveOn: '2022-05-01',
      reason: 'returned-to-ukraine',
    });
    expect(ceased.statusCode, ceased.body).toBe(201);
    const response = await api.post(
      `/api/v1/cash/programmes/${polish}/enrolments`,
      { householdId, recipientPersonId: person, enrolledOn: '2022-06-01' },
      welfare,
    );
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'protection-not-active',
      errors: [{ field: 'personIds[0]', message: expect.stringContaining('ceased') }],
    });
  });

  it('holds a member whose protection ceased after enrolment, and will not release them', async () => {
    const {
      householdId,
      personIds: [person = ''],
    } = await registerHousehold(api);
    await grantInPoland(api, person);
    const enrolled = await api.post(
      `/api/v1/cash/programmes/${polish}/enrolments`,
      { householdId, recipientPersonId: person, enrolledOn: '2022-07-01' },
      welfare,
    );
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    await api.post(`/api/v1/persons/${person}/protection/events`, {
      countryCode: 'PL',
      status: 'ceased',
      effectiveOn: '2022-07-05',
      reason: 'moved-to-another-country',
    });
    const built = await api.post(
      `/api/v1/cash/programmes/${polish}/batches`,
      { period: '2022-07' },
      welfare,
    );
    expect(built.json()).toMatchObject({ heldByReason: { 'status-ceased': 1 } });
    const holds = await api.get(
      `/api/v1/cash/holds?batchId=${built.json<{ id: string }>().id}`,
      welfare,
    );
    const hold = holds
      .json<{ items: { id: string; personId: string }[] }>()
      .items.find((item) => item.personId === person);
    const release = await api.post(
      `/api/v1/cash/holds/${hold?.id ?? ''}/decision`,
      { decision: 'release', reason: 'try' },
      welfare,
    );
    expect(release.statusCode).toBe(422);
    expect(release.json()).toMatchObject({
      code: 'status-ceased',
      detail: expect.stringContaining('ceased'),
    });
  });

  it('refuses bad input with a reason per field', async () => {
    const badPeriod = await api.post(
      `/api/v1/cash/programmes/${polish}/batches`,
      { period: '2022-13' },
      welfare,
    );
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json()).toMatchObject({
      errors: [expect.objectContaining({ field: 'period' })],
    });
    const outside = await api.post(
      `/api/v1/cash/programmes/${polish}/batches`,
      { period: '2023-01' },
      welfare,
    );
    expect(outside.statusCode).toBe(422);
    const notMember = await api.post(
      `/api/v1/cash/programmes/${polish}/enrolments`,
      {
        householdId: household,
        personIds: [son],
        recipientPersonId: mother,
        enrolledOn: '2022-06-01',
      },
      welfare,
    );
    expect(notMember.statusCode).toBe(400);
    expect(notMember.json()).toMatchObject({ errors: [{ field: 'recipientPersonId' }] });
  });
});

describe('access', () => {
  it('keeps programmes to their countries and the money side to welfare officers', async () => {
    const romaniaOnly = await api.as('welfare-officer', { countries: ['RO'], siteIds: [] });
    expect((await api.get(`/api/v1/cash/programmes/${polish}`, romaniaOnly)).statusCode).toBe(404);
    const listed = await api.get('/api/v1/cash/programmes', romaniaOnly);
    expect(listed.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([
      romanian,
    ]);
    expect(
      (await api.post(`/api/v1/cash/programmes/${polish}/batches`, { period: '2022-08' }))
        .statusCode,
    ).toBe(403);
    const registrar = await api.as('registrar', { siteIds: [api.siteId] });
    expect((await api.get('/api/v1/cash/programmes', registrar)).statusCode).toBe(403);
    const polandOnly = await api.as('welfare-officer', { countries: ['PL'], siteIds: [] });
    expect(
      (await api.post('/api/v1/cash/programmes', { templateId: 'UNHCR-RO-MPCA-2022' }, polandOnly))
        .statusCode,
    ).toBe(403);
  });
});
