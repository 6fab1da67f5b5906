import { applyRetention, migrate } from '@haven/server';
import type { Command } from 'commander';
import { openCliDatabase } from '../database.js';
import { openCliKeyring } from '../keyring.js';
import { numberFormat } from '../progress.js';

/** `haven retention apply`: what a running server does every hour, once, now. */
export async function applyRetentionNow(options: { dataDir?: string | undefined }): Promise<void> {
  const database = await openCliDatabase({ ...options, mustExist: true });
  try {
    await migrate(database);
    const keyring = await openCliKeyring(options);
    const outcome = await applyRetention(database.db, keyring);
    process.stdout.write(
      `Retention applied: ${numberFormat.format(outcome.persons)} persons and ` +
        `${numberFormat.format(outcome.manifestEntries)} manifest entries erased, ` +
        `${numberFormat.format(outcome.sessions)} sessions, ${numberFormat.format(outcome.apiTokens)} API tokens, ` +
        `${numberFormat.format(outcome.loginFailures)} sign-in failure records and ` +
        `${numberFormat.format(outcome.idempotencyKeys)} idempotency keys deleted.\n`,
    );
  } finally {
    await database.close();
  }
}

export function registerRetentionCommand(program: Command): void {
  program
    .command('retention')
    .description('Retention rules per record type (a running server applies them every hour)')
    .command('apply')
    .description(
      'Apply the retention rules now: erase and delete what is past its period (audited)',
    )
    .option(
      '--data-dir <dir>',
      'PGlite data directory (without DATABASE_URL; default ./data/pglite)',
    )
    .action((options: { dataDir?: string }) => applyRetentionNow(options));
}
