/**
 * Building a batch reads each member's current protection in the programme's country only (the
 * set-based join of batch-due.ts), and a payment line can only pay a member of its enrolment
 * (a statement-level check, cash-assistance.sql: these tests run on PGlite and on PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRows } from '../db/copy.js';
import { queryRows } from '../db/open.js';
import { newBatchId, PAYMENT_LINE_COLUMNS, timeOrderedIds } from './batch-lines.js';
import {
  buildPerson,
  startTestApi,
  type AuthHeaders,
  type TestApi,
} from '../test-support/factories.js';
import { grantInPoland, openProgramme, registerHousehold } from './test-support/fixtures.js';

let api: TestApi;
let welfare: AuthHeaders;
let polish = '';
let paid = '';
let suspended = '';
let movedToRomania = '';
let outsider = '';

/** A later event on a person's timeline, as another office would record it. */
async function recordEvent(personId: string, countryCode: string, status: string, on: string) {
  await api.database.db.execute(
    sql`INSERT INTO protection_status_events (id, person_id, country_code, status, effective_on,
          recorded_at, recorded_by_name, reason)
        VALUES (${randomUUID()}, ${personId}, ${countryCode}, ${status}, ${on}, now(), 'test',
          ${status === 'ceased' ? 'protection-elsewhere' : null})`,
  );
}

beforeAll(async () => {
  api = await startTestApi();
  welfare = await api.as('welfare-officer', { countries: ['PL'], siteIds: [] });
  polish = await openProgramme(api, welfare, 'UNHCR-PL-MPCA-2022');
  const registered = await registerHousehold(api, [
    buildPerson(),
    buildPerson({ givenName: 'Ірина', relationshipToHead: 'sibling' }),
    buildPerson({ givenName: 'Тетяна', relationshipToHead: 'sibling' }),
  ]);
  [paid = '', suspended = '', movedToRomania = ''] = registered.personIds;
  for (const personId of registered.personIds) {
    await grantInPoland(api, personId);
  }
  const enrolled = await api.post(
    `/api/v1/cash/programmes/${polish}/enrolments`,
    { householdId: registered.householdId, recipientPersonId: paid, enrolledOn: '2022-06-01' },
    welfare,
  );
  expect(enrolled.statusCode, enrolled.body).toBe(201);
  await recordEvent(suspended, 'PL', 'suspended', '2022-05-20');
  // Protection in Poland ceased; the newest event of her timeline is a grant in Romania, which
  // must not count for a Polish programme.
  await recordEvent(movedToRomania, 'PL', 'ceased', '2022-05-25');
  await recordEvent(movedToRomania, 'RO', 'granted', '2022-06-01');
  outsider = (await registerHousehold(api)).personIds[0] ?? '';
});
afterAll(() => api.close());

describe('building a batch', () => {
  let batchId = '';

  it('pays on the latest status in the programme country and holds the others with why', async () => {
    const built = await api.post(
      `/api/v1/cash/programmes/${polish}/batches`,
      { period: '2022-06' },
      welfare,
    );
    expect(built.statusCode, built.body).toBe(201);
    const batch = built.json<{ id: string }>();
    batchId = batch.id;
    expect(batch).toMatchObject({
      payments: 1,
      personsPaid: 1,
      personsHeld: 2,
      heldByReason: { 'status-not-active': 1, 'status-ceased': 1 },
      total: { amountMinor: 70_000, currency: 'PLN' },
      ledger: { balanced: true, committedMinor: 70_000, paymentLinesMinor: 70_000 },
    });
    const holds = await queryRows<{ person_id: string; reason: string }>(
      api.database.db,
      sql`SELECT person_id::text, reason FROM cash_holds WHERE batch_id = ${batchId}
           ORDER BY reason`,
    );
    expect(holds).toEqual([
      { person_id: movedToRomania, reason: 'status-ceased' },
      { person_id: suspended, reason: 'status-not-active' },
    ]);
  });

  it('gives a new batch an id whose reference prefix no earlier batch has', async () => {
    const sharingPrefix = `${batchId.slice(0, 8)}${randomUUID().slice(8)}`;
    const fresh = randomUUID();
    const draws = [sharingPrefix, fresh];
    const id = await newBatchId(api.database.db, () => draws.shift() ?? randomUUID());
    expect(id).toBe(fresh);
  });

  it('refuses a payment line whose recipient is not a member of the enrolment', async () => {
    const [line] = await queryRows<{ enrolment_id: string }>(
      api.database.db,
      sql`SELECT enrolment_id::text FROM cash_payments WHERE batch_id = ${batchId}`,
    );
    const insertForOutsider = api.database.db.execute(
      sql`INSERT INTO cash_payments (id, batch_id, reference, kind, enrolment_id,
            recipient_person_id, amount_minor, currency, persons_covered, covered_person_ids,
            assistance_kind, period_starts_on, period_ends_on, created_at)
          VALUES (${randomUUID()}, ${batchId}, 'OUTSIDER-1', 'regular', ${line?.enrolment_id},
            ${outsider}, 70000, 'PLN', 1, ARRAY[${outsider}]::uuid[], 'multi-purpose-cash',
            '2022-06-01', '2022-06-30', now())`,
    );
    await expect(insertForOutsider).rejects.toMatchObject({
      cause: { code: '23503' },
    });
  });

  /** A line of this batch: its enrolment and recipient, as a multi-row write would repeat it. */
  async function paidLine() {
    const [line] = await queryRows<{ enrolment_id: string; recipient: string }>(
      api.database.db,
      sql`SELECT enrolment_id::text, recipient_person_id::text AS recipient FROM cash_payments
           WHERE batch_id = ${batchId}`,
    );
    if (!line) {
      throw new Error('the batch has no payment line');
    }
    return line;
  }

  /** Top-up lines for the enrolment, written by one COPY; each names its batch and recipient. */
  const copyTopUps = (
    prefix: string,
    enrolmentId: string,
    lines: readonly { batch: string; recipient: string }[],
  ) =>
    api.database.db.transaction((tx) =>
      copyRows(tx, 'cash_payments', PAYMENT_LINE_COLUMNS, lines, ({ batch, recipient }, index) => [
        randomUUID(),
        batch,
        `${prefix}-${String(index)}`,
        'top-up',
        enrolmentId,
        recipient,
        100,
        'PLN',
        1,
        `{${recipient}}`,
        'multi-purpose-cash',
        '2022-06-01',
        '2022-06-30',
        '2022-06-15 12:00:00+00',
      ]),
    );

  const linesWritten = (prefix: string) =>
    queryRows<{ lines: number }>(
      api.database.db,
      sql`SELECT count(*)::int AS lines FROM cash_payments WHERE reference LIKE ${`${prefix}-%`}`,
    );

  it('refuses a COPY of lines when one recipient of many is not a member, writing none', async () => {
    const line = await paidLine();
    const recipients = [line.recipient, line.recipient, outsider, line.recipient];
    await expect(
      copyTopUps(
        'COPY',
        line.enrolment_id,
        recipients.map((recipient) => ({ batch: batchId, recipient })),
      ),
    ).rejects.toMatchObject({ code: '23503', constraint: 'cash_payments_recipient_member_fk' });
    expect(await linesWritten('COPY')).toEqual([{ lines: 0 }]);
  });

  it('accepts lines whose recipients are members, in one statement', async () => {
    const line = await paidLine();
    await api.database.db.execute(
      sql`INSERT INTO cash_payments (id, batch_id, reference, kind, enrolment_id,
            recipient_person_id, amount_minor, currency, persons_covered, covered_person_ids,
            assistance_kind, period_starts_on, period_ends_on, created_at)
          SELECT gen_random_uuid(), ${batchId}, 'MEMBER-' || n, 'top-up', ${line.enrolment_id},
            ${line.recipient}, 100, 'PLN', 1, ARRAY[${line.recipient}]::uuid[],
            'multi-purpose-cash', '2022-06-01', '2022-06-30', now()
            FROM generate_series(1, 3) n`,
    );
    expect(await linesWritten('MEMBER')).toEqual([{ lines: 3 }]);
  });

  it('refuses a COPY of lines when one names a batch that does not exist, writing none', async () => {
    const line = await paidLine();
    const batches = [batchId, randomUUID(), batchId];
    await expect(
      copyTopUps(
        'NO-BATCH',
        line.enrolment_id,
        batches.map((batch) => ({ batch, recipient: line.recipient })),
      ),
    ).rejects.toMatchObject({
      code: '23503',
      constraint: 'cash_payments_batch_id_cash_batches_id_fk',
    });
    expect(await linesWritten('NO-BATCH')).toEqual([{ lines: 0 }]);
  });

  it('keeps a batch and its id, so no line loses its batch; exporting still updates it', async () => {
    await expect(
      api.database.db.execute(sql`DELETE FROM cash_batches WHERE id = ${batchId}`),
    ).rejects.toMatchObject({ cause: { code: '23001' } });
    await expect(
      api.database.db.execute(
        sql`UPDATE cash_batches SET id = ${randomUUID()} WHERE id = ${batchId}`,
      ),
    ).rejects.toMatchObject({ cause: { code: '23001' } });
    await expect(api.database.db.execute(sql`TRUNCATE cash_batches CASCADE`)).rejects.toMatchObject(
      { cause: { code: '23001' } },
    );
    await api.database.db.execute(
      sql`UPDATE cash_batches SET exported_at = exported_at WHERE id = ${batchId}`,
    );
  });

  it('keeps enrolment members as enrolled, so no line loses its member', async () => {
    const line = await paidLine();
    await expect(
      api.database.db.execute(
        sql`DELETE FROM cash_enrolment_members WHERE enrolment_id = ${line.enrolment_id}`,
      ),
    ).rejects.toMatchObject({ cause: { code: '23001' } });
    await expect(
      api.database.db.execute(
        sql`UPDATE cash_enrolment_members SET person_id = ${outsider}
             WHERE enrolment_id = ${line.enrolment_id}`,
      ),
    ).rejects.toMatchObject({ cause: { code: '23001' } });
    await expect(
      api.database.db.execute(sql`TRUNCATE cash_enrolment_members CASCADE`),
    ).rejects.toMatchObject({ cause: { code: '23001' } });
  });
});

describe('time-ordered line ids', () => {
  it('are UUIDv7 in strictly increasing order across draws of random bytes', () => {
    const nextId = timeOrderedIds();
    const ids = Array.from({ length: 10_000 }, () => nextId());
    expect(
      ids.every((id) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
      ),
    ).toBe(true);
    expect(ids.every((id, index) => index === 0 || (ids[index - 1] ?? '') < id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
