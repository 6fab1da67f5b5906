/**
 * Releasing a hold when the household has already reached its cap (issue 6 gap 2): nothing more
 * is paid, but a zero-amount line still covers the person for the period, so the cross-country
 * guard holds them elsewhere; the ledger stays balanced and the provider never sees the line.
 * And the writes of this area resent with the same Idempotency-Key (gap 1) happen once.
 */
import { randomUUID } from 'node:crypto';
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
  changeStatusInPoland,
  clusterAsOnePerson,
  firstHoldOf,
  grantInPoland,
  openProgramme,
  providerResultFile,
  reconcileBatch,
  recordForeignStatus,
  registerHousehold,
} from './test-support/fixtures.js';

let api: TestApi;
let welfare: AuthHeaders;
let polish = '';
let romanian = '';
/** A household of five in Poland: four reach the 2,500 PLN cap, the fifth is held. */
let household = '';
let members: string[] = [];
let fifth = '';

const withKey = (key: string, headers: AuthHeaders): AuthHeaders => ({
  ...headers,
  'idempotency-key': key,
});

beforeAll(async () => {
  api = await startTestApi();
  welfare = await api.as('welfare-officer', { countries: ['PL', 'RO'], siteIds: [] });
  polish = await openProgramme(api, welfare, 'UNHCR-PL-MPCA-2022');
  romanian = await openProgramme(api, welfare, 'UNHCR-RO-MPCA-2022');
  const registered = await registerHousehold(api, [
    buildPerson(),
    ...['2010-01', '2012-02', '2014-03', '2016-04'].map((birthDate) =>
      buildPerson({ birthDate, relationshipToHead: 'child', documents: [], specificNeeds: [] }),
    ),
  ]);
  household = registered.householdId;
  members = registered.personIds;
  fifth = members[4] ?? '';
  for (const person of members) {
    await grantInPoland(api, person);
  }
});
afterAll(() => api.close());

describe('enrolment resent with the same Idempotency-Key', () => {
  it('enrols once and answers the same enrolment', async () => {
    const key = randomUUID();
    const body = {
      householdId: household,
      recipientPersonId: members[0],
      enrolledOn: '2022-06-01',
    };
    const url = `/api/v1/cash/programmes/${polish}/enrolments`;
    const first = await api.post(url, body, withKey(key, welfare));
    expect(first.statusCode, first.body).toBe(201);
    const resent = await api.post(url, body, withKey(key, welfare));
    expect(resent.statusCode, resent.body).toBe(201);
    expect(resent.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    // A new key is a new request: the household is enrolled already.
    expect((await api.post(url, body, welfare)).statusCode).toBe(409);
  });
});

describe('a hold released when the household cap is already reached', () => {
  let batchId = '';
  let holdId = '';

  it('is held first: the fifth member’s protection is suspended when the batch is built', async () => {
    await changeStatusInPoland(api, fifth, 'suspended', '2022-05-20');
    const built = await api.post(
      `/api/v1/cash/programmes/${polish}/batches`,
      { period: '2022-06' },
      welfare,
    );
    expect(built.statusCode, built.body).toBe(201);
    const batch = built.json<{ id: string }>();
    batchId = batch.id;
    expect(batch).toMatchObject({
      personsPaid: 4,
      personsHeld: 1,
      heldByReason: { 'status-not-active': 1 },
      total: { amountMinor: 250_000, currency: 'PLN' },
    });
    holdId = await firstHoldOf(api, welfare, batchId);
    expect(holdId).not.toBe('');
  });

  it('records a zero-amount line covering the person, once, with the ledger balanced', async () => {
    await changeStatusInPoland(api, fifth, 'granted', '2022-06-05');

    const key = randomUUID();
    const decision = { decision: 'release', reason: 'Suspension lifted on 5 June' };
    const released = await api.post(
      `/api/v1/cash/holds/${holdId}/decision`,
      decision,
      withKey(key, welfare),
    );
    expect(released.statusCode, released.body).toBe(200);
    const hold = released.json<{ state: string; releasedPaymentId: string | null }>();
    expect(hold.state).toBe('released');
    expect(hold.releasedPaymentId).not.toBeNull();
    // A resend on a bad connection answers the decided hold instead of 409, and adds nothing.
    const resent = await api.post(
      `/api/v1/cash/holds/${holdId}/decision`,
      decision,
      withKey(key, welfare),
    );
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toEqual(released.json());

    const lines = await api.get(`/api/v1/cash/batches/${batchId}/payments`, welfare);
    expect(
      lines
        .json<{ items: { kind: string; amount: { amountMinor: number }; outcome: string }[] }>()
        .items.map((line) => [line.kind, line.amount.amountMinor, line.outcome])
        .sort(),
    ).toEqual([
      ['covered-at-cap', 0, 'nothing-to-pay'],
      ['regular', 250_000, 'pending'],
    ]);
    const batch = await api.get(`/api/v1/cash/batches/${batchId}`, welfare);
    expect(batch.json()).toMatchObject({
      personsPaid: 5,
      personsHeld: 0,
      total: { amountMinor: 250_000 },
      ledger: { committedMinor: 250_000, paymentLinesMinor: 250_000, balanced: true },
    });
  });

  it('never sends the zero line to the provider, and the batch reconciles without it', async () => {
    const exported = await api.app.inject({
      method: 'GET',
      url: `/api/v1/cash/batches/${batchId}/export`,
      headers: welfare,
    });
    expect(exported.statusCode, exported.body).toBe(200);
    const rows = exported.body.trim().split('\n').slice(1);
    expect(rows).toHaveLength(1);
    const reference = rows[0]?.split(',')[0] ?? '';
    const result = await reconcileBatch(
      api,
      welfare,
      batchId,
      providerResultFile([[reference, 'paid', '2500.00', 'PLN', 'TX-1', '']]),
    );
    expect(result.statusCode, result.body).toBe(201);
    expect(result.json()).toMatchObject({ paidCount: 1, mismatches: [] });
    const batch = await api.get(`/api/v1/cash/batches/${batchId}`, welfare);
    expect(batch.json()).toMatchObject({ state: 'reconciled', outstanding: { amountMinor: 0 } });
  });

  it('keeps the person covered: the same identity in Romania is held as paid elsewhere', async () => {
    const {
      householdId: inRomania,
      personIds: [fifthInRomania = ''],
    } = await registerHousehold(api);
    await recordForeignStatus(api.database.db, fifthInRomania, 'RO');
    await clusterAsOnePerson(api.database.db, [fifth, fifthInRomania]);
    const enrolled = await api.post(
      `/api/v1/cash/programmes/${romanian}/enrolments`,
      { householdId: inRomania, recipientPersonId: fifthInRomania, enrolledOn: '2022-06-01' },
      welfare,
    );
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const built = await api.post(
      `/api/v1/cash/programmes/${romanian}/batches`,
      { period: '2022-06' },
      welfare,
    );
    expect(built.statusCode, built.body).toBe(201);
    expect(built.json()).toMatchObject({
      personsPaid: 0,
      heldByReason: { 'paid-elsewhere': 1 },
      total: { amountMinor: 0 },
    });
  });
});

describe('a zero line whose paying line fails', () => {
  it('fails with it, so the covered person is payable again elsewhere for the period', async () => {
    const poland = await openProgramme(api, welfare, 'UNHCR-PL-MPCA-2022');
    const romania = await openProgramme(api, welfare, 'UNHCR-RO-MPCA-2022');
    const registered = await registerHousehold(api, [
      buildPerson(),
      ...['2011-01', '2013-02', '2015-03', '2017-04'].map((birthDate) =>
        buildPerson({ birthDate, relationshipToHead: 'child', documents: [], specificNeeds: [] }),
      ),
    ]);
    const [head = '', , , , last = ''] = registered.personIds;
    for (const person of registered.personIds) {
      await grantInPoland(api, person);
    }
    const enrolled = await api.post(
      `/api/v1/cash/programmes/${poland}/enrolments`,
      { householdId: registered.householdId, recipientPersonId: head, enrolledOn: '2022-07-01' },
      welfare,
    );
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    await changeStatusInPoland(api, last, 'suspended', '2022-06-20');
    const built = await api.post(
      `/api/v1/cash/programmes/${poland}/batches`,
      { period: '2022-07' },
      welfare,
    );
    const batchId = built.json<{ id: string }>().id;
    const heldId = await firstHoldOf(api, welfare, batchId);
    await changeStatusInPoland(api, last, 'granted', '2022-07-05');
    const released = await api.post(
      `/api/v1/cash/holds/${heldId}/decision`,
      { decision: 'release', reason: 'Suspension lifted on 5 July' },
      welfare,
    );
    expect(released.statusCode, released.body).toBe(200);

    // The provider cannot pay the household's 2,500 PLN: the zero line covered nothing either.
    const exported = await api.get(`/api/v1/cash/batches/${batchId}/export`, welfare);
    const reference = exported.body.trim().split('\n')[1]?.split(',')[0] ?? '';
    const result = await reconcileBatch(
      api,
      welfare,
      batchId,
      providerResultFile([[reference, 'failed', '2500.00', 'PLN', '', 'account closed']]),
    );
    expect(result.statusCode, result.body).toBe(201);
    const lines = await api.get(`/api/v1/cash/batches/${batchId}/payments`, welfare);
    expect(
      lines
        .json<{ items: { kind: string; outcome: string; failureReason: string | null }[] }>()
        .items.map((line) => [line.kind, line.outcome, line.failureReason])
        .sort(),
    ).toEqual([
      ['covered-at-cap', 'failed', `Covered by payment ${reference}, which failed`],
      ['regular', 'failed', 'account closed'],
    ]);
    const batch = await api.get(`/api/v1/cash/batches/${batchId}`, welfare);
    expect(batch.json()).toMatchObject({ ledger: { balanced: true } });

    // The same identity enrolled in Romania is paid there: nothing paid it for July.
    const {
      householdId: inRomania,
      personIds: [lastInRomania = ''],
    } = await registerHousehold(api);
    await recordForeignStatus(api.database.db, lastInRomania, 'RO');
    await clusterAsOnePerson(api.database.db, [last, lastInRomania]);
    await api.post(
      `/api/v1/cash/programmes/${romania}/enrolments`,
      { householdId: inRomania, recipientPersonId: lastInRomania, enrolledOn: '2022-07-01' },
      welfare,
    );
    const romanianBatch = await api.post(
      `/api/v1/cash/programmes/${romania}/batches`,
      { period: '2022-07' },
      welfare,
    );
    expect(romanianBatch.json()).toMatchObject({ personsPaid: 1, personsHeld: 0 });
  });
});

describe('a hold released after the household’s payment failed', () => {
  it('pays the released member in full: the failed line counts towards nothing', async () => {
    const poland = await openProgramme(api, welfare, 'UNHCR-PL-MPCA-2022');
    const registered = await registerHousehold(api, [
      buildPerson(),
      buildPerson({
        birthDate: '2012-05',
        relationshipToHead: 'child',
        documents: [],
        specificNeeds: [],
      }),
    ]);
    const [head = '', child = ''] = registered.personIds;
    await grantInPoland(api, head);
    await grantInPoland(api, child);
    await api.post(
      `/api/v1/cash/programmes/${poland}/enrolments`,
      { householdId: registered.householdId, recipientPersonId: head, enrolledOn: '2022-08-01' },
      welfare,
    );
    await changeStatusInPoland(api, child, 'suspended', '2022-07-20');
    const batchId = (
      await api.post(`/api/v1/cash/programmes/${poland}/batches`, { period: '2022-08' }, welfare)
    ).json<{ id: string }>().id;
    const exported = await api.get(`/api/v1/cash/batches/${batchId}/export`, welfare);
    const reference = exported.body.trim().split('\n')[1]?.split(',')[0] ?? '';
    await reconcileBatch(
      api,
      welfare,
      batchId,
      providerResultFile([[reference, 'failed', '700.00', 'PLN', '', 'account closed']]),
    );
    await changeStatusInPoland(api, child, 'granted', '2022-08-05');
    const heldId = await firstHoldOf(api, welfare, batchId);
    const released = await api.post(
      `/api/v1/cash/holds/${heldId}/decision`,
      { decision: 'release', reason: 'Suspension lifted on 5 August' },
      welfare,
    );
    expect(released.statusCode, released.body).toBe(200);
    // 700 PLN as the household's only paid member, not the 600 PLN difference to a payment
    // the household never received.
    const lines = await api.get(`/api/v1/cash/batches/${batchId}/payments`, welfare);
    expect(
      lines
        .json<{ items: { kind: string; amount: { amountMinor: number }; outcome: string }[] }>()
        .items.map((line) => [line.kind, line.amount.amountMinor, line.outcome])
        .sort(),
    ).toEqual([
      ['regular', 70_000, 'failed'],
      ['top-up', 70_000, 'pending'],
    ]);
    const batch = await api.get(`/api/v1/cash/batches/${batchId}`, welfare);
    expect(batch.json()).toMatchObject({ ledger: { balanced: true } });
  });
});

describe('append-only payment lines', () => {
  it('refuse a zero amount on any line but covered-at-cap', async () => {
    const [line] = await queryRows<{ id: string }>(
      api.database.db,
      sql`SELECT id FROM cash_payments WHERE kind = 'regular' LIMIT 1`,
    );
    await expect(
      api.database.db.execute(
        sql`INSERT INTO cash_payments (id, batch_id, reference, kind, enrolment_id,
              recipient_person_id, amount_minor, currency, persons_covered, covered_person_ids,
              assistance_kind, period_starts_on, period_ends_on, created_at)
            SELECT ${randomUUID()}, batch_id, 'ZERO-1', 'top-up', enrolment_id,
                   recipient_person_id, 0, currency, 1, covered_person_ids, assistance_kind,
                   period_starts_on, period_ends_on, now()
              FROM cash_payments WHERE id = ${line?.id ?? ''}`,
      ),
    ).rejects.toThrow();
  });
});

describe('a programme opened with a resent Idempotency-Key', () => {
  it('is opened once', async () => {
    const key = randomUUID();
    const body = { templateId: 'UNHCR-MD-MPCA-2022' };
    const moldova = await api.as('welfare-officer', { countries: ['MD'], siteIds: [] });
    const first = await api.post('/api/v1/cash/programmes', body, withKey(key, moldova));
    expect(first.statusCode, first.body).toBe(201);
    const resent = await api.post('/api/v1/cash/programmes', body, withKey(key, moldova));
    expect(resent.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    const programmes = await api.get('/api/v1/cash/programmes', moldova);
    expect(programmes.json<{ items: unknown[] }>().items).toHaveLength(1);
  });
});
