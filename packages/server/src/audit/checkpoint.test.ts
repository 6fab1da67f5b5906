import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/open.js';
import { openTestDatabase } from '../test-support/database.js';
import { appendAudit, operatorActor } from './append.js';
import {
  appendCheckpoint,
  createCheckpoint,
  generateCheckpointKey,
  parsePublicKey,
  readCheckpointFile,
  readCheckpointKey,
  startAuditCheckpoints,
} from './checkpoint.js';

let database: Database;
let folder: string;
beforeEach(async () => {
  database = await openTestDatabase();
  folder = await mkdtemp(join(tmpdir(), 'haven-checkpoints-'));
});
afterEach(async () => {
  await database.close();
  await rm(folder, { recursive: true, force: true });
});

const entry = (chain: string) => ({
  ...operatorActor('test'),
  chain,
  action: 'retention.run',
  resourceType: 'retention',
  resourceId: null,
});

describe('signed checkpoints', () => {
  it('sign the head of every chain, one JSON line each, readable with the public key', async () => {
    const keyFile = join(folder, 'checkpoint.key');
    const out = join(folder, 'checkpoints.jsonl');
    const { publicKey } = await generateCheckpointKey(keyFile);
    // The private key is its owner's alone.
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    await expect(generateCheckpointKey(keyFile)).rejects.toThrow(/never overwritten/);

    const key = await readCheckpointKey(keyFile);
    await appendAudit(database.db, [entry('PL'), entry('RO')]);
    await appendCheckpoint(out, await createCheckpoint(database.db, key));
    await appendAudit(database.db, [entry('PL')]);
    await appendCheckpoint(out, await createCheckpoint(database.db, key));

    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({
      version: 1,
      chains: [
        { chain: 'PL', entries: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
        { chain: 'RO', entries: 1 },
      ],
    });
    const read = await readCheckpointFile(out, parsePublicKey(publicKey));
    expect(read.problems).toEqual([]);
    expect(read.checkpoints).toBe(2);
    expect(read.anchors).toHaveLength(4);
  });

  it('refuse a line that was altered or signed by another key', async () => {
    const keyFile = join(folder, 'checkpoint.key');
    const otherKeyFile = join(folder, 'other.key');
    const out = join(folder, 'checkpoints.jsonl');
    const { publicKey } = await generateCheckpointKey(keyFile);
    await generateCheckpointKey(otherKeyFile);
    await appendAudit(database.db, [entry('PL')]);
    const checkpoint = await createCheckpoint(database.db, await readCheckpointKey(keyFile));
    const moved = {
      ...checkpoint,
      chains: checkpoint.chains.map((head) => ({ ...head, entries: head.entries + 1 })),
    };
    const foreign = await createCheckpoint(database.db, await readCheckpointKey(otherKeyFile));
    await writeFile(
      out,
      [checkpoint, moved, foreign].map((line) => JSON.stringify(line)).join('\n') + '\nnot json\n',
    );
    const read = await readCheckpointFile(out, parsePublicKey(publicKey));
    expect(read.checkpoints).toBe(1);
    expect(read.problems).toEqual([
      { line: 2, reason: 'bad signature (the checkpoint was altered)' },
      { line: 3, reason: expect.stringMatching(/^signed with another key/) },
      { line: 4, reason: 'not JSON' },
    ]);
  });

  it('are written by a running server when both variables are set, at start', async () => {
    const keyFile = join(folder, 'checkpoint.key');
    const out = join(folder, 'checkpoints.jsonl');
    const { publicKey } = await generateCheckpointKey(keyFile);
    await appendAudit(database.db, [entry('PL')]);
    const errors: unknown[] = [];
    const stop = startAuditCheckpoints(
      database.db,
      { HAVEN_AUDIT_CHECKPOINT_KEY_FILE: keyFile, HAVEN_AUDIT_CHECKPOINT_FILE: out },
      (error) => errors.push(error),
    );
    try {
      await vi.waitFor(async () => {
        expect((await readCheckpointFile(out, parsePublicKey(publicKey))).checkpoints).toBe(1);
      });
    } finally {
      stop();
    }
    expect(errors).toEqual([]);
  });

  it('are not written, and the server warns, when only one variable is set', () => {
    const errors: unknown[] = [];
    startAuditCheckpoints(database.db, { HAVEN_AUDIT_CHECKPOINT_FILE: 'x.jsonl' }, (error) =>
      errors.push(error),
    )();
    expect(String(errors[0])).toMatch(/set both HAVEN_AUDIT_CHECKPOINT_KEY_FILE/);
  });
});
