import { verifyAuditLog } from '@haven/server';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { openCliDatabase } from '../database.js';
import { numberFormat } from '../progress.js';

const EXPLANATIONS = {
  altered: 'its content no longer matches its hash (edited)',
  'broken-link': 'it does not follow the entry before it (an entry was removed, inserted or moved)',
  'head-mismatch': 'the chain does not end where its head says (its tail was cut or extended)',
} as const;

/** `haven audit verify`: recomputes every chain; exit code 2 when anything was tampered with. */
export async function verifyAudit(options: { dataDir?: string | undefined }): Promise<void> {
  const database = await openCliDatabase({ ...options, mustExist: true });
  try {
    const result = await verifyAuditLog(database.db);
    for (const finding of result.findings) {
      process.stdout.write(
        `${finding.chain} #${finding.seq ?? '-'}: ${finding.kind}: ${EXPLANATIONS[finding.kind]}\n`,
      );
    }
    const summary = `${numberFormat.format(result.entries)} entries in ${result.chains} chains`;
    if (result.findings.length > 0) {
      throw new CliError(
        `Audit log NOT intact: ${result.findings.length} findings (${summary})`,
        2,
      );
    }
    process.stdout.write(`Audit log intact: ${summary}\n`);
  } finally {
    await database.close();
  }
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('The tamper-evident audit trail');
  audit
    .command('verify')
    .description('Recompute every hash chain and report altered, removed or reordered entries')
    .option(
      '--data-dir <dir>',
      'PGlite data directory (without DATABASE_URL; default ./data/pglite)',
    )
    .action((options: { dataDir?: string }) => verifyAudit(options));
}
