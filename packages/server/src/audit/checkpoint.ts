import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { appendFile, open, readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Db } from '../db/open.js';
import { readChainHeads } from './queries.js';
import { verifyAuditLog, type AuditFinding, type ChainAnchor } from './verify.js';

/**
 * Signed checkpoints of the audit chains (issue 7 item 2): the head of every chain, signed with
 * an Ed25519 key kept outside the database, one JSON object per line of a checkpoint file. The
 * database alone cannot forge one, so a tail cut with its head, or a chain recomputed from its
 * first entry, no longer passes through what a checkpoint vouches for. Format: docs/security/audit.md.
 */

const HASH = /^[0-9a-f]{64}$/;

export const Checkpoint = z.strictObject({
  /** The format; the signed payload depends on it. */
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  chains: z.array(
    z.strictObject({
      chain: z.string().min(1),
      seq: z.number().int().nonnegative(),
      hash: z.string().regex(HASH),
      entries: z.number().int().nonnegative(),
    }),
  ),
  /** Ed25519 over signedPayload(), base64. */
  signature: z.string().min(1),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** A checkpoint file or key that cannot be used; its message is for the operator. */
export class CheckpointError extends Error {}

/** The bytes signed: every field but the signature, in a fixed order. */
function signedPayload(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(
    JSON.stringify([
      'haven-audit-checkpoint',
      checkpoint.version,
      checkpoint.createdAt,
      checkpoint.keyId,
      checkpoint.chains.map((head) => [head.chain, head.seq, head.hash, head.entries]),
    ]),
  );
}

function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** The public key as one line of base64 (SPKI DER), as printed by `haven audit keygen`. */
export function formatPublicKey(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

/**
 * Creates an Ed25519 key pair; the private key goes to `file` (PEM, mode 0600, never
 * overwritten). Returns the public key to hand to whoever verifies.
 */
export async function generateCheckpointKey(
  file: string,
): Promise<{ readonly publicKey: string; readonly keyId: string }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const handle = await open(file, 'wx', 0o600).catch((error: unknown) => {
    throw new CheckpointError(
      error instanceof Error && 'code' in error && error.code === 'EEXIST'
        ? `${file} exists already; a signing key is never overwritten`
        : `Cannot create ${file}: ${String(error)}`,
    );
  });
  try {
    await handle.writeFile(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  } finally {
    await handle.close();
  }
  return { publicKey: formatPublicKey(publicKey), keyId: keyIdOf(publicKey) };
}

/** Reads the private key of `generateCheckpointKey`. */
export async function readCheckpointKey(file: string): Promise<KeyObject> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CheckpointError(`Cannot read the signing key ${file}`);
  });
  try {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType === 'ed25519') {
      return key;
    }
  } catch {
    // reported below
  }
  throw new CheckpointError(`${file} is not an Ed25519 private key (haven audit keygen)`);
}

/** A public key given as the base64 line `haven audit keygen` prints, or as PEM. */
export function parsePublicKey(text: string): KeyObject {
  try {
    const key = text.includes('BEGIN PUBLIC KEY')
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType === 'ed25519') {
      return key;
    }
  } catch {
    // reported below
  }
  throw new CheckpointError(
    'Not an Ed25519 public key (base64 as printed by haven audit keygen, or PEM)',
  );
}

/** Signs the current head of every chain. */
export async function createCheckpoint(
  db: Db,
  privateKey: KeyObject,
  now: Date = new Date(),
): Promise<Checkpoint> {
  const unsigned = {
    version: 1 as const,
    createdAt: now.toISOString(),
    keyId: keyIdOf(createPublicKey(privateKey)),
    chains: await readChainHeads(db),
  };
  const signature = sign(null, signedPayload(unsigned), privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** Appends one checkpoint to the checkpoint file (JSON Lines), creating it if needed. */
export async function appendCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  // One write of one line with O_APPEND: servers sharing the file never interleave lines.
  await appendFile(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o644 });
}

export interface CheckpointProblem {
  /** 1-based line of the checkpoint file. */
  readonly line: number;
  readonly reason: string;
}

export interface CheckpointFile {
  readonly checkpoints: number;
  /** Every (chain, seq, hash, entries) of every well-signed checkpoint. */
  readonly anchors: readonly ChainAnchor[];
  /** Lines that are not checkpoints signed by the key: each one is a finding. */
  readonly problems: readonly CheckpointProblem[];
}

/** Checks each line of a checkpoint file (JSON Lines) against `publicKey`. */
export function parseCheckpoints(text: string, publicKey: KeyObject): CheckpointFile {
  const keyId = keyIdOf(publicKey);
  const anchors: ChainAnchor[] = [];
  const problems: CheckpointProblem[] = [];
  let checkpoints = 0;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') {
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      problems.push({ line, reason: 'not JSON' });
      return;
    }
    const checkpoint = Checkpoint.safeParse(parsed);
    if (!checkpoint.success) {
      problems.push({ line, reason: 'not a checkpoint' });
      return;
    }
    const { signature, ...unsigned } = checkpoint.data;
    if (unsigned.keyId !== keyId) {
      problems.push({ line, reason: `signed with another key (${unsigned.keyId})` });
      return;
    }
    if (!verify(null, signedPayload(unsigned), publicKey, Buffer.from(signature, 'base64'))) {
      problems.push({ line, reason: 'bad signature (the checkpoint was altered)' });
      return;
    }
    checkpoints += 1;
    anchors.push(...unsigned.chains);
  });
  return { checkpoints, anchors, problems };
}

/** Reads a checkpoint file and checks each line's signature against `publicKey`. */
export async function readCheckpointFile(
  file: string,
  publicKey: KeyObject,
): Promise<CheckpointFile> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CheckpointError(`Cannot read the checkpoint file ${file}`);
  });
  return parseCheckpoints(text, publicKey);
}

/** The furthest signed position of each chain. */
function latestAnchors(anchors: readonly ChainAnchor[]): ChainAnchor[] {
  const latest = new Map<string, ChainAnchor>();
  for (const anchor of anchors) {
    if ((latest.get(anchor.chain)?.seq ?? -1) < anchor.seq) {
      latest.set(anchor.chain, anchor);
    }
  }
  return [...latest.values()];
}

/** The log did not verify, so its heads were not signed: a signature would vouch for tampering. */
export class CheckpointRefusedError extends CheckpointError {
  constructor(readonly findings: readonly AuditFinding[]) {
    super(
      `Audit log NOT intact (${findings.length} findings, e.g. ${findings
        .slice(0, 3)
        .map((finding) => `${finding.chain} #${finding.seq ?? '-'} ${finding.kind}`)
        .join(', ')}): no checkpoint signed; run haven audit verify`,
    );
  }
}

/**
 * Verifies what was appended since the last checkpoint in `file` signed by this key (the whole
 * log when there is none), then signs the current heads and appends them. Signing without
 * verifying would let a chain recomputed between two checkpoints be vouched for by the next.
 */
export async function signCheckpoint(
  db: Db,
  privateKey: KeyObject,
  file: string,
  now: Date = new Date(),
): Promise<Checkpoint> {
  const previous = await readFile(file, 'utf8').then(
    (text) => latestAnchors(parseCheckpoints(text, createPublicKey(privateKey)).anchors),
    (error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
        return [];
      }
      throw new CheckpointError(`Cannot read the checkpoint file ${file}`);
    },
  );
  const checkpoint = await createCheckpoint(db, privateKey, now);
  // The heads about to be signed are anchors too: entries appended meanwhile stay unsigned.
  const result = await verifyAuditLog(db, { from: previous, anchors: checkpoint.chains });
  if (result.findings.length > 0) {
    throw new CheckpointRefusedError(result.findings);
  }
  await appendCheckpoint(file, checkpoint);
  return checkpoint;
}

/** How often a server writes a checkpoint when configured, unless told otherwise. */
export const DEFAULT_CHECKPOINT_INTERVAL_MINUTES = 15;

/**
 * Writes a checkpoint at start and then every HAVEN_AUDIT_CHECKPOINT_INTERVAL_MINUTES (default
 * 15) while a server runs, when HAVEN_AUDIT_CHECKPOINT_KEY_FILE and HAVEN_AUDIT_CHECKPOINT_FILE
 * are set; nothing when neither is. Returns the function that stops it.
 */
export function startAuditCheckpoints(
  db: Db,
  env: Readonly<Record<string, string | undefined>>,
  onError: (error: unknown) => void,
): () => void {
  const keyFile = env.HAVEN_AUDIT_CHECKPOINT_KEY_FILE || undefined;
  const checkpointFile = env.HAVEN_AUDIT_CHECKPOINT_FILE || undefined;
  if (keyFile === undefined && checkpointFile === undefined) {
    return () => undefined;
  }
  const minutes = Number(
    env.HAVEN_AUDIT_CHECKPOINT_INTERVAL_MINUTES ?? DEFAULT_CHECKPOINT_INTERVAL_MINUTES,
  );
  // Reported, not thrown: a server keeps serving with a warning in its log.
  if (keyFile === undefined || checkpointFile === undefined || !(minutes > 0)) {
    onError(
      new CheckpointError(
        'No audit checkpoints written: set both HAVEN_AUDIT_CHECKPOINT_KEY_FILE and ' +
          'HAVEN_AUDIT_CHECKPOINT_FILE, and HAVEN_AUDIT_CHECKPOINT_INTERVAL_MINUTES (if set) > 0',
      ),
    );
    return () => undefined;
  }
  const write = () => {
    readCheckpointKey(keyFile)
      .then((key) => signCheckpoint(db, key, checkpointFile))
      .catch(onError);
  };
  write();
  const timer = setInterval(write, minutes * 60_000);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
