import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  createEphemeralKeyring,
  createPersonIndex,
  openDatabase,
  sealDocumentNumber,
} from '@haven/server';
import pg from 'pg';
import { scratchDatabase } from '../scratch-database.js';
import { buildLookupSet } from './lookup-set.js';

/**
 * The server's match index at start (#3 item 4), as `haven start` rebuilds it: N persons stored
 * in a scratch PostgreSQL database (households of one, passport numbers sealed), then the index
 * streams them in with the server's own code (createPersonIndex). Prints the load's wall time and
 * memory, and the event loop's delay meanwhile: the longest a registration preview arriving
 * during the load waits for the load to let it run. Then the same while the register's model is
 * estimated in its worker thread.
 * Usage: node --expose-gc bench/dist/identity-realtime/server-start.js [--records 1000000]
 * PostgreSQL: DATABASE_URL (a server; a scratch database is created and dropped on it), default
 * postgres://postgres@127.0.0.1:5432/test.
 */
const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
  },
});
const recordCount = Number(args.records);
const seed = Number(args.seed);
if (!Number.isInteger(recordCount) || recordCount < 1 || !Number.isInteger(seed)) {
  console.error('--records and --seed must be positive whole numbers');
  process.exit(2);
}
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS_PER_STATEMENT = 1000;

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (nanoseconds: number): string => `${(nanoseconds / 1e6).toFixed(1)} ms`;
const delayLine = (histogram: IntervalHistogram): string =>
  `p50 ${ms(histogram.percentile(50))}  p99 ${ms(histogram.percentile(99))}  max ${ms(histogram.max)}`;
/**
 * CPU time this process spends between two turns of its event loop (a 1 ms timer): the longest
 * is the longest a request waits on an idle core. Wall-clock delay on a shared machine is mostly
 * waiting for a core. Counts every thread of the process, so only without a worker running.
 */
function probeTurns(): { stop: () => { p99Ms: number; maxMs: number } } {
  const cpuMsPerTurn: number[] = [];
  let last = process.cpuUsage();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = process.cpuUsage(last);
    last = process.cpuUsage();
    cpuMsPerTurn.push((now.user + now.system) / 1000);
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  return {
    stop: () => {
      clearTimeout(timer);
      const sorted = cpuMsPerTurn.sort((a, b) => a - b);
      return {
        p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? Number.NaN,
        maxMs: sorted.at(-1) ?? Number.NaN,
      };
    },
  };
}
const load1m = (): string => (os.loadavg()[0] ?? 0).toFixed(1);
const memory = (): NodeJS.MemoryUsage => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
};

console.log(
  `identity-realtime server start: ${String(recordCount)} persons, node ${process.version}, ` +
    `${String(os.availableParallelism())} cores, load average ${load1m()} at start`,
);
const { indexed } = buildLookupSet({
  indexedCount: recordCount,
  lookupCount: 1,
  newcomerShare: 0,
  seed,
});
const keyring = createEphemeralKeyring();
const scratch = await scratchDatabase(serverUrl, `haven_bench_index_${randomUUID().slice(0, 8)}`);
try {
  const seedStartedMs = performance.now();
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO sites (name, country_code, kind, latitude, longitude)
       VALUES ('Medyka', 'PL', 'border-crossing', 49.80, 22.93) RETURNING id`,
    );
    const siteId = rows[0]?.id ?? '';
    for (let from = 0; from < indexed.length; from += ROWS_PER_STATEMENT) {
      const chunk = indexed.slice(from, from + ROWS_PER_STATEMENT);
      const households = chunk.map(() => randomUUID());
      const persons = chunk.map(() => randomUUID());
      const documents = chunk.flatMap((record, at) =>
        (record.documents ?? []).map((document) => {
          const id = randomUUID();
          return {
            id,
            personId: persons[at],
            type: document.type,
            ...sealDocumentNumber(keyring, id, 'PL', document.number),
          };
        }),
      );
      // What the index reads only; the rest of a person's row is filled to satisfy the schema.
      const birthDates = chunk.map((record) => record.birthDate ?? '');
      await client.query('BEGIN');
      await client.query('INSERT INTO households (id) SELECT unnest($1::uuid[])', [households]);
      await client.query(
        `INSERT INTO registrations (id, household_id, site_id, registered_at, registrar,
           origin_pcode, arrival_mode)
         SELECT gen_random_uuid(), h, $2, now(), 'bench', 'UA80', 'on-foot'
         FROM unnest($1::uuid[]) AS h`,
        [households, siteId],
      );
      await client.query(
        `INSERT INTO persons (id, household_id, position, given_name, family_name, patronymic,
           given_name_latin, family_name_latin, search_names, sex, birth_date, birth_date_from,
           birth_date_to, nationality, relationship_to_head)
         SELECT p, h, 0, g, f, pa, g, f, '', s, b, '1900-01-01', '1900-01-01', 'UKR', 'head'
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
           $7::text[]) AS u(p, h, g, f, pa, s, b)`,
        [
          persons,
          households,
          chunk.map((record) => record.givenName ?? ''),
          chunk.map((record) => record.familyName ?? ''),
          chunk.map((record) => record.patronymic ?? null),
          chunk.map((record) => record.sex ?? 'unknown'),
          birthDates,
        ],
      );
      await client.query(
        `INSERT INTO identity_documents (id, person_id, type, issuing_country, number_sealed,
           number_index)
         SELECT id, p, t, 'UKR', s, i
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS u(id, p, t, s, i)`,
        [
          documents.map((d) => d.id),
          documents.map((d) => d.personId),
          documents.map((d) => d.type),
          documents.map((d) => d.numberSealed),
          documents.map((d) => d.numberIndex),
        ],
      );
      await client.query('COMMIT');
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  console.log(
    `stored in ${((performance.now() - seedStartedMs) / 1000).toFixed(1)} s ` +
      `(load average ${load1m()})`,
  );

  const database = await openDatabase({ url: scratch.url, poolSize: 4 });
  try {
    const before = memory();
    const loadDelay = monitorEventLoopDelay({ resolution: 5 });
    const index = createPersonIndex(database.db, keyring, { isListening: false });
    const startedMs = performance.now();
    const startedCpu = process.cpuUsage();
    loadDelay.enable();
    const turns = probeTurns();
    await index.load(database.db, (error) => {
      console.error(String(error));
    });
    loadDelay.disable();
    const turnCpu = turns.stop();
    const loadMs = performance.now() - startedMs;
    const { user, system } = process.cpuUsage(startedCpu);
    const after = memory();

    // The model's worker starts once the index is ready: its sample is copied to it.
    const modelDelay = monitorEventLoopDelay({ resolution: 5 });
    modelDelay.enable();
    const modelStartedMs = performance.now();
    while (index.modelSource !== 'register' && performance.now() - modelStartedMs < 600_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    modelDelay.disable();
    console.log(`
Server match index (createPersonIndex over PostgreSQL ${new URL(serverUrl).host}, ${index.state})
  load       ${(loadMs / 1000).toFixed(1)} s wall, CPU ${((user + system) / 1e6).toFixed(1)} s for ${String(index.size)} persons (load average ${load1m()})
  memory     heap ${mib(after.heapUsed)} (+${mib(after.heapUsed - before.heapUsed)} for the index), typed arrays ${mib(after.arrayBuffers)}, rss ${mib(after.rss)}
  loop delay during the load   ${delayLine(loadDelay)}  (wall: what a request arriving then waits on this machine now)
  CPU between two turns of the loop during the load   p99 ${turnCpu.p99Ms.toFixed(1)} ms  max ${turnCpu.maxMs.toFixed(1)} ms  (what it waits on an idle core)
  loop delay while the model is estimated in its worker (${index.modelSource}, ${((performance.now() - modelStartedMs) / 1000).toFixed(1)} s)   ${delayLine(modelDelay)}`);
    await index.stop();
  } finally {
    await database.close();
  }
} finally {
  await scratch.drop();
}
