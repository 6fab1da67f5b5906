import os from 'node:os';
import { parseArgs } from 'node:util';
import {
  estimateRegisterModel,
  MatchIndex,
  REFERENCE_MODEL,
  type IndexMatch,
} from '@haven/core/identity';
import { scoreRetrieval, summariseLatencies, type LatencyFigures } from './figures.js';
import { buildLookupSet, type Lookup } from './lookup-set.js';
import { openTrigramSearch } from './pg-trgm.js';

/**
 * The real-time match index (#3 item 4) at a million persons: build time and memory, then
 * lookups of re-registrations (another spelling, a typo, a swapped date) and of people never
 * registered, with latency percentiles and recall@10 against the generator's truth; then the
 * same lookups, by name, through PostgreSQL pg_trgm similarity search.
 * Usage: node --expose-gc bench/dist/identity-realtime/main.js [--records 1000000]
 *   [--lookups 10000] [--pg-lookups 1000] [--skip-pg] [--seed 1] [--max-comparisons 64]
 *   [--also-compare 32,16] (the same lookups again, comparing at most that many candidates each)
 * PostgreSQL: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test.
 */
const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    lookups: { type: 'string', default: '10000' },
    'pg-lookups': { type: 'string', default: '1000' },
    'skip-pg': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    'max-comparisons': { type: 'string' },
    'also-compare': { type: 'string', default: '' },
  },
});
const recordCount = positive(args.records, '--records');
const lookupCount = positive(args.lookups, '--lookups');
const pgLookupCount = Math.min(positive(args['pg-lookups'], '--pg-lookups'), lookupCount);
const seed = positive(args.seed, '--seed');
const maxComparisons =
  args['max-comparisons'] === undefined
    ? undefined
    : positive(args['max-comparisons'], '--max-comparisons');
const alsoCompare = (args['also-compare'] ?? '')
  .split(',')
  .filter((value) => value !== '')
  .map((value) => positive(value, '--also-compare'));
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Shares of lookups that are people never registered. */
const NEWCOMER_SHARE = 0.2;
/** Probabilities at which a match could be shown to the clerk as probably the same person. */
const MATCH_PROBABILITIES = [0.5, 0.99];
const WARM_UP_LOOKUPS = 500;

function positive(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} must be a positive whole number`);
    process.exit(2);
  }
  return n;
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (value: number): string => `${value.toFixed(2)} ms`;
const pct = (share: number): string => `${(share * 100).toFixed(2)} %`;
const latencyLine = ({ p50Ms, p95Ms, p99Ms, maxMs }: LatencyFigures): string =>
  `p50 ${ms(p50Ms)}  p95 ${ms(p95Ms)}  p99 ${ms(p99Ms)}  max ${ms(maxMs)}`;

/** Heap after a full collection when node runs with --expose-gc, else as it stands. */
function memory(): NodeJS.MemoryUsage {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
}

/** CPU time of this process, user and system, in milliseconds. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Wall and CPU milliseconds of a run: on a shared machine they part. */
function timed<T>(run: () => T): [T, number, number] {
  const [startedMs, startedCpuMs] = [performance.now(), cpuMs()];
  const result = run();
  return [result, performance.now() - startedMs, cpuMs() - startedCpuMs];
}

/** Of results at or above the match probability: how many were right, and who was flagged. */
function thresholdFigures(
  lookups: readonly Lookup[],
  matches: readonly (readonly IndexMatch[])[],
  minProbability: number,
) {
  let [shown, right, returningFound, returning, newcomersFlagged, newcomers] = [0, 0, 0, 0, 0, 0];
  lookups.forEach(({ truth }, at) => {
    const probable = (matches[at] ?? []).filter((m) => m.matchProbability >= minProbability);
    shown += probable.length;
    right += probable.filter(({ id }) => truth.has(id)).length;
    if (truth.size > 0) {
      returning += 1;
      returningFound += probable.some(({ id }) => truth.has(id)) ? 1 : 0;
    } else {
      newcomers += 1;
      newcomersFlagged += probable.length > 0 ? 1 : 0;
    }
  });
  return {
    precision: shown > 0 ? right / shown : Number.NaN,
    returningFound: returning > 0 ? returningFound / returning : Number.NaN,
    newcomersFlagged: newcomers > 0 ? newcomersFlagged / newcomers : Number.NaN,
  };
}

const [cores, load1m] = [os.availableParallelism(), os.loadavg()[0] ?? 0];
console.log(
  `identity-realtime: ${String(recordCount)} persons indexed, ${String(lookupCount)} lookups ` +
    `(${pct(NEWCOMER_SHARE)} never registered), seed ${String(seed)}, node ${process.version}, ` +
    `${String(cores)} cores, load average ${load1m.toFixed(1)} at start`,
);
const [{ indexed, lookups }, generateMs] = timed(() =>
  buildLookupSet({
    indexedCount: recordCount,
    lookupCount,
    newcomerShare: NEWCOMER_SHARE,
    seed,
  }),
);
console.log(`generated in ${(generateMs / 1000).toFixed(1)} s`);

const before = memory();
const index = new MatchIndex({ maxComparisons });
const [, loadMs, loadCpuMs] = timed(() => {
  index.load(indexed);
});
const after = memory();
// The server's model: the batch's EM on a sample of the register (register-model.ts).
const [model, modelMs] = timed(() => estimateRegisterModel(indexed) ?? REFERENCE_MODEL);
index.setModel(model);

for (const { registration } of lookups.slice(0, WARM_UP_LOOKUPS)) {
  index.findMatches(registration);
}
const latenciesMs: number[] = [];
// CPU time per lookup as well as wall time: on a shared machine the wall-clock tail is mostly
// the time this process waited for a core, which the index cannot shorten.
const lookupCpuMs: number[] = [];
const [matches, , lookupsCpuMs] = timed(() =>
  lookups.map(({ registration }) => {
    const [startedMs, startedCpuMs] = [performance.now(), cpuMs()];
    const found = index.findMatches(registration, { limit: 10 });
    latenciesMs.push(performance.now() - startedMs);
    lookupCpuMs.push(cpuMs() - startedCpuMs);
    return found;
  }),
);
const indexLatency = summariseLatencies(latenciesMs);
const indexCpuLatency = summariseLatencies(lookupCpuMs);
const indexRetrieval = scoreRetrieval(
  lookups,
  matches.map((found) => found.map(({ id }) => id)),
);
const thresholdLines = MATCH_PROBABILITIES.map((minProbability) => {
  const figures = thresholdFigures(lookups, matches, minProbability);
  return (
    `  p ≥ ${String(minProbability).padEnd(7)}re-registrations found ${pct(figures.returningFound)}, ` +
    `never-registered flagged ${pct(figures.newcomersFlagged)}, precision ${pct(figures.precision)}`
  );
});

console.log(`
MatchIndex (core, in process)
  build      load ${(loadMs / 1000).toFixed(1)} s (CPU ${(loadCpuMs / 1000).toFixed(1)} s) for ${String(index.size)} persons; model by the batch's EM on a sample ${(modelMs / 1000).toFixed(1)} s (prior of a pair ${model.lambda.toExponential(2)}, ${String(model.iterations)} iterations${model.hasConverged ? '' : ', not converged'})
  memory     heap ${mb(after.heapUsed)} (${mb(after.heapUsed - before.heapUsed)} more than the generated records alone), typed arrays ${mb(after.arrayBuffers)}, rss ${mb(after.rss)}
  latency    ${latencyLine(indexLatency)}, mean CPU ${ms(lookupsCpuMs / lookups.length)}  (${String(lookups.length)} lookups after ${String(WARM_UP_LOOKUPS)} to warm up)
  CPU time   ${latencyLine(indexCpuLatency)}  (per lookup, this process's threads: what the wall time would be on an idle core)
  retrieval  recall@10 ${pct(indexRetrieval.recallAt10)}, hit@10 ${pct(indexRetrieval.hitAt10)}, top-1 ${pct(indexRetrieval.top1)} over ${String(indexRetrieval.returningCount)} re-registrations
  machine    load average ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${String(cores)} cores after the lookups
${thresholdLines.join('\n')}`);

// The trade-off of the candidates compared per lookup: latency against recall, on one index.
for (const comparisons of alsoCompare) {
  const [wallMs, cpuTimesMs]: [number[], number[]] = [[], []];
  const found = lookups.map(({ registration }) => {
    const [startedMs, startedCpuMs] = [performance.now(), cpuMs()];
    const result = index.findMatches(registration, { limit: 10, maxComparisons: comparisons });
    wallMs.push(performance.now() - startedMs);
    cpuTimesMs.push(cpuMs() - startedCpuMs);
    return result;
  });
  const retrieval = scoreRetrieval(
    lookups,
    found.map((matches) => matches.map(({ id }) => id)),
  );
  const atHalf = thresholdFigures(lookups, found, 0.5);
  console.log(`  at most ${String(comparisons)} comparisons per lookup:
    latency  ${latencyLine(summariseLatencies(wallMs))}
    CPU time ${latencyLine(summariseLatencies(cpuTimesMs))}
    recall@10 ${pct(retrieval.recallAt10)}, hit@10 ${pct(retrieval.hitAt10)}, top-1 ${pct(retrieval.top1)}; p ≥ 0.5 re-registrations found ${pct(atHalf.returningFound)}, precision ${pct(atHalf.precision)}`);
}

if (args['skip-pg']) {
  process.exit(0);
}

const pgLookups = lookups.slice(0, pgLookupCount);
const trigrams = await openTrigramSearch(databaseUrl, indexed);
try {
  const pgLatenciesMs: number[] = [];
  const pgResults: string[][] = [];
  for (const { registration } of pgLookups) {
    const startedMs = performance.now();
    pgResults.push(await trigrams.search(registration));
    pgLatenciesMs.push(performance.now() - startedMs);
  }
  const pgRetrieval = scoreRetrieval(pgLookups, pgResults);
  const sameLookups = scoreRetrieval(
    pgLookups,
    matches.slice(0, pgLookupCount).map((found) => found.map(({ id }) => id)),
  );
  const url = new URL(databaseUrl);
  console.log(`
PostgreSQL pg_trgm (${url.host}${url.pathname}: name % $1 ORDER BY similarity LIMIT 10, GIN gin_trgm_ops, threshold ${String(trigrams.similarityThreshold)})
  build      insert ${(trigrams.loadMs / 1000).toFixed(1)} s, GIN index ${(trigrams.indexMs / 1000).toFixed(1)} s
  latency    ${latencyLine(summariseLatencies(pgLatenciesMs))}  (${String(pgLookups.length)} lookups, round trip from this process)
  retrieval  recall@10 ${pct(pgRetrieval.recallAt10)}, hit@10 ${pct(pgRetrieval.hitAt10)}, top-1 ${pct(pgRetrieval.top1)} over ${String(pgRetrieval.returningCount)} re-registrations
  MatchIndex on the same ${String(pgLookups.length)} lookups: recall@10 ${pct(sameLookups.recallAt10)}, hit@10 ${pct(sameLookups.hitAt10)}, top-1 ${pct(sameLookups.top1)}`);
} finally {
  await trigrams.close();
}
