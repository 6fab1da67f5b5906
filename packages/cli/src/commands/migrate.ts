import { migrate } from '@haven/server';
import type { Command } from 'commander';
import { describeDatabase, openCliDatabase } from '../database.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .option(
      '--data-dir <dir>',
      'PGlite data directory (without DATABASE_URL; default ./data/pglite)',
    )
    .action(async (options: { dataDir?: string }) => {
      const database = await openCliDatabase(options);
      try {
        await migrate(database);
        process.stderr.write(`The database is up to date (${describeDatabase(options)}).\n`);
      } finally {
        await database.close();
      }
    });
}
