import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAudit, generateCheckpointKey, operatorActor, type Database } from '@haven/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../server/src/test-support/database.js';
import { CliError } from '../cli-error.js';
import { answerWhoRead, formatTrailEntry } from './audit-who-read.js';
import { verifyAudit, writeCheckpoint } from './audit.js';

let database: Database;
let folder: string;
beforeEach(async () => {
  database = await openTestDatabase();
  folder = await mkdtemp(join(tmpdir(), 'haven-audit-cli-'));
});
afterEach(async () => {
  await database.close();
  await rm(folder, { recursive: true, force: true });
});

const PERSON_ID = '0b7e8c1e-3f1a-4c55-9d8e-6a1f2b3c4d5e';

const read = (action: string) => ({
  ...operatorActor('test'),
  chain: 'PL',
  action,
  resourceType: 'person',
  resourceId: PERSON_ID,
  purpose: 'tracing request 42',
});

/** Runs `haven audit verify`'s body; its output lines, and the exit code it asks for. */
async function verify(
  options: Parameters<typeof verifyAudit>[1],
): Promise<{ lines: string[]; exitCode: number }> {
  const lines: string[] = [];
  try {
    await verifyAudit(database.db, options, (line) => lines.push(line));
    return { lines, exitCode: 0 };
  } catch (error) {
    if (error instanceof CliError) {
      return { lines: [...lines, error.message], exitCode: error.exitCode };
    }
    throw error;
  }
}

describe('haven audit verify --checkpoints', () => {
  it('passes an intact log and exits 2 once the tail was cut with its head moved back', async () => {
    const keyFile = join(folder, 'checkpoint.key');
    const out = join(folder, 'checkpoints.jsonl');
    const { publicKey } = await generateCheckpointKey(keyFile);
    await appendAudit(database.db, [read('person.subject-access')]);
    await appendAudit(database.db, [read('person.pseudonymise')]);
    await writeCheckpoint(database.db, { keyFile, out });

    const intact = await verify({ checkpoints: out, publicKey });
    expect(intact.exitCode).toBe(0);
    expect(intact.lines).toEqual([
      'Audit log intact: 2 entries in 1 chains, through 1 signed checkpoints',
    ]);

    // A superuser hides the pseudonymisation: removes it and moves the head back to match.
    await database.db.transaction(async (tx) => {
      await tx.execute(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
      await tx.execute(`DELETE FROM audit_log WHERE action = 'person.pseudonymise'`);
      await tx.execute(
        `UPDATE audit_chain_heads h SET seq = l.seq, hash = l.hash, entries = 1
         FROM audit_log l WHERE l.chain = h.chain`,
      );
      await tx.execute(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    });
    expect((await verify({})).exitCode).toBe(0);
    const caught = await verify({ checkpoints: out, publicKey });
    expect(caught.exitCode).toBe(2);
    expect(caught.lines[0]).toMatch(/^PL #\d+: checkpoint-missing: /);
    expect(caught.lines.at(-1)).toMatch(/^Audit log NOT intact: 1 findings/);
  });

  it('needs the public key with the checkpoint file', async () => {
    await expect(
      verifyAudit(database.db, { checkpoints: 'x.jsonl' }, () => undefined),
    ).rejects.toThrow(/--public-key/);
  });
});

describe('haven audit who-read --person', () => {
  it('prints who did what to the person, when, from where and why', async () => {
    await appendAudit(database.db, [read('person.subject-access')]);
    const lines: string[] = [];
    const count = await answerWhoRead(
      database.db,
      { kind: 'person', personId: PERSON_ID, since: undefined },
      (entry) => lines.push(formatTrailEntry(entry)),
    );
    expect(count).toBe(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT.*Z  operator:test  person\\.subject-access  person ${PERSON_ID}  from -  why "tracing request 42"  request -  PL#\\d+$`,
      ),
    );
  });
});
