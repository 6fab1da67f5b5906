import { existsSync } from 'node:fs';
import { buildApp, isDatabaseEmpty, migrate, startPlannerStatistics } from '@haven/server';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError } from '../cli-error.js';
import { describeDatabase, errorMessage, openCliDatabase } from '../database.js';
import { numberFormat } from '../progress.js';
import { WEB_ROOT } from '../web-root.js';
import { DEMO_HOUSEHOLDS, DEMO_SEED, loadDemoData } from './demo-data.js';

export interface StartOptions {
  readonly port: number;
  readonly host: string;
  readonly demo: boolean;
  readonly dataDir?: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Serves the API and the web app until SIGINT or SIGTERM, then closes the server and the database. */
export async function start(options: StartOptions): Promise<void> {
  const database = await openCliDatabase(options);
  try {
    await migrate(database);
    if (options.demo && (await isDatabaseEmpty(database.db))) {
      const loaded = await loadDemoData(database.db, {
        households: DEMO_HOUSEHOLDS,
        seed: DEMO_SEED,
      });
      process.stderr.write(
        `First start: loaded ${numberFormat.format(loaded.households)} fictional households (${numberFormat.format(loaded.persons)} people) ` +
          `at ${loaded.sites} demo sites. Use --no-demo to start empty.\n`,
      );
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  const hasWeb = existsSync(WEB_ROOT);
  const app = await buildApp({
    db: database.db,
    webRoot: hasWeb ? WEB_ROOT : undefined,
    logLevel: process.env.LOG_LEVEL ?? 'info',
  }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const stopStatistics = startPlannerStatistics(database, (error) =>
    app.log.warn({ err: error }, 'refreshing planner statistics failed'),
  );
  app.addHook('onClose', async () => stopStatistics());
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
  if (!LOOPBACK.has(options.host)) {
    // TODO(#4): remove once registrars sign in; until then anyone on the network can read the data.
    process.stderr.write(
      `Warning: listening on ${options.host} without authentication. Use --host 127.0.0.1 on shared networks.\n`,
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
    .option('--no-demo', 'do not load demo data on the first start')
    .option(
      '--data-dir <dir>',
      'PGlite data directory (without DATABASE_URL; default ./data/pglite)',
    )
    .action((options: StartOptions) => start(options));
}
