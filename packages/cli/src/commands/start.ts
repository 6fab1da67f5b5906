import { existsSync } from 'node:fs';
import {
  buildApp,
  createDemoUsers,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  hasDemoUsers,
  isDatabaseEmpty,
  migrate,
  sealCarriedOverDocumentNumbers,
  startPlannerStatistics,
  startAuditCheckpoints,
  startEvacuationAlerts,
  startRetention,
} from '@haven/server';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError } from '../cli-error.js';
import { describeDatabase, errorMessage, openCliDatabase } from '../database.js';
import { openCliKeyring } from '../keyring.js';
import { numberFormat } from '../progress.js';
import { WEB_ROOT } from '../web-root.js';
import { DEMO_HOUSEHOLDS, DEMO_SEED, loadDemoData } from './demo-data.js';

export interface StartOptions {
  readonly port: number;
  readonly host: string;
  readonly demo: boolean;
  readonly dataDir?: string | undefined;
  readonly trustProxy?: boolean | undefined;
  readonly corsOrigin?: string[] | undefined;
  /** --require-mfa / --no-require-mfa; undefined when neither was given. */
  readonly requireMfa?: boolean | undefined;
}

/**
 * Whether staff who read people must pass a second factor: the flag, else HAVEN_REQUIRE_MFA
 * (true/false), else on — except in a demo database, whose shared demo accounts have no phone.
 */
export function resolveRequireMfa(
  flag: boolean | undefined,
  env: string | undefined,
  isDemoDatabase: boolean,
): boolean {
  if (flag !== undefined) {
    return flag;
  }
  const text = env?.trim().toLowerCase();
  if (text === 'true' || text === '1' || text === 'on') {
    return true;
  }
  if (text === 'false' || text === '0' || text === 'off') {
    return false;
  }
  if (text) {
    throw new CliError(`HAVEN_REQUIRE_MFA must be true or false, not ${env ?? ''}`);
  }
  return !isDemoDatabase;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Serves the API and the web app until SIGINT or SIGTERM, then closes the server and the database. */
export async function start(options: StartOptions): Promise<void> {
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const database = await openCliDatabase(options);
  let keyring;
  try {
    await migrate(database);
    keyring = await openCliKeyring({ ...options, log });
    // Before the match index loads: numbers stored in clear by an older version are sealed now.
    const sealed = await sealCarriedOverDocumentNumbers(database.db, keyring);
    if (sealed > 0) {
      log(
        `Sealed ${numberFormat.format(sealed)} document numbers stored in clear by an older version.`,
      );
    }
    if (options.demo && (await isDatabaseEmpty(database.db))) {
      const loaded = await loadDemoData(database.db, keyring, {
        households: DEMO_HOUSEHOLDS,
        seed: DEMO_SEED,
      });
      // Demo accounts exist only in a database that demo mode filled, never in a real one.
      await createDemoUsers(database.db);
      log(
        `First start: loaded ${numberFormat.format(loaded.households)} fictional households (${numberFormat.format(loaded.persons)} people) ` +
          `at ${loaded.sites} demo sites, and demo accounts. Use --no-demo to start empty.`,
      );
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  const hasWeb = existsSync(WEB_ROOT);
  const isDemoDatabase = await hasDemoUsers(database.db);
  let requireMfa;
  try {
    requireMfa = resolveRequireMfa(
      options.requireMfa,
      process.env.HAVEN_REQUIRE_MFA,
      isDemoDatabase,
    );
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = await buildApp({
    requireMfa,
    db: database.db,
    keyring,
    trustProxy: options.trustProxy,
    corsOrigins: options.corsOrigin,
    webRoot: hasWeb ? WEB_ROOT : undefined,
    logLevel: process.env.LOG_LEVEL ?? 'info',
  }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const stopStatistics = startPlannerStatistics(database, (error) =>
    app.log.warn({ err: error }, 'refreshing planner statistics failed'),
  );
  const stopRetention = startRetention(database.db, keyring, (error) =>
    app.log.warn({ err: error }, 'applying retention rules failed'),
  );
  const stopCheckpoints = startAuditCheckpoints(database.db, process.env, (error) =>
    app.log.warn({ err: error }, 'writing the audit checkpoint failed'),
  );
  // Raises "boarded, not arrived by the expected time plus the margin" without anyone looking (#5).
  const stopAlerts = startEvacuationAlerts(database.db, (error) =>
    app.log.warn({ err: error }, 'raising evacuation alerts failed'),
  );
  app.addHook('onClose', async () => {
    stopStatistics();
    stopRetention();
    stopCheckpoints();
    stopAlerts();
  });
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await app.close();
    await database.close();
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    throw new CliError(
      inUse ? `Port ${options.port} is in use; choose another with --port` : errorMessage(error),
    );
  }

  const shown = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  process.stderr.write(
    `Haven is running at http://${shown.includes(':') ? `[${shown}]` : shown}:${port} (${describeDatabase(options)})\n` +
      (hasWeb
        ? ''
        : `The web app is not built (npm run build -w @haven/web): serving the API only.\n`),
  );
  if (isDemoDatabase) {
    log(
      `Demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}. ` +
        'They are for trying Haven only: never put real people into a demo database.',
    );
  }
  log(
    requireMfa
      ? 'Staff who read people must pass a second factor (authenticator app) after the password.'
      : 'Warning: no second factor is asked at sign-in (demo database or --no-require-mfa).',
  );
  if (!LOOPBACK.has(options.host) && !options.trustProxy) {
    log(
      `Warning: listening on ${options.host} over plain HTTP: passwords and personal data cross the ` +
        'network unencrypted. Serve Haven behind a TLS proxy (and use --trust-proxy).',
    );
  }

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.stderr.write(`${signal}: stopping…\n`);
      // A second signal means the user does not want to wait for open requests.
      process.once(signal, () => process.exit(130));
      void app
        .close()
        .then(() => database.close())
        .catch((error: unknown) => {
          process.stderr.write(`Error while stopping: ${errorMessage(error)}\n`);
          process.exitCode = 1;
        })
        .finally(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('Must be a port number from 0 to 65535.');
  }
  return port;
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'Serve the API and the web app (applies migrations; loads demo data on the first start)',
    )
    .option('-p, --port <number>', 'port to listen on', parsePort, 8080)
    .option(
      '--host <address>',
      'address to listen on (0.0.0.0 to serve the local network)',
      '127.0.0.1',
    )
    .option('--no-demo', 'do not load demo data (and demo accounts) on the first start')
    .option(
      '--trust-proxy',
      'behind a TLS-terminating proxy: trust its X-Forwarded-* headers (client address, https)',
    )
    .option(
      '--cors-origin <origin...>',
      'origins of other web apps allowed to call the API from a browser (none by default)',
    )
    .option(
      '--data-dir <dir>',
      'PGlite data directory (without DATABASE_URL; default ./data/pglite)',
    )
    .option(
      '--require-mfa',
      'ask staff who read people for a second factor (the default, except in a demo database; also HAVEN_REQUIRE_MFA=true)',
    )
    .option('--no-require-mfa', 'never ask for a second factor (also HAVEN_REQUIRE_MFA=false)')
    .action((options: StartOptions) => start(options));
}
