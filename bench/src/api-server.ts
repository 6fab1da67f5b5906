import {
  buildApp,
  createApiToken,
  createEphemeralKeyring,
  createUser,
  ensureSites,
  listHostCountryCodes,
  migrate,
  openDatabase,
  type AuditChainMode,
} from '@haven/server';
import { DEMO_SITES } from './demo-data.js';

/**
 * The API alone in its own process, for the register benchmark: the load generator must not share
 * its event loop. PostgreSQL at BENCH_DATABASE_URL, otherwise PGlite in memory. Creates the demo
 * sites and a caseworker, and sends its port, the site ids (in DEMO_SITES order) and the
 * caseworker's API token to the parent over IPC; stops when the parent disconnects.
 */
const url = process.env.BENCH_DATABASE_URL || undefined;
const database = await openDatabase({ url, poolSize: Number(process.env.BENCH_POOL_SIZE ?? 20) });
await migrate(database);
const sites = await ensureSites(database.db, DEMO_SITES);
const siteIds = DEMO_SITES.map(
  (demo) => sites.find((s) => s.name === demo.name && s.countryCode === demo.countryCode)?.id,
);
// Every run gets its own caseworker: requests are authenticated and audited as in production.
const caseworker = await createUser(database.db, {
  username: `bench.${Date.now().toString(36)}`,
  displayName: 'Benchmark',
  password: `bench-${crypto.randomUUID()}`,
  role: 'caseworker',
  countries: await listHostCountryCodes(database.db),
  siteIds: [],
});
if (!caseworker) {
  throw new Error('Could not create the benchmark user');
}
const { token } = await createApiToken(database.db, caseworker.id, {
  name: 'bench',
  permissions: ['registrations:create'],
  expiresInDays: 1,
});
const app = await buildApp({
  db: database.db,
  keyring: createEphemeralKeyring(),
  // The benchmark is one client address sending thousands of requests a second.
  requestsPerMinute: 1_000_000_000,
  // bench:audit compares chain modes; every other benchmark runs production's per-country chains.
  auditChains: auditChainMode(process.env.BENCH_AUDIT_CHAINS),
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0, siteIds, token });
process.once('disconnect', () => {
  void app
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});

/** BENCH_AUDIT_CHAINS, set by bench:audit only. */
function auditChainMode(value: string | undefined): AuditChainMode {
  switch (value) {
    case 'global':
    case 'off':
      return value;
    default:
      return 'per-country';
  }
}
