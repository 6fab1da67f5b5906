import { existsSync, readFileSync } from 'node:fs';
import {
  CheckpointError,
  CheckpointRefusedError,
  generateCheckpointKey,
  parsePublicKey,
  readCheckpointFile,
  readCheckpointKey,
  signCheckpoint,
  verifyAuditLog,
  type AuditFindingKind,
  type Db,
} from '@haven/server';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { openCliDatabase } from '../database.js';
import { numberFormat } from '../progress.js';
import { registerWhoReadCommand } from './audit-who-read.js';

const EXPLANATIONS: Record<AuditFindingKind, string> = {
  altered: 'its content no longer matches its hash (edited)',
  'broken-link': 'it does not follow the entry before it (an entry before it was removed or moved)',
  inserted: 'it was put between two entries that follow each other (forged)',
  'head-mismatch': 'the chain does not end where its head says (its tail was cut or extended)',
  'checkpoint-mismatch':
    'a signed checkpoint vouches for another entry here (the chain was rewritten and recomputed)',
  'checkpoint-missing':
    'a signed checkpoint vouches for an entry that is gone (the tail was cut or the chain rewritten)',
};

const DATA_DIR_HELP = 'PGlite data directory (without DATABASE_URL; default ./data/pglite)';

export interface CheckpointOptions {
  /** The checkpoint file (JSON Lines) and the public key of its signer, as text or a file. */
  readonly checkpoints?: string | undefined;
  readonly publicKey?: string | undefined;
}

/**
 * Recomputes every chain and, given a checkpoint file, checks its signatures and that every
 * chain still passes through each checkpointed entry. Throws a CliError with exit code 2 when
 * anything was tampered with.
 */
export async function verifyAudit(
  db: Db,
  options: CheckpointOptions,
  write: (line: string) => void,
): Promise<void> {
  const checkpointFile =
    options.checkpoints === undefined
      ? undefined
      : await asCliError(() =>
          readCheckpointFile(options.checkpoints ?? '', publicKeyOf(options.publicKey)),
        );
  for (const problem of checkpointFile?.problems ?? []) {
    write(`${options.checkpoints ?? ''}:${problem.line}: ${problem.reason}`);
  }
  const result = await verifyAuditLog(db, { anchors: checkpointFile?.anchors ?? [] });
  for (const finding of result.findings) {
    write(
      `${finding.chain} #${finding.seq ?? '-'}: ${finding.kind}: ${EXPLANATIONS[finding.kind]}`,
    );
  }
  const checked = checkpointFile
    ? `, through ${numberFormat.format(checkpointFile.checkpoints)} signed checkpoints`
    : '';
  const summary = `${numberFormat.format(result.entries)} entries in ${result.chains} chains${checked}`;
  const findings = result.findings.length + (checkpointFile?.problems.length ?? 0);
  if (findings > 0) {
    throw new CliError(`Audit log NOT intact: ${findings} findings (${summary})`, 2);
  }
  write(`Audit log intact: ${summary}`);
}

/** `--public-key`: a file holding the key, or the key itself. */
function publicKeyOf(value: string | undefined) {
  if (value === undefined) {
    throw new CliError('--checkpoints needs --public-key (printed by haven audit keygen)');
  }
  const text = existsSync(value) ? readFileSync(value, 'utf8') : value;
  try {
    return parsePublicKey(text);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

async function asCliError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CheckpointError) {
      // A refused checkpoint is a tampered log: the same exit code as verify's.
      throw new CliError(error.message, error instanceof CheckpointRefusedError ? 2 : 1);
    }
    throw error;
  }
}

/**
 * Verifies what was appended since the file's last checkpoint, then signs the head of every
 * chain and appends it to the checkpoint file; refuses (exit code 2) when the log is not intact.
 */
export async function writeCheckpoint(
  db: Db,
  options: { readonly keyFile: string; readonly out: string },
): Promise<{ chains: number; entries: number }> {
  const key = await asCliError(() => readCheckpointKey(options.keyFile));
  const checkpoint = await asCliError(() => signCheckpoint(db, key, options.out));
  return {
    chains: checkpoint.chains.length,
    entries: checkpoint.chains.reduce((sum, head) => sum + head.entries, 0),
  };
}

function required(value: string | undefined, option: string, variable: string): string {
  const given = value ?? (process.env[variable] || undefined);
  if (given === undefined) {
    throw new CliError(`Give ${option} or set ${variable}`);
  }
  return given;
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('The tamper-evident audit trail');
  audit
    .command('verify')
    .description(
      'Recompute every hash chain and report altered, removed, inserted or reordered entries; ' +
        'with --checkpoints, also a cut tail or a chain recomputed from its start',
    )
    .option('--checkpoints <file>', 'signed checkpoints to check against (JSON Lines)')
    .option('--public-key <key>', 'the checkpoint public key, or a file holding it')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (options: CheckpointOptions & { dataDir?: string }) => {
      const database = await openCliDatabase({ dataDir: options.dataDir, mustExist: true });
      try {
        await verifyAudit(database.db, options, (line) => process.stdout.write(`${line}\n`));
      } finally {
        await database.close();
      }
    });

  audit
    .command('keygen')
    .description('Create the Ed25519 key pair that signs checkpoints; prints the public key')
    .requiredOption(
      '--file <path>',
      'where to write the private key (mode 0600, never overwritten)',
    )
    .action(async (options: { file: string }) => {
      const { publicKey, keyId } = await asCliError(() => generateCheckpointKey(options.file));
      process.stderr.write(
        `Created signing key ${keyId} in ${options.file}. Keep it off the database server's ` +
          'disk if you can; whoever verifies needs only the public key:\n',
      );
      process.stdout.write(`${publicKey}\n`);
    });

  audit
    .command('checkpoint')
    .description(
      'Verify what was appended since the last checkpoint, then sign the head of every chain ' +
        'and append it to a checkpoint file (JSON Lines); exit code 2 if the log is not intact',
    )
    .option('--key-file <path>', 'the signing key (default: HAVEN_AUDIT_CHECKPOINT_KEY_FILE)')
    .option(
      '--out <file>',
      'the checkpoint file to append to (default: HAVEN_AUDIT_CHECKPOINT_FILE)',
    )
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (options: { keyFile?: string; out?: string; dataDir?: string }) => {
      const keyFile = required(options.keyFile, '--key-file', 'HAVEN_AUDIT_CHECKPOINT_KEY_FILE');
      const out = required(options.out, '--out', 'HAVEN_AUDIT_CHECKPOINT_FILE');
      const database = await openCliDatabase({ dataDir: options.dataDir, mustExist: true });
      try {
        const { chains, entries } = await writeCheckpoint(database.db, { keyFile, out });
        process.stderr.write(
          `Checkpoint of ${chains} chains (${numberFormat.format(entries)} entries) appended to ${out}\n`,
        );
      } finally {
        await database.close();
      }
    });

  registerWhoReadCommand(audit, DATA_DIR_HELP);
}
