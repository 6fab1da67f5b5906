import { Command } from 'commander';
import { registerAdminCommand } from './commands/admin.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerDemoDataCommand } from './commands/demo-data.js';
import { registerExportCommand } from './commands/export.js';
import { registerIdentityDedupCommand } from './commands/identity-dedup.js';
import { registerImportCommand } from './commands/import.js';
import { registerKeysCommand } from './commands/keys.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerRetentionCommand } from './commands/retention.js';
import { registerStartCommand } from './commands/start.js';

/** The `haven` command and its subcommands. The database is PostgreSQL when DATABASE_URL is set. */
export function buildProgram(): Command {
  const program = new Command('haven')
    .description(
      'Haven: registration of people displaced from Ukraine at crossings and reception centres',
    )
    .addHelpText(
      'after',
      '\nDatabase: PostgreSQL at DATABASE_URL when set, otherwise embedded PGlite in --data-dir.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .allowExcessArguments(false);
  registerStartCommand(program);
  registerMigrateCommand(program);
  registerDemoDataCommand(program);
  registerImportCommand(program);
  registerExportCommand(program);
  registerAdminCommand(program);
  registerAuditCommand(program);
  registerKeysCommand(program);
  registerRetentionCommand(program);
  registerIdentityDedupCommand(program);
  return program;
}
