import { fork } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { RegistrationInput } from '@haven/contract';
import {
  createEphemeralKeyring,
  openDatabase,
  operatorActor,
  planRegistration,
  recordRegistrations,
} from '@haven/server';
import autocannon from 'autocannon';
import pg from 'pg';
import { scratchDatabase } from './scratch-database.js';
import { DEMO_SITES, generateDemoRegistrations, type DemoRegistration } from './demo-data.js';

/**
 * Registers households of 1–6 people through the HTTP API with N concurrent clients, on PGlite and
 * on PostgreSQL, and the same inserts straight into PostgreSQL (no HTTP) for comparison.
 * Usage: node bench/dist/register.js [--duration 15] [--connections 32] [--pool 20]
 */
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
    pool: { type: 'string', default: '20' },
    bodies: { type: 'string', default: '2000' },
  },
});
const durationS = positive(args.duration, '--duration');
const connections = positive(args.connections, '--connections');
const poolSize = positive(args.pool, '--pool');
const bodyCount = positive(args.bodies, '--bodies');
const WARMUP_S = 2;
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Host and database of a connection string, without its password, for the output. */
const shownUrl = ((): string => {
  const url = new URL(databaseUrl);
  return `${url.host}${url.pathname}`;
})();

function positive(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} must be a positive whole number`);
    process.exit(2);
  }
  return n;
}

interface Figures {
  readonly name: string;
  readonly householdsPerS: number;
  readonly persons: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failed: number;
}

// Sites are created on each target; bodies name them by their index in DEMO_SITES until then.
const placeholderSites = DEMO_SITES.map((site, i) => ({
  id: `site-${i}`,
  countryCode: site.countryCode,
  kind: site.kind,
}));
const registrations = generateDemoRegistrations({
  seed: 2022,
  households: bodyCount,
  sites: placeholderSites,
});
const membersPerHousehold =
  registrations.reduce((sum, r) => sum + r.household.members.length, 0) / registrations.length;

const withSites = (siteIds: readonly string[]): DemoRegistration[] =>
  registrations.map((r) => ({ ...r, siteId: siteIds[Number(r.siteId.slice(5))] ?? '' }));

/** Starts the API in a child process and creates the demo sites through it. */
async function startApi(
  url: string | undefined,
): Promise<{ origin: string; siteIds: string[]; token: string; stop: () => Promise<void> }> {
  const child = fork(new URL('./api-server.js', import.meta.url), {
    env: { ...process.env, BENCH_DATABASE_URL: url ?? '', BENCH_POOL_SIZE: String(poolSize) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => Promise.reject(new Error('The API server exited during start'))),
  ])) as [{ port: number; siteIds: string[]; token: string }];
  const origin = `http://127.0.0.1:${message.port}`;
  const { siteIds, token } = message;
  return {
    origin,
    siteIds,
    token,
    stop: async () => {
      child.disconnect();
      await once(child, 'exit');
    },
  };
}

async function loadApi(name: string, url: string | undefined): Promise<Figures> {
  const api = await startApi(url);
  try {
    // The API records the signed-in user as registrar: the body carries none.
    const bodies = withSites(api.siteIds).map((r) =>
      JSON.stringify({ ...r, registrar: undefined }),
    );
    let next = 0;
    const run = (duration: number) =>
      autocannon({
        url: `${api.origin}/api/v1/registrations`,
        connections,
        duration,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` },
        requests: [
          {
            method: 'POST',
            // A new key and the next pre-generated household for every request.
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, 'idempotency-key': randomUUID() },
              body: bodies[next++ % bodies.length],
            }),
          },
        ],
      });
    await run(WARMUP_S);
    const result = await run(durationS);
    return {
      name,
      householdsPerS: result['2xx'] / result.duration,
      persons: result['2xx'] * membersPerHousehold,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      failed: result.non2xx + result.errors,
    };
  } finally {
    await api.stop();
  }
}

/** What the API does per request (plan, one insert with an idempotency claim, its audit entry), without HTTP. */
async function loadRaw(name: string, url: string): Promise<Figures> {
  const database = await openDatabase({ url, poolSize });
  try {
    const { siteIds } = await createSitesDirectly(url);
    const keyring = createEphemeralKeyring();
    const countryOfSite = new Map(siteIds.map((id, i) => [id, DEMO_SITES[i]?.countryCode ?? '']));
    const inputs = withSites(siteIds).map(({ registrar, ...r }) => ({
      registrar,
      input: RegistrationInput.parse(r),
      hash: createHash('sha256').update(JSON.stringify(r)).digest('base64url'),
    }));
    let next = 0;
    const latenciesMs: number[] = [];
    let failed = 0;
    const work = async (untilMs: number, record: boolean): Promise<void> => {
      while (performance.now() < untilMs) {
        const item = inputs[next++ % inputs.length];
        if (!item) {
          return;
        }
        const startedMs = performance.now();
        const plan = planRegistration(item.input, new Date().toISOString(), item.registrar);
        try {
          await recordRegistrations(database.db, keyring, [plan], {
            actor: operatorActor('bench'),
            countryOfSite: (siteId) => countryOfSite.get(siteId) ?? 'unknown',
            claim: { key: randomUUID(), scope: 'registrations', requestHash: item.hash },
          });
          if (record) {
            latenciesMs.push(performance.now() - startedMs);
          }
        } catch {
          failed += 1;
        }
      }
    };
    const runFor = (seconds: number, record: boolean) => {
      const untilMs = performance.now() + seconds * 1000;
      return Promise.all(Array.from({ length: connections }, () => work(untilMs, record)));
    };
    await runFor(WARMUP_S, false);
    const startedMs = performance.now();
    await runFor(durationS, true);
    const elapsedS = (performance.now() - startedMs) / 1000;
    latenciesMs.sort((a, b) => a - b);
    const at = (q: number) =>
      latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(q * latenciesMs.length))] ?? 0;
    return {
      name,
      householdsPerS: latenciesMs.length / elapsedS,
      persons: latenciesMs.length * membersPerHousehold,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      failed,
    };
  } finally {
    await database.close();
  }
}

async function createSitesDirectly(url: string): Promise<{ siteIds: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const siteIds: string[] = [];
    for (const site of DEMO_SITES) {
      const { rows } = await client.query<{ id: string }>(
        'INSERT INTO sites (name, country_code, kind, latitude, longitude) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [site.name, site.countryCode, site.kind, site.latitude, site.longitude],
      );
      siteIds.push(rows[0]?.id ?? '');
    }
    return { siteIds };
  } finally {
    await client.end();
  }
}

async function isPostgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const format = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
  `Register benchmark: ${connections} concurrent clients, ${durationS} s per run (after ${WARMUP_S} s warm-up), ` +
    `pool ${poolSize}, ${bodyCount} households of ${format(membersPerHousehold, 2)} people on average.`,
);
const figures: Figures[] = [];
figures.push(await loadApi('API on PGlite (in memory)', undefined));
if (await isPostgresReachable()) {
  console.log(`PostgreSQL: ${shownUrl} (scratch databases created and dropped there)`);
  const forApi = await scratchDatabase(databaseUrl, `haven_bench_${process.pid}_api`);
  try {
    figures.push(await loadApi('API on PostgreSQL', forApi.url));
  } finally {
    await forApi.drop();
  }
  const forRaw = await scratchDatabase(databaseUrl, `haven_bench_${process.pid}_raw`);
  try {
    figures.push(await loadRaw('raw inserts on PostgreSQL', forRaw.url));
  } finally {
    await forRaw.drop();
  }
} else {
  console.log(
    `PostgreSQL at ${shownUrl} is not reachable: skipping the PostgreSQL runs (set DATABASE_URL).`,
  );
}

console.table(
  figures.map((f) => ({
    run: f.name,
    'households/s': format(f.householdsPerS),
    'persons/s': format(f.persons / durationS),
    'p50 ms': format(f.p50Ms, 1),
    'p99 ms': format(f.p99Ms, 1),
    failed: f.failed,
  })),
);
const api = figures.find((f) => f.name === 'API on PostgreSQL');
const raw = figures.find((f) => f.name === 'raw inserts on PostgreSQL');
if (api && raw && raw.householdsPerS > 0) {
  const ratio = api.householdsPerS / raw.householdsPerS;
  console.log(
    `API / raw on PostgreSQL: ${format(ratio, 2)} (target ≥ 0.50)${ratio >= 0.5 ? '' : ' — BELOW TARGET'}`,
  );
}
