import { DEMO_SITES, demoRegistrations } from '@haven/bench';
import { RegistrationInput } from '@haven/contract';
import {
  analyzeRegistrationTables,
  ensureSites,
  migrate,
  operatorActor,
  planRegistration,
  recordRegistrations,
  type Db,
  type Keyring,
  type RegistrationPlan,
} from '@haven/server';
import { InvalidArgumentError, type Command } from 'commander';
import { describeDatabase, openCliDatabase } from '../database.js';
import { openCliKeyring } from '../keyring.js';
import { formatThroughput, numberFormat, startProgress } from '../progress.js';
import { loadDemoCorridors } from '../demo/corridors.js';
import { loadTemporaryProtectionDemo } from '../demo/temporary-protection.js';
import { loadCashAssistanceDemo } from '../demo/cash-assistance.js';

export const DEMO_HOUSEHOLDS = 300;
export const DEMO_SEED = 2022;
const BATCH_HOUSEHOLDS = 500;

export interface DemoDataOptions {
  readonly households: number;
  readonly seed: number;
  readonly onProgress?: (done: { households: number; persons: number }) => void;
}

/**
 * Loads fictional registrations of spring 2022 at the demo sites (created when absent). The same
 * seed gives the same people; loading twice registers them twice.
 */
export async function loadDemoData(
  db: Db,
  keyring: Keyring,
  options: DemoDataOptions,
): Promise<{ households: number; persons: number; sites: number }> {
  const sites = await ensureSites(db, DEMO_SITES);
  const countryOfSite = new Map(sites.map((site) => [site.id, site.countryCode]));
  // Sites in list order, so that the same seed picks the same sites in every database.
  const order = new Map(DEMO_SITES.map((s, i) => [`${s.countryCode}|${s.name}`, i]));
  sites.sort(
    (a, b) =>
      (order.get(`${a.countryCode}|${a.name}`) ?? 0) -
      (order.get(`${b.countryCode}|${b.name}`) ?? 0),
  );
  const receivedAt = new Date().toISOString();
  let plans: RegistrationPlan[] = [];
  let households = 0;
  let persons = 0;
  const write = async (): Promise<void> => {
    await recordRegistrations(db, keyring, plans, {
      actor: operatorActor('demo-data'),
      countryOfSite: (siteId) => countryOfSite.get(siteId) ?? 'unknown',
    });
    households += plans.length;
    persons += plans.reduce((sum, p) => sum + p.members.length, 0);
    plans = [];
    options.onProgress?.({ households, persons });
  };
  for (const registration of demoRegistrations({
    seed: options.seed,
    households: options.households,
    sites,
  })) {
    // Parsed as any request would be: the generator is held to the contract, and gets its defaults.
    const { registrar, ...input } = registration;
    plans.push(planRegistration(RegistrationInput.parse(input), receivedAt, registrar));
    if (plans.length >= BATCH_HOUSEHOLDS) {
      await write();
    }
  }
  if (plans.length > 0) {
    await write();
  }
  await analyzeRegistrationTables(db);
  await loadDemoCorridors(db, keyring, sites, options.seed);
  await loadTemporaryProtectionDemo(db);
  await loadCashAssistanceDemo(db);
  return { households, persons, sites: sites.length };
}

export function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || count > 10_000_000) {
    throw new InvalidArgumentError('Must be a whole number from 0 to 10,000,000.');
  }
  return count;
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new InvalidArgumentError('Must be a whole number from 0 to 4294967295.');
  }
  return seed;
}

export function registerDemoDataCommand(program: Command): void {
  program
    .command('demo-data')
    .description(
      'Load fictional registrations (spring 2022) at the demo border crossings and reception centres',
    )
    .option('--households <count>', 'households to register', parseCount, DEMO_HOUSEHOLDS)
    .option(
      '--seed <number>',
      'random seed: the same seed gives the same people',
      parseSeed,
      DEMO_SEED,
    )
    .option(
      '--data-dir <dir>',
      'PGlite data directory (without DATABASE_URL; default ./data/pglite)',
    )
    .action(async (options: { households: number; seed: number; dataDir?: string }) => {
      const database = await openCliDatabase(options);
      try {
        await migrate(database);
        const keyring = await openCliKeyring({
          ...options,
          log: (line) => process.stderr.write(`${line}\n`),
        });
        process.stderr.write(
          `Loading ${numberFormat.format(options.households)} demo households into ${describeDatabase(options)}\n`,
        );
        const progress = startProgress({ label: 'demo-data', total: options.households });
        const startedMs = performance.now();
        const loaded = await loadDemoData(database.db, keyring, {
          ...options,
          onProgress: (done) => progress.update(done.persons, done.households),
        }).finally(() => progress.stop());
        process.stderr.write(
          `Loaded ${numberFormat.format(loaded.households)} households at ${loaded.sites} sites: ` +
            `${formatThroughput(loaded.persons, performance.now() - startedMs, 'persons')}.\n`,
        );
      } finally {
        await database.close();
      }
    });
}
