import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../db/open.js';
import {
  buildPerson,
  buildRegistration,
  startTestApi,
  type TestApi,
} from '../test-support/factories.js';
import { verifyAuditLog } from './verify.js';

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi();
});
afterEach(() => api.close());

/** Registers a household and reads it back: two entries in Poland's chain, more in 'system'. */
async function someActivity(): Promise<{ registrationId: string }> {
  const created = await api.post(
    '/api/v1/registrations',
    buildRegistration(api.siteId, {
      household: {
        members: [
          buildPerson({
            givenName: 'Оксана',
            familyName: 'Черненко',
            specificNeeds: [{ code: 'SV-VF', note: 'canary-audit-note' }],
          }),
        ],
      },
    }),
  );
  expect(created.statusCode).toBe(201);
  const registrationId = created.json<{ id: string }>().id;
  expect((await api.get(`/api/v1/registrations/${registrationId}`)).statusCode).toBe(200);
  expect((await api.get('/api/v1/registrations?q=Черненко')).statusCode).toBe(200);
  return { registrationId };
}

/** What someone with database access would do: switch the append-only guard off first. */
async function tamper(db: Db, statement: ReturnType<typeof sql>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  });
}

const polishSeqs = async (db: Db) =>
  (
    await queryRows<{ seq: number | string }>(
      db,
      sql`SELECT seq FROM audit_log WHERE chain = 'PL' ORDER BY seq`,
    )
  ).map((row) => Number(row.seq));

describe('the audit trail', () => {
  it('records writes and reads of a person with who, what, which record and from where', async () => {
    const { registrationId } = await someActivity();
    const entries = await queryRows<Record<string, unknown>>(
      api.database.db,
      sql`SELECT chain, actor, actor_role, action, resource_id, ip, request_id FROM audit_log
          WHERE chain = 'PL' ORDER BY seq`,
    );
    expect(entries.map((entry) => entry.action)).toEqual([
      'registration.create',
      'registration.read',
      'registration.list',
    ]);
    expect(entries[0]).toMatchObject({
      actor_role: 'caseworker',
      resource_id: registrationId,
      ip: '127.0.0.1',
      request_id: expect.any(String),
    });
  });

  it('never holds names, search terms or needs', async () => {
    await someActivity();
    const [dump] = await queryRows<{ text: string }>(
      api.database.db,
      sql`SELECT string_agg(audit_log::text, ' ') AS text FROM audit_log`,
    );
    for (const secret of ['Оксана', 'Черненко', 'SV-VF', 'canary-audit-note']) {
      expect(dump?.text).not.toContain(secret);
    }
  });

  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    await someActivity();
    await expect(api.database.db.execute(sql`UPDATE audit_log SET actor = 'x'`)).rejects.toThrow();
    await expect(api.database.db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
  });

  it('verifies intact after normal use', async () => {
    await someActivity();
    const result = await verifyAuditLog(api.database.db);
    expect(result.findings).toEqual([]);
    expect(result.entries).toBeGreaterThanOrEqual(3);
  });
});

describe('tampering that verify catches', () => {
  it('an altered entry', async () => {
    await someActivity();
    const [first] = await polishSeqs(api.database.db);
    await tamper(
      api.database.db,
      sql`UPDATE audit_log SET actor = 'someone-else' WHERE seq = ${first}`,
    );
    const { findings } = await verifyAuditLog(api.database.db);
    expect(findings).toContainEqual({ chain: 'PL', seq: first, kind: 'altered' });
  });

  it('a removed entry', async () => {
    await someActivity();
    const [, second, third] = await polishSeqs(api.database.db);
    await tamper(api.database.db, sql`DELETE FROM audit_log WHERE seq = ${second}`);
    const { findings } = await verifyAuditLog(api.database.db);
    expect(findings).toContainEqual({ chain: 'PL', seq: third, kind: 'broken-link' });
  });

  it('two entries swapped', async () => {
    await someActivity();
    const [first, second] = await polishSeqs(api.database.db);
    // Move the first entry behind the second, keeping every row's own content and hash.
    await tamper(
      api.database.db,
      sql`WITH moved AS (DELETE FROM audit_log WHERE seq = ${first} RETURNING *)
          INSERT INTO audit_log OVERRIDING SYSTEM VALUE
          SELECT ${Number(second) * 1000}, chain, at, actor_id, actor, actor_role, action, resource_type,
                 resource_id, purpose, ip, request_id, detail, prev_hash, hash FROM moved`,
    );
    const { findings } = await verifyAuditLog(api.database.db);
    expect(findings.map((finding) => finding.kind)).toContain('broken-link');
  });

  it('a cut tail', async () => {
    await someActivity();
    const last = (await polishSeqs(api.database.db)).at(-1);
    await tamper(api.database.db, sql`DELETE FROM audit_log WHERE seq = ${last}`);
    const { findings } = await verifyAuditLog(api.database.db);
    expect(findings).toContainEqual(
      expect.objectContaining({ chain: 'PL', kind: 'head-mismatch' }),
    );
  });
});
