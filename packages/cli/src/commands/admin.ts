import { createInterface } from 'node:readline/promises';
import { UserInput } from '@haven/contract';
import {
  appendAudit,
  createUser,
  listHostCountryCodes,
  migrate,
  operatorActor,
  SYSTEM_CHAIN,
  weakPasswordMessage,
} from '@haven/server';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { openCliDatabase } from '../database.js';

interface AdminCreateOptions {
  readonly username: string;
  readonly displayName?: string | undefined;
  readonly countries?: string | undefined;
  readonly passwordFile?: string | undefined;
  readonly dataDir?: string | undefined;
}

/** The password from a file (first line), HAVEN_ADMIN_PASSWORD, or typed twice at a prompt. */
async function readPassword(options: AdminCreateOptions): Promise<string> {
  if (options.passwordFile) {
    const { readFile } = await import('node:fs/promises');
    return (await readFile(options.passwordFile, 'utf8')).split(/\r?\n/)[0] ?? '';
  }
  if (process.env.HAVEN_ADMIN_PASSWORD) {
    return process.env.HAVEN_ADMIN_PASSWORD;
  }
  if (!process.stdin.isTTY) {
    throw new CliError(
      'Give the password with --password-file or HAVEN_ADMIN_PASSWORD (no terminal to ask on)',
    );
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const first = await prompt.question('Password (12 characters or more): ');
    const second = await prompt.question('Same password again: ');
    if (first !== second) {
      throw new CliError('The two passwords differ');
    }
    return first;
  } finally {
    prompt.close();
  }
}

/** `haven admin create`: the first administrator. Haven ships with no account and no default password. */
export async function createAdministrator(options: AdminCreateOptions): Promise<void> {
  const password = await readPassword(options);
  // Before touching the database: a common password, or one holding the name, is refused.
  const weakness = weakPasswordMessage(password, options.username.trim().toLowerCase());
  if (weakness) {
    throw new CliError(`password: ${weakness}`);
  }
  const database = await openCliDatabase(options);
  try {
    // A new deployment's first command may be this one.
    await migrate(database);
    const countries = options.countries
      ? options.countries.split(',').map((code) => code.trim().toUpperCase())
      : await listHostCountryCodes(database.db);
    const parsed = UserInput.safeParse({
      username: options.username,
      displayName: options.displayName ?? options.username,
      password,
      role: 'administrator',
      countries,
      siteIds: [],
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(`${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`);
    }
    const user = await database.db.transaction(async (tx) => {
      const created = await createUser(tx, parsed.data);
      if (created) {
        await appendAudit(tx, [
          {
            ...operatorActor('admin create'),
            chain: SYSTEM_CHAIN,
            action: 'user.create',
            resourceType: 'user',
            resourceId: created.id,
            detail: { role: created.role, countries: created.countries },
          },
        ]);
      }
      return created;
    });
    if (!user) {
      throw new CliError(`The user name ${parsed.data.username} is taken`);
    }
    process.stderr.write(
      `Created administrator ${user.username} for ${user.countries.join(', ')}.\n`,
    );
  } finally {
    await database.close();
  }
}

export function registerAdminCommand(program: Command): void {
  const admin = program.command('admin').description('Manage staff accounts from the server');
  admin
    .command('create')
    .description('Create an administrator (the first account of a new deployment)')
    .requiredOption('--username <name>', 'user name to sign in with')
    .option('--display-name <name>', 'name shown in the app')
    .option('--countries <codes>', 'host countries in scope, e.g. PL,RO (default: all)')
    .option('--password-file <file>', 'read the password from the first line of this file')
    .option(
      '--data-dir <dir>',
      'PGlite data directory (without DATABASE_URL; default ./data/pglite)',
    )
    .action((options: AdminCreateOptions) => createAdministrator(options));
}
