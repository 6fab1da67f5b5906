/**
 * The payment provider's files: the export holds only what the provider needs, spreadsheet
 * formulas neutralised; the result file settles or reverses each line in the ledger, reports
 * what does not match, and is refused whole when it is in the wrong currency.
 */
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
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
  grantInPoland,
  openProgramme,
  providerResultFile,
  reconcileBatch,
  registerHousehold,
} from './test-support/fixtures.js';

let api: TestApi;
let welfare: AuthHeaders;
let programme = '';
let batch = '';

const reconcile = (file: string, idempotencyKey?: string) =>
  reconcileBatch(api, welfare, batch, file, idempotencyKey);

beforeAll(async () => {
  api = await startTestApi();
  welfare = await api.as('welfare-officer', { countries: ['PL'], siteIds: [] });
  programme = await openProgramme(api, welfare, 'UNHCR-PL-MPCA-2022');
  const second = {
    familyName: 'Мельник',
    documents: [{ type: 'international-passport', issuingCountry: 'UKR', number: 'FE654321' }],
  };
  for (const overrides of [{}, second]) {
    const member = buildPerson(overrides);
    const {
      householdId,
      personIds: [person = ''],
    } = await registerHousehold(api, [member]);
    await grantInPoland(api, person);
    const enrolled = await api.post(
      `/api/v1/cash/programmes/${programme}/enrolments`,
      { householdId, recipientPersonId: person, enrolledOn: '2022-06-01' },
      welfare,
    );
    expect(enrolled.statusCode, enrolled.body).toBe(201);
  }
  batch = (
    await api.post(`/api/v1/cash/programmes/${programme}/batches`, { period: '2022-06' }, welfare)
  ).json<{ id: string }>().id;
});
afterAll(() => api.close());

async function exported(): Promise<Record<string, string>[]> {
  const response = await api.get(`/api/v1/cash/batches/${batch}/export`, welfare);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toContain('text/csv');
  return parse(response.body, { columns: true });
}

describe('export for the provider', () => {
  it('lists each payment with only the fields a provider needs, amounts in major units', async () => {
    const rows = await exported();
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'reference',
      'recipient_given_name',
      'recipient_family_name',
      'recipient_birth_date',
      'recipient_document_number',
      'amount',
      'currency',
      'period',
    ]);
    expect(rows[0]).toMatchObject({
      recipient_given_name: 'Olena',
      amount: '700.00',
      currency: 'PLN',
      period: '2022-06',
    });
    expect(rows.map((row) => row.recipient_document_number).sort()).toEqual([
      'FE123456',
      'FE654321',
    ]);
  });

  it('audits which persons were exported, by id, never their names or documents', async () => {
    await exported();
    const [entry] = await queryRows<{ detail: { persons: string[]; payments: number } }>(
      api.database.db,
      sql`SELECT detail FROM audit_log WHERE action = 'cash-batch.export' AND resource_id = ${batch}
           ORDER BY seq DESC LIMIT 1`,
    );
    const payees = await queryRows<{ id: string }>(
      api.database.db,
      sql`SELECT recipient_person_id AS id FROM cash_payments WHERE batch_id = ${batch}`,
    );
    expect(entry?.detail.payments).toBe(2);
    expect([...(entry?.detail.persons ?? [])].sort()).toEqual(payees.map((p) => p.id).sort());
    const text = JSON.stringify(entry);
    for (const secret of ['FE123456', 'FE654321', 'Olena', 'Мельник']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('reconciliation', () => {
  it('refuses a file in another currency whole, naming the cell, and records nothing', async () => {
    const [first] = await exported();
    const response = await reconcile(
      providerResultFile([[first?.reference ?? '', 'paid', '700.00', 'EUR', 'T-1', '']]),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      errors: [{ field: 'rows[1].currency', message: expect.stringContaining('PLN') }],
    });
    const [outcomes] = await queryRows<{ n: number }>(
      api.database.db,
      sql`SELECT count(*)::int AS n FROM cash_payment_outcomes`,
    );
    expect(outcomes?.n).toBe(0);
  });

  it('settles paid lines, reverses failed ones, reports mismatches, and keeps the ledger balanced', async () => {
    const [first, second] = await exported();
    const response = await reconcile(
      providerResultFile([
        [first?.reference ?? '', 'paid', '700.00', 'PLN', 'T-1', ''],
        [second?.reference ?? '', 'failed', '700.00', 'PLN', '', 'account closed'],
        ['NOPE-0000001', 'paid', '10.00', 'PLN', '', ''],
      ]),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      paidCount: 1,
      failedCount: 1,
      paid: { amountMinor: 70_000, currency: 'PLN' },
      failed: { amountMinor: 70_000 },
      mismatches: [{ row: 3, reference: 'NOPE-0000001', code: 'unknown-reference' }],
    });
    const again = await reconcile(
      providerResultFile([[first?.reference ?? '', 'paid', '700.00', 'PLN', 'T-1', '']]),
    );
    expect(again.json()).toMatchObject({
      paidCount: 0,
      mismatches: [{ code: 'already-reconciled' }],
    });

    const ledger = await api.get(`/api/v1/cash/programmes/${programme}/ledger`, welfare);
    expect(ledger.json()).toMatchObject({
      sumMinor: 0,
      balances: [
        // Committed 1,400, of which 700 reversed: 700 spent, paid out through the provider.
        { account: 'assistance-expense', balanceMinor: 70_000 },
        { account: 'beneficiary-payable', balanceMinor: 0 },
        { account: 'provider-clearing', balanceMinor: -70_000 },
      ],
    });
    // Append-only: the database itself refuses to rewrite the ledger (a correction is a posting).
    await expect(
      api.database.db.execute(sql`UPDATE cash_posting_lines SET amount_minor = 0`),
    ).rejects.toThrow();
    await expect(api.database.db.execute(sql`DELETE FROM cash_payments`)).rejects.toThrow();
    const summary = await api.get(`/api/v1/cash/batches/${batch}`, welfare);
    expect(summary.json()).toMatchObject({
      state: 'reconciled',
      paidConfirmed: { amountMinor: 70_000 },
      failed: { amountMinor: 70_000 },
      outstanding: { amountMinor: 0 },
    });
  });

  it('reports an amount that differs and leaves the payment outstanding', async () => {
    const other = await openProgramme(api, welfare, 'UNHCR-PL-MPCA-2022');
    const {
      householdId,
      personIds: [person = ''],
    } = await registerHousehold(api);
    await grantInPoland(api, person);
    await api.post(
      `/api/v1/cash/programmes/${other}/enrolments`,
      { householdId, recipientPersonId: person, enrolledOn: '2022-07-01' },
      welfare,
    );
    batch = (
      await api.post(`/api/v1/cash/programmes/${other}/batches`, { period: '2022-07' }, welfare)
    ).json<{ id: string }>().id;
    const [line] = await exported();
    const response = await reconcile(
      providerResultFile([[line?.reference ?? '', 'paid', '7000.00', 'PLN', '', '']]),
    );
    expect(response.json()).toMatchObject({
      paidCount: 0,
      mismatches: [{ code: 'amount-differs', message: expect.stringContaining('700.00') }],
    });
    expect((await api.get(`/api/v1/cash/batches/${batch}`, welfare)).json()).toMatchObject({
      outstanding: { amountMinor: 70_000 },
    });
  });
});

describe('a result file resent with the same Idempotency-Key', () => {
  it('answers the first import, records the outcome once, and refuses another file', async () => {
    const other = await openProgramme(api, welfare, 'UNHCR-PL-MPCA-2022');
    const {
      householdId,
      personIds: [person = ''],
    } = await registerHousehold(api);
    await grantInPoland(api, person);
    await api.post(
      `/api/v1/cash/programmes/${other}/enrolments`,
      { householdId, recipientPersonId: person, enrolledOn: '2022-08-01' },
      welfare,
    );
    batch = (
      await api.post(`/api/v1/cash/programmes/${other}/batches`, { period: '2022-08' }, welfare)
    ).json<{ id: string }>().id;
    const [line] = await exported();
    const file = providerResultFile([[line?.reference ?? '', 'paid', '700.00', 'PLN', 'T-9', '']]);
    const key = randomUUID();

    const first = await reconcile(file, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ paidCount: 1, mismatches: [] });
    // A resend after a lost answer: the first report again, not "already reconciled".
    const resent = await reconcile(file, key);
    expect(resent.statusCode, resent.body).toBe(201);
    expect(resent.json()).toEqual(first.json());

    const otherFile = providerResultFile([
      [line?.reference ?? '', 'failed', '700.00', 'PLN', '', 'x'],
    ]);
    const reused = await reconcile(otherFile, key);
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });

    const [recorded] = await queryRows<{ reconciliations: number; outcomes: number }>(
      api.database.db,
      sql`SELECT (SELECT count(*)::int FROM cash_reconciliations WHERE batch_id = ${batch})
                   AS reconciliations,
                 (SELECT count(*)::int FROM cash_payment_outcomes o
                    JOIN cash_payments p ON p.id = o.payment_id WHERE p.batch_id = ${batch})
                   AS outcomes`,
    );
    expect(recorded).toEqual({ reconciliations: 1, outcomes: 1 });
    const ledger = await api.get(`/api/v1/cash/programmes/${other}/ledger`, welfare);
    expect(ledger.json()).toMatchObject({
      sumMinor: 0,
      balances: expect.arrayContaining([
        { account: 'provider-clearing', balanceMinor: -70_000, currency: 'PLN' },
      ]),
    });
  });
});
