import { parseArgs } from 'node:util';
import {
  listEntriesNaming,
  listEntriesOfActor,
  migrate,
  openDatabase,
  type AuditTrailEntry,
} from '@haven/server';
import pg from 'pg';

/**
 * The breach questions on a large audit log (issue 7 item 5): loads N synthetic entries (10 M by
 * default) into a PostgreSQL database of its own with generate_series, fills audit_subjects with
 * the rule migration 0009 backfills with, then times `haven audit who-read --person` and
 * `--user --since` for random persons and accounts. The database is kept for the next run
 * (--reload to rebuild it). Entries are not a valid hash chain: verify is not what is measured.
 * Usage: node bench/dist/audit-who-read/main.js [--entries 10000000] [--questions 20] [--reload]
 */
const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '10000000' },
    questions: { type: 'string', default: '20' },
    reload: { type: 'boolean', default: false },
  },
});
const entries = Number(args.entries);
const questions = Number(args.questions);
if (!Number.isInteger(entries) || entries < 1000 || !Number.isInteger(questions) || questions < 1) {
  console.error('--entries must be a whole number ≥ 1000 and --questions ≥ 1');
  process.exit(2);
}
const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DATABASE = 'haven_bench_who_read';
const url = new URL(baseUrl);
url.pathname = `/${DATABASE}`;

/** Two people per household; a household's registration shares its number. */
const households = Math.max(1, Math.floor(entries / 10));
const accounts = 1_000;
const CHUNK = 1_000_000;
/** Bumped when the synthetic data changes, so that an older database is rebuilt. */
const DATA_VERSION = 2;
const YEAR_START = '2025-01-01T00:00:00Z';

/** Ids the synthetic entries use, the same expressions in SQL and in TypeScript. */
const uuidOf = async (client: pg.Client, text: string): Promise<string> => {
  const { rows } = await client.query<{ id: string }>('SELECT md5($1)::uuid::text AS id', [text]);
  return rows[0]?.id ?? '';
};

async function ensureDatabase(): Promise<boolean> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount && !args.reload) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string }>(
          "SELECT coalesce((SELECT value FROM bench_meta WHERE key = 'entries'), '0') AS n",
        );
        if (rows[0]?.n === `${String(entries)}/${DATA_VERSION}`) {
          return false;
        }
      } catch {
        // not loaded completely: rebuild
      } finally {
        await client.end();
      }
    }
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    return true;
  } finally {
    await admin.end();
  }
}

async function load(): Promise<void> {
  const database = await openDatabase({ url: url.toString(), poolSize: 1 });
  await migrate(database);
  await database.close();
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const startedMs = performance.now();
  const step = async (label: string, statement: string, params: unknown[] = []) => {
    const t0 = performance.now();
    await client.query(statement, params);
    console.log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  try {
    await client.query('SET synchronous_commit = off');
    await client.query("SET maintenance_work_mem = '1GB'");
    // Indexes are built once after the load: far faster than 10 M inserts into each.
    await client.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
      DROP INDEX audit_log_chain_idx, audit_log_resource_idx, audit_log_actor_idx;
      ALTER TABLE audit_subjects DROP CONSTRAINT audit_subjects_subject_id_seq_pk`);
    for (let lo = 1; lo <= entries; lo += CHUNK) {
      const hi = Math.min(entries, lo + CHUNK - 1);
      // 20% registrations created, 40% registrations read, 20% households read, 5% list pages
      // of 10 registrations, 15% account events that name no person; a household's ~10 entries
      // are of mixed kinds (k does not repeat with j), times are in milliseconds as appendAudit's.
      await step(
        `entries ${lo}–${hi}`,
        `INSERT INTO audit_log (seq, chain, at, actor_id, actor, actor_role, action, resource_type,
            resource_id, purpose, ip, request_id, detail, prev_hash, hash) OVERRIDING SYSTEM VALUE
         SELECT i, (ARRAY['PL','RO','HU','SK','MD'])[1 + i % 5],
           date_trunc('milliseconds', $3::timestamptz + (i::float8 / $4) * interval '365 days'),
           md5('u' || u)::uuid, 'bench-user-' || u, 'caseworker',
           CASE WHEN k < 4 THEN 'registration.create' WHEN k < 12 THEN 'registration.read'
                WHEN k < 16 THEN 'household.read' WHEN k = 16 THEN 'registration.list'
                ELSE 'session.create' END,
           CASE WHEN k < 12 THEN 'registration' WHEN k < 16 THEN 'household'
                WHEN k = 16 THEN 'registration' ELSE 'user' END,
           CASE WHEN k < 12 THEN md5('r' || j)::uuid::text WHEN k < 16 THEN md5('h' || j)::uuid::text
                WHEN k = 16 THEN NULL ELSE md5('u' || u)::uuid::text END,
           NULL, '10.' || (u % 250) || '.' || (i % 250) || '.7', md5('q' || i)::uuid::text,
           CASE WHEN k < 4 THEN jsonb_build_object('householdId', md5('h' || j)::uuid,
                  'persons', jsonb_build_array(md5('p' || 2 * j)::uuid, md5('p' || 2 * j + 1)::uuid))
                WHEN k < 12 THEN jsonb_build_object('householdId', md5('h' || j)::uuid)
                WHEN k < 16 THEN jsonb_build_object('persons',
                  jsonb_build_array(md5('p' || 2 * j)::uuid, md5('p' || 2 * j + 1)::uuid))
                WHEN k = 16 THEN jsonb_build_object('filters', '[]'::jsonb, 'registrationIds',
                  (SELECT jsonb_agg(md5('r' || (1 + (j + n) % $5))::uuid) FROM generate_series(0, 9) n))
                ELSE '{}'::jsonb END,
           md5('a' || i) || md5('b' || i), md5('c' || i) || md5('d' || i)
         FROM generate_series($1::bigint, $2::bigint) AS i,
              LATERAL (SELECT (i / 3) % 20 AS k, 1 + (i * 7919) % $5 AS j, 1 + (i * 31) % $6 AS u) AS x`,
        [lo, hi, YEAR_START, entries, households, accounts],
      );
      // The ids auditSubjectIds takes from each kind of entry above, from the same formulas.
      await step(
        `subjects ${lo}–${hi}`,
        `INSERT INTO audit_subjects (subject_id, seq)
         SELECT md5(named)::uuid, i
         FROM generate_series($1::bigint, $2::bigint) AS i,
              LATERAL (SELECT (i / 3) % 20 AS k, 1 + (i * 7919) % $3 AS j) AS x,
              LATERAL unnest(CASE
                WHEN k < 4 THEN ARRAY['r' || j, 'h' || j, 'p' || 2 * j, 'p' || 2 * j + 1]
                WHEN k < 12 THEN ARRAY['r' || j, 'h' || j]
                WHEN k < 16 THEN ARRAY['h' || j, 'p' || 2 * j, 'p' || 2 * j + 1]
                WHEN k = 16 THEN ARRAY(SELECT 'r' || (1 + (j + n) % $3) FROM generate_series(0, 9) n)
                ELSE ARRAY[]::text[] END) AS named`,
        [lo, hi, households],
      );
    }
    await step('primary key of audit_log', 'ALTER TABLE audit_log ADD PRIMARY KEY (seq)');
    await step(
      'indexes of audit_log',
      `CREATE INDEX audit_log_chain_idx ON audit_log (chain, seq);
       CREATE INDEX audit_log_resource_idx ON audit_log (resource_id);
       CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at)`,
    );
    await step(
      'primary key of audit_subjects',
      `ALTER TABLE audit_subjects ADD CONSTRAINT audit_subjects_subject_id_seq_pk
         PRIMARY KEY (subject_id, seq)`,
    );
    await step('vacuum analyze', 'VACUUM ANALYZE audit_log, audit_subjects');
    await client.query(`CREATE TABLE bench_meta (key text PRIMARY KEY, value text NOT NULL);
      INSERT INTO bench_meta VALUES ('entries', '${String(entries)}/${DATA_VERSION}')`);
    console.log(`Loaded in ${((performance.now() - startedMs) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
  }
}

async function timeQuestion(
  pages: AsyncGenerator<AuditTrailEntry[]>,
): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  let rows = 0;
  for await (const page of pages) {
    rows += page.length;
  }
  return { ms: performance.now() - t0, rows };
}

function summary(name: string, runs: { ms: number; rows: number }[]): void {
  const ms = runs.map((run) => run.ms).sort((a, b) => a - b);
  const rows = runs.map((run) => run.rows).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  console.log(
    `${name.padEnd(44)} median ${at(0.5).toFixed(1).padStart(7)} ms   max ${(ms.at(-1) ?? 0)
      .toFixed(1)
      .padStart(7)} ms   entries per answer ${rows[0] ?? 0}–${rows.at(-1) ?? 0}`,
  );
}

const loadNeeded = await ensureDatabase();
console.log(
  `${DATABASE} at ${url.host}: ${entries.toLocaleString('en')} audit entries` +
    (loadNeeded ? ', loading…' : ' (already loaded; --reload to rebuild)'),
);
if (loadNeeded) {
  await load();
}
const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
const sizes = await client.query<{ log: string; subjects: string }>(
  `SELECT pg_size_pretty(pg_total_relation_size('audit_log')) AS log,
          pg_size_pretty(pg_total_relation_size('audit_subjects')) AS subjects`,
);
console.log(
  `audit_log ${sizes.rows[0]?.log ?? '?'}, audit_subjects ${sizes.rows[0]?.subjects ?? '?'} (with indexes)`,
);
const database = await openDatabase({ url: url.toString(), poolSize: 2 });
try {
  // A fixed pseudo-random sequence: the same persons and accounts on every run.
  let state = 42;
  const next = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return 1 + (state % n);
  };
  const person: { ms: number; rows: number }[] = [];
  const personSince: { ms: number; rows: number }[] = [];
  for (let q = 0; q < questions; q++) {
    const j = next(households);
    // What findSubjectIdsOfPerson answers: the person, their household and its registration.
    const ids = [
      await uuidOf(client, `p${String(2 * j)}`),
      await uuidOf(client, `h${String(j)}`),
      await uuidOf(client, `r${String(j)}`),
    ];
    person.push(await timeQuestion(listEntriesNaming(database.db, ids, undefined)));
    personSince.push(
      await timeQuestion(listEntriesNaming(database.db, ids, '2025-12-01T00:00:00Z')),
    );
  }
  const user30: { ms: number; rows: number }[] = [];
  const userYear: { ms: number; rows: number }[] = [];
  for (let q = 0; q < questions; q++) {
    const actorId = await uuidOf(client, `u${String(next(accounts))}`);
    user30.push(
      await timeQuestion(listEntriesOfActor(database.db, actorId, '2025-12-02T00:00:00Z')),
    );
    userYear.push(await timeQuestion(listEntriesOfActor(database.db, actorId, YEAR_START)));
  }
  console.log(
    `\n${questions} questions each (time to the whole answer, through the server's queries):`,
  );
  summary('who-read --person P', person);
  summary('who-read --person P --since 2025-12-01', personSince);
  summary('who-read --user U --since (last 30 days)', user30);
  summary('who-read --user U --since (whole year)', userYear);
} finally {
  await database.close();
  await client.end();
}
