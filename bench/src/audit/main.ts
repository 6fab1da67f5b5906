import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { AuditChainMode } from '@haven/server';
import autocannon from 'autocannon';
import pg from 'pg';
import { scratchDatabase } from '../scratch-database.js';
import { DEMO_SITES, generateDemoRegistrations } from '../demo-data.js';

/**
 * What the audit trail costs writers (issue 7): households registered through the HTTP API by N
 * concurrent clients on PostgreSQL, each with its audit entry in the same transaction, in three
 * modes of the same run: no audit, one global chain (every writer waits for one head row), and
 * the per-country chains production uses. Each mode gets a fresh database.
 * Usage: node bench/dist/audit/main.js [--duration 15] [--connections 32] [--pool 20]
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
const MODES: readonly AuditChainMode[] = ['off', 'global', 'per-country'];
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function positive(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} must be a positive whole number`);
    process.exit(2);
  }
  return n;
}

interface Figures {
  readonly mode: AuditChainMode;
  readonly householdsPerS: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failed: number;
  readonly auditEntries: number;
  readonly chains: number;
}

const registrations = generateDemoRegistrations({
  seed: 2022,
  households: bodyCount,
  sites: DEMO_SITES.map((site, i) => ({
    id: `site-${String(i)}`,
    countryCode: site.countryCode,
    kind: site.kind,
  })),
});

async function countAudit(url: string): Promise<{ entries: number; chains: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ entries: string; chains: string }>(
      'SELECT count(*) AS entries, count(DISTINCT chain) AS chains FROM audit_log',
    );
    return { entries: Number(rows[0]?.entries), chains: Number(rows[0]?.chains) };
  } finally {
    await client.end();
  }
}

async function runMode(mode: AuditChainMode): Promise<Figures> {
  const scratch = await scratchDatabase(
    databaseUrl,
    `haven_bench_audit_${String(process.pid)}_${mode.replace('-', '_')}`,
  );
  const child = fork(new URL('../api-server.js', import.meta.url), {
    env: {
      ...process.env,
      BENCH_DATABASE_URL: scratch.url,
      BENCH_POOL_SIZE: String(poolSize),
      BENCH_AUDIT_CHAINS: mode,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const [message] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(() =>
        Promise.reject(new Error('The API server exited during start')),
      ),
    ])) as [{ port: number; siteIds: string[]; token: string }];
    const bodies = registrations.map((r) =>
      JSON.stringify({
        ...r,
        registrar: undefined,
        siteId: message.siteIds[Number(r.siteId.slice(5))] ?? '',
      }),
    );
    let next = 0;
    const run = (duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${String(message.port)}/api/v1/registrations`,
        connections,
        duration,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${message.token}` },
        requests: [
          {
            method: 'POST',
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
    const audit = await countAudit(scratch.url);
    return {
      mode,
      householdsPerS: result['2xx'] / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      failed: result.non2xx + result.errors,
      auditEntries: audit.entries,
      chains: audit.chains,
    };
  } finally {
    child.disconnect();
    await once(child, 'exit');
    await scratch.drop();
  }
}

const shown = new URL(databaseUrl);
console.log(
  `Registrations through the API on PostgreSQL ${shown.host}: ${String(connections)} clients, ` +
    `${String(durationS)} s per mode after ${String(WARMUP_S)} s of warm-up, pool ${String(poolSize)}\n`,
);
const figures: Figures[] = [];
for (const mode of MODES) {
  figures.push(await runMode(mode));
}
const unaudited = figures.find((f) => f.mode === 'off')?.householdsPerS ?? 0;
const LABELS: Record<AuditChainMode, string> = {
  off: 'no audit',
  global: 'one global chain',
  'per-country': 'per-country chains (production)',
};
console.log(
  `${'mode'.padEnd(34)}${'households/s'.padStart(13)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}` +
    `${'failed'.padStart(8)}${'entries'.padStart(10)}${'chains'.padStart(8)}${'vs no audit'.padStart(13)}`,
);
for (const f of figures) {
  console.log(
    `${LABELS[f.mode].padEnd(34)}${f.householdsPerS.toFixed(0).padStart(13)}` +
      `${f.p50Ms.toFixed(0).padStart(9)}${f.p99Ms.toFixed(0).padStart(9)}${String(f.failed).padStart(8)}` +
      `${String(f.auditEntries).padStart(10)}${String(f.chains).padStart(8)}` +
      `${(unaudited ? f.householdsPerS / unaudited : 0).toFixed(2).padStart(13)}`,
  );
}
const perCountry = figures.find((f) => f.mode === 'per-country')?.householdsPerS ?? 0;
const ratio = unaudited ? perCountry / unaudited : 0;
console.log(
  `\naudited (per-country) / unaudited = ${ratio.toFixed(2)} (target ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'})`,
);
