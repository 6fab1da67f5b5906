import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../db/open.js';
import {
  buildPerson,
  buildRegistration,
  startTestApi,
  type TestApi,
} from '../test-support/factories.js';
import { entryHash, GENESIS_HASH, type AuditRecord } from './chain.js';
import {
  CheckpointRefusedError,
  createCheckpoint,
  formatPublicKey,
  signCheckpoint,
} from './checkpoint.js';
import { AUDIT_LOG_COLUMNS, auditRecordOf, type AuditLogRow } from './queries.js';
import { verifyAuditLog, type ChainAnchor } from './verify.js';

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

/** A chain position vouched for by a signed checkpoint taken now. */
async function checkpointAnchors(db: Db): Promise<ChainAnchor[]> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return (await createCheckpoint(db, privateKey)).chains;
}

interface StoredEntry {
  readonly seq: number;
  readonly record: AuditRecord;
}

/**
 * What a superuser can do that the append-only trigger cannot stop: rewrite a whole chain with
 * `edit` applied, recompute every hash from the first entry and move the head to match.
 */
async function rewriteChain(
  db: Db,
  chain: string,
  edit: (entries: StoredEntry[]) => StoredEntry[],
): Promise<void> {
  const rows = await queryRows<AuditLogRow>(
    db,
    sql`SELECT ${AUDIT_LOG_COLUMNS} FROM audit_log WHERE chain = ${chain} ORDER BY seq`,
  );
  const entries = edit(rows.map((row) => ({ seq: Number(row.seq), record: auditRecordOf(row) })));
  await db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await tx.execute(sql`DELETE FROM audit_log WHERE chain = ${chain}`);
    let prevHash = GENESIS_HASH;
    for (const { seq, record: r } of entries) {
      const hash = entryHash(prevHash, r);
      await tx.execute(
        sql`INSERT INTO audit_log OVERRIDING SYSTEM VALUE VALUES (${seq}, ${chain}, ${r.at},
              ${r.actorId}, ${r.actor}, ${r.actorRole}, ${r.action}, ${r.resourceType},
              ${r.resourceId}, ${r.purpose}, ${r.ip}, ${r.requestId}, ${JSON.stringify(r.detail)},
              ${prevHash}, ${hash})`,
      );
      prevHash = hash;
    }
    await tx.execute(
      sql`UPDATE audit_chain_heads SET seq = ${entries.at(-1)?.seq ?? 0}, hash = ${prevHash},
            entries = ${entries.length} WHERE chain = ${chain}`,
    );
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  });
}

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

  it('an inserted entry, forged with a valid hash of its own', async () => {
    const { db } = api.database;
    await someActivity();
    const last = (await polishSeqs(db)).at(-1) ?? 0;
    // Leave a gap in the numbering after that entry, where the forgery will go.
    await db.execute(
      sql`SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), (SELECT max(seq) FROM audit_log) + 10)`,
    );
    await someActivity();
    const [lastRow] = await queryRows<{ hash: string }>(
      db,
      sql`SELECT hash FROM audit_log WHERE seq = ${last}`,
    );
    const prevHash = lastRow?.hash ?? '';
    const forged: AuditRecord = {
      chain: 'PL',
      at: '2026-01-01T00:00:00.000Z',
      actorId: null,
      actor: 'nobody',
      actorRole: null,
      action: 'registration.read',
      resourceType: 'registration',
      resourceId: null,
      purpose: null,
      ip: null,
      requestId: null,
      detail: {},
    };
    const forgedSeq = last + 5;
    await tamper(
      db,
      sql`INSERT INTO audit_log OVERRIDING SYSTEM VALUE VALUES (${forgedSeq}, 'PL', ${forged.at},
            NULL, 'nobody', NULL, 'registration.read', 'registration', NULL, NULL, NULL, NULL,
            '{}', ${prevHash}, ${entryHash(prevHash, forged)})`,
    );
    const { findings } = await verifyAuditLog(db);
    expect(findings).toContainEqual({ chain: 'PL', seq: forgedSeq, kind: 'inserted' });
    // The genuine entry after it is not blamed.
    expect(findings.filter((finding) => finding.kind === 'broken-link')).toEqual([]);
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

  it('a cut tail with its head moved back: only a checkpoint catches it', async () => {
    const { db } = api.database;
    await someActivity();
    const anchors = await checkpointAnchors(db);
    const last = (await polishSeqs(db)).at(-1);
    await rewriteChain(db, 'PL', (entries) => entries.filter((entry) => entry.seq !== last));
    expect((await verifyAuditLog(db)).findings).toEqual([]);
    const { findings } = await verifyAuditLog(db, { anchors });
    expect(findings).toEqual([{ chain: 'PL', seq: last, kind: 'checkpoint-missing' }]);
  });

  it('a chain rewritten from its first entry and recomputed: only a checkpoint catches it', async () => {
    const { db } = api.database;
    await someActivity();
    const anchors = await checkpointAnchors(db);
    await someActivity();
    // Hide who read the first time: every later hash and the head are recomputed to match.
    await rewriteChain(db, 'PL', (entries) =>
      entries.map((entry, i) =>
        i === 1 ? { ...entry, record: { ...entry.record, actor: 'someone-else' } } : entry,
      ),
    );
    expect((await verifyAuditLog(db)).findings).toEqual([]);
    const polishHead = anchors.find((anchor) => anchor.chain === 'PL');
    const { findings } = await verifyAuditLog(db, { anchors });
    expect(findings).toEqual([{ chain: 'PL', seq: polishHead?.seq, kind: 'checkpoint-mismatch' }]);
  });
});

describe('checkpoints are signed only over an intact log', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'haven-audit-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('a chain recomputed since the last checkpoint is refused, not vouched for', async () => {
    const { db } = api.database;
    const { privateKey } = generateKeyPairSync('ed25519');
    const file = join(folder, 'checkpoints.jsonl');
    await someActivity();
    await signCheckpoint(db, privateKey, file);
    await someActivity();
    // Entries after the last checkpoint verify incrementally and are signed.
    await signCheckpoint(db, privateKey, file);
    await rewriteChain(db, 'PL', (entries) =>
      entries.map((entry, i) =>
        i === 0 ? { ...entry, record: { ...entry.record, actor: 'someone-else' } } : entry,
      ),
    );
    const refused = signCheckpoint(db, privateKey, file);
    await expect(refused).rejects.toBeInstanceOf(CheckpointRefusedError);
    await expect(refused).rejects.toThrow(/PL #\d+ checkpoint-mismatch/);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('the first checkpoint of a file verifies the whole log first', async () => {
    const { db } = api.database;
    await someActivity();
    const [first] = await polishSeqs(db);
    await tamper(db, sql`UPDATE audit_log SET actor = 'someone-else' WHERE seq = ${first}`);
    await expect(
      signCheckpoint(db, generateKeyPairSync('ed25519').privateKey, join(folder, 'new.jsonl')),
    ).rejects.toThrow(/NOT intact .*PL #\d+ altered/);
  });
});

describe('GET and POST /audit/verification', () => {
  it('report a chain recomputed from its start only when given the signed checkpoints', async () => {
    const { db } = api.database;
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    await someActivity();
    const checkpoint = await createCheckpoint(db, privateKey);
    await rewriteChain(db, 'PL', (entries) =>
      entries.map((entry, i) =>
        i === 0 ? { ...entry, record: { ...entry.record, actor: 'someone-else' } } : entry,
      ),
    );
    const plain = await api.get('/api/v1/audit/verification', api.admin);
    expect(plain.json()).toMatchObject({ intact: true, checkpoints: 0 });

    const withCheckpoints = await api.post(
      '/api/v1/audit/verification',
      { checkpoints: `${JSON.stringify(checkpoint)}\n`, publicKey: formatPublicKey(publicKey) },
      api.admin,
    );
    expect(withCheckpoints.statusCode).toBe(200);
    expect(withCheckpoints.json()).toMatchObject({
      intact: false,
      checkpoints: 1,
      findings: [{ chain: 'PL', kind: 'checkpoint-mismatch' }],
    });
  });

  it('name the field when the key or the checkpoints are unusable', async () => {
    const bad = await api.post(
      '/api/v1/audit/verification',
      { checkpoints: '{}', publicKey: 'not a key' },
      api.admin,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'publicKey' }] });

    const forged = await api.post(
      '/api/v1/audit/verification',
      {
        checkpoints: 'not json',
        publicKey: formatPublicKey(generateKeyPairSync('ed25519').publicKey),
      },
      api.admin,
    );
    expect(forged.json()).toMatchObject({
      intact: false,
      checkpointProblems: [{ line: 1, reason: 'not JSON' }],
    });
  });
});
