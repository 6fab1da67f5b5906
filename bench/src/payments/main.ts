/**
 * The disbursement benchmark (issue 6 item 4): seeds, outside the timed part, N enrolled persons
 * (1 M by default) in Polish households of one to four members under UNHCR Poland 2022, each with
 * a granted protection status; 2 % of them are also registered and enrolled in Romania (the same
 * identity cluster) and were already paid there for the period. It then times building the Polish
 * batch of that period through the server's buildBatch (core decides, bulk writes back), and
 * proves by query that every identity is paid once, the duplicates are held, and the ledger
 * balances. Seeding uses generate_series in the database: no row crosses the network.
 * Usage: node bench/dist/payments/main.js [--persons 1000000] [--keep]
 */
import { parseArgs } from 'node:util';
import {
  batchLedgerProof,
  buildBatch,
  createProgramme,
  openDatabase,
  operatorActor,
  operatorCashActor,
  type Db,
} from '@haven/server';
import pg from 'pg';
import { scratchDatabase } from '../scratch-database.js';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    keep: { type: 'boolean', default: false },
  },
});
const persons = Number(args.persons);
if (!Number.isInteger(persons) || persons < 1000) {
  console.error('--persons must be a whole number ≥ 1000');
  process.exit(2);
}
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Households k = 1..H have (k % 4) + 1 members: 2.5 on average. */
const households = Math.round(persons / 2.5);
/** The first member of every 20th household (of three members) is also registered in Romania: 2 % of persons. */
const DUPLICATE_EVERY = 20;
const PERIOD = '2022-06';
const seconds = (ms: number): string => (ms / 1000).toFixed(2);

const scratch = await scratchDatabase(serverUrl, `haven_bench_payments_${String(process.pid)}`);
const database = await openDatabase({ url: scratch.url, poolSize: 2 });
const db: Db = database.db;
const client = new pg.Client({ connectionString: scratch.url });
await client.connect();
const actor = operatorCashActor('bench-payments', operatorActor('bench-payments'));

try {
  const seedStarted = performance.now();
  const seed = async (label: string, text: string) => {
    const started = performance.now();
    await client.query(text);
    console.log(`  seed ${label}: ${seconds(performance.now() - started)} s`);
  };
  console.log(
    `Seeding ${persons.toLocaleString('en')} persons in ${households.toLocaleString('en')} Polish households…`,
  );
  await seed(
    'households',
    `INSERT INTO households (id) SELECT md5('h' || k)::uuid FROM generate_series(1, ${households}) k;
     INSERT INTO households (id) SELECT md5('rh' || k)::uuid
       FROM generate_series(2, ${households}, ${DUPLICATE_EVERY}) k`,
  );
  const personColumns = `id, household_id, position, given_name, family_name, given_name_latin,
    family_name_latin, search_names, sex, birth_date, birth_date_from, birth_date_to, nationality,
    relationship_to_head`;
  await seed(
    'persons',
    `INSERT INTO persons (${personColumns})
     SELECT md5('p' || k || '-' || j)::uuid, md5('h' || k)::uuid, j, 'Олена', 'Бенчмарк', 'Olena',
            'Benchmark', ' olena benchmark ', 'female', '1980-01-01', '1980-01-01', '1980-01-01',
            'UKR', CASE WHEN j = 1 THEN 'head' ELSE 'child' END
       FROM generate_series(1, ${households}) k, generate_series(1, (k % 4) + 1) j;
     INSERT INTO persons (${personColumns})
     SELECT md5('rp' || k)::uuid, md5('rh' || k)::uuid, 1, 'Олена', 'Бенчмарк', 'Olena',
            'Benchmark', ' olena benchmark ', 'female', '1980-01-01', '1980-01-01', '1980-01-01',
            'UKR', 'head'
       FROM generate_series(2, ${households}, ${DUPLICATE_EVERY}) k`,
  );
  await seed(
    'identity clusters',
    `INSERT INTO identity_dedup_runs (id, started_at, finished_at, persons, candidate_pairs,
       clusters, multi_person_clusters, largest_cluster, must_links, cannot_links,
       constraint_conflicts, review_pairs, review_probability, link_probability,
       prior_match_probability, model)
     VALUES (md5('run')::uuid, now(), now(), 0, 0, 0, 0, 2, 0, 0, 0, 0, 0.5, 0.9, 0.01, '{}');
     INSERT INTO identity_clusters (person_id, cluster_id, run_id)
     SELECT p.id, least(p.id, r.id), md5('run')::uuid
       FROM generate_series(2, ${households}, ${DUPLICATE_EVERY}) k,
            LATERAL (SELECT md5('p' || k || '-1')::uuid AS id) p,
            LATERAL (SELECT md5('rp' || k)::uuid AS id) r
     UNION ALL
     SELECT r.id, least(p.id, r.id), md5('run')::uuid
       FROM generate_series(2, ${households}, ${DUPLICATE_EVERY}) k,
            LATERAL (SELECT md5('p' || k || '-1')::uuid AS id) p,
            LATERAL (SELECT md5('rp' || k)::uuid AS id) r`,
  );
  await seed(
    'protection statuses',
    `INSERT INTO protection_status_events (id, person_id, country_code, status, category,
       effective_on, recorded_at, recorded_by_name)
     SELECT md5('s' || k || '-' || j)::uuid, md5('p' || k || '-' || j)::uuid, 'PL', 'granted',
            'TP-2-1-A', '2022-04-01', now(), 'bench'
       FROM generate_series(1, ${households}) k, generate_series(1, (k % 4) + 1) j;
     INSERT INTO protection_status_events (id, person_id, country_code, status, category,
       effective_on, recorded_at, recorded_by_name)
     SELECT md5('rs' || k)::uuid, md5('rp' || k)::uuid, 'RO', 'granted', 'TP-2-1-A',
            '2022-04-01', now(), 'bench'
       FROM generate_series(2, ${households}, ${DUPLICATE_EVERY}) k`,
  );
  const poland = await createProgramme(db, actor, { templateId: 'UNHCR-PL-MPCA-2022' });
  const romania = await createProgramme(db, actor, { templateId: 'UNHCR-RO-MPCA-2022' });
  await seed(
    'enrolments',
    `INSERT INTO cash_enrolments (id, programme_id, household_id, recipient_person_id, enrolled_on,
       enrolled_at, enrolled_by_name)
     SELECT md5('e' || k)::uuid, '${poland.id}', md5('h' || k)::uuid, md5('p' || k || '-1')::uuid,
            '2022-06-01', now(), 'bench'
       FROM generate_series(1, ${households}) k;
     INSERT INTO cash_enrolment_members (enrolment_id, person_id)
     SELECT md5('e' || k)::uuid, md5('p' || k || '-' || j)::uuid
       FROM generate_series(1, ${households}) k, generate_series(1, (k % 4) + 1) j;
     INSERT INTO cash_enrolments (id, programme_id, household_id, recipient_person_id, enrolled_on,
       enrolled_at, enrolled_by_name)
     SELECT md5('re' || k)::uuid, '${romania.id}', md5('rh' || k)::uuid, md5('rp' || k)::uuid,
            '2022-05-15', now(), 'bench'
       FROM generate_series(2, ${households}, ${DUPLICATE_EVERY}) k;
     INSERT INTO cash_enrolment_members (enrolment_id, person_id)
     SELECT md5('re' || k)::uuid, md5('rp' || k)::uuid
       FROM generate_series(2, ${households}, ${DUPLICATE_EVERY}) k`,
  );
  await seed('analyze', 'ANALYZE');
  const romanianBatch = await buildBatch(db, actor, romania, PERIOD);
  await seed('analyze after the Romanian batch', 'ANALYZE cash_payments');
  console.log(
    `Seeded in ${seconds(performance.now() - seedStarted)} s (Romanian batch of ${PERIOD} paid: ${romanianBatch.batchId})`,
  );

  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const phases: string[] = [];
  const built = await buildBatch(db, actor, poland, PERIOD, (phase, ms) =>
    phases.push(`    ${`${phase}:`.padEnd(24)}${seconds(ms)} s`),
  );
  const elapsedMs = performance.now() - started;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const { rows: [summary] = [] } = await client.query<{
    payments: string;
    persons_paid: string;
    held: string;
    held_elsewhere: string;
    total: string;
    identities_paid_twice: string;
  }>(
    `SELECT (SELECT count(*) FROM cash_payments WHERE batch_id = $1)::text AS payments,
            (SELECT sum(cardinality(covered_person_ids)) FROM cash_payments
              WHERE batch_id = $1)::text AS persons_paid,
            (SELECT count(*) FROM cash_holds WHERE batch_id = $1)::text AS held,
            (SELECT count(*) FROM cash_holds WHERE batch_id = $1 AND reason = 'paid-elsewhere')::text
              AS held_elsewhere,
            (SELECT sum(amount_minor) FROM cash_payments WHERE batch_id = $1)::text AS total,
            (SELECT count(*) FROM (
               SELECT coalesce(c.cluster_id, covered.person_id)
                 FROM cash_payments p
                 CROSS JOIN LATERAL unnest(p.covered_person_ids) AS covered(person_id)
                 LEFT JOIN identity_clusters c ON c.person_id = covered.person_id
                WHERE p.period_starts_on = '${PERIOD}-01' AND p.assistance_kind = 'multi-purpose-cash'
                GROUP BY 1 HAVING count(*) > 1) twice)::text AS identities_paid_twice`,
    [built.batchId],
  );
  const { rows: perCurrency } = await client.query<{
    currency: string;
    sum: string;
    lines: string;
  }>(
    `SELECT currency, sum(amount_minor)::text AS sum, count(*)::text AS lines
       FROM cash_posting_lines GROUP BY currency ORDER BY currency`,
  );
  const proof = await batchLedgerProof(db, poland.id, built.batchId);
  const again = await buildBatch(db, actor, poland, PERIOD);

  const expectedDuplicates = Math.floor(households / DUPLICATE_EVERY);
  console.log('');
  console.log(
    `bench:payments — ${persons.toLocaleString('en')} enrolled persons, period ${PERIOD}`,
  );
  console.log(`  build batch:            ${seconds(elapsedMs)} s (target ≤ 30 s)`);
  for (const line of phases) {
    console.log(line);
  }
  console.log(`  payments (households):  ${Number(summary?.payments).toLocaleString('en')}`);
  console.log(`  persons paid:           ${Number(summary?.persons_paid).toLocaleString('en')}`);
  console.log(
    `  duplicates held:        ${Number(summary?.held_elsewhere).toLocaleString('en')} paid-elsewhere (expected ${expectedDuplicates.toLocaleString('en')}); ${Number(summary?.held).toLocaleString('en')} held in all`,
  );
  console.log(`  identities paid twice:  ${summary?.identities_paid_twice ?? '?'} (must be 0)`);
  console.log(`  batch total:            ${summary?.total ?? '?'} minor units PLN`);
  console.log(
    `  peak RSS:               ${peakRssMb.toFixed(0)} MB (RSS before build ${(rssBefore / 1048576).toFixed(0)} MB)`,
  );
  for (const row of perCurrency) {
    console.log(
      `  ledger sum ${row.currency}:         ${row.sum} over ${row.lines} lines (must be 0)`,
    );
  }
  console.log(
    `  batch proof:            ledger ${String(proof.ledgerSumMinor)}, committed ${String(proof.committedMinor)} = payment lines ${String(proof.paymentLinesMinor)} → ${proof.balanced ? 'balanced' : 'NOT BALANCED'}`,
  );
  console.log(
    `  rebuild same period:    ${again.created ? 'NEW BATCH (wrong)' : 'returned the existing batch'}`,
  );
  const ok =
    proof.balanced &&
    perCurrency.every((row) => row.sum === '0') &&
    summary?.identities_paid_twice === '0' &&
    Number(summary.held_elsewhere) === expectedDuplicates &&
    !again.created;
  if (!ok) {
    process.exitCode = 1;
  }
} finally {
  await client.end();
  await database.close();
  if (!args.keep) {
    await scratch.drop();
  }
}
