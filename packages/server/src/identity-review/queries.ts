import type { IdentityReviewPair, IdentityReviewPairSummary } from '@haven/contract';
import { REVIEW_REASONS, type DocumentType, type ScopeFilter, type Sex } from '@haven/core';
import type {
  FieldContribution,
  PairDecision,
  PersonRecord,
  ReviewDecision,
  ReviewReason,
} from '@haven/core/identity';
import { sql, type SQL } from 'drizzle-orm';
import { jsonColumn, queryRows, type Db } from '../db/open.js';
import { openDocumentNumber } from '../protection/document-numbers.js';
import type { Keyring } from '../protection/keyring.js';

/** Persons per query when reading the register: a few megabytes, however large it is. */
export const DEDUP_READ_CHUNK = 5_000;
/** Rows per INSERT … SELECT FROM unnest (the style guide's bulk-write limit). */
const WRITE_CHUNK = 1_000;

const iso = (value: unknown): string => new Date(String(value)).toISOString();

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) {
    yield items.slice(start, start + size);
  }
}

interface DedupPersonRow {
  id: string;
  given_name: string;
  family_name: string;
  patronymic: string | null;
  sex: Sex;
  birth_date: string;
  nationality: string;
  country: string | null;
  documents:
    | { id: string; type: DocumentType; issuingCountry: string; numberSealed: string | null }[]
    | string;
}

/**
 * The host country of a person: where their household was first registered (as
 * protection/scope.ts householdCountry, whose data key seals their document numbers).
 */
const personCountry = (person: SQL) => sql`(SELECT s.country_code FROM registrations r
  JOIN sites s ON s.id = r.site_id WHERE r.household_id = ${person}.household_id
  ORDER BY r.registered_at, r.id LIMIT 1)`;

/**
 * One chunk of the persons not erased, in id order after `afterId`, as linkage records.
 * Names are read in the script they were registered in: the name keys fold every rendering.
 * Document numbers are opened (they are compared allowing a typo or two, which a blind index
 * cannot do) and live in this process's memory only for the run.
 */
export async function readDedupPersons(
  db: Db,
  keyring: Keyring,
  afterId: string | undefined,
  limit: number,
): Promise<PersonRecord[]> {
  const after = afterId === undefined ? sql`` : sql`AND p.id > ${afterId}`;
  const rows = await queryRows<DedupPersonRow>(
    db,
    sql`SELECT p.id, p.given_name, p.family_name, p.patronymic, p.sex, p.birth_date,
      p.nationality, ${personCountry(sql`p`)} AS country,
      COALESCE((SELECT json_agg(json_build_object('id', d.id, 'type', d.type,
                 'issuingCountry', d.issuing_country, 'numberSealed', d.number_sealed))
                FROM identity_documents d WHERE d.person_id = p.id), '[]') AS documents
    FROM persons p
    WHERE p.erased_at IS NULL ${after}
    ORDER BY p.id
    LIMIT ${limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    patronymic: row.patronymic ?? undefined,
    // 'unknown' and 'other' say nothing about whether two records are one person.
    sex: row.sex === 'female' || row.sex === 'male' ? row.sex : undefined,
    birthDate: row.birth_date,
    nationality: row.nationality,
    documents: jsonColumn(row.documents).map((document) => ({
      type: document.type,
      issuingCountry: document.issuingCountry,
      number: openDocumentNumber(keyring, document, row.country),
    })),
    country: row.country ?? undefined,
  }));
}

/** Every review decision taken, as pairs of person ids. */
export async function readReviewDecisions(db: Db): Promise<PairDecision[]> {
  const rows = await queryRows<{ a: string; b: string; decision: ReviewDecision }>(
    db,
    sql`SELECT person_a_id AS a, person_b_id AS b, decision FROM identity_review_pairs
        WHERE decision IS NOT NULL ORDER BY person_a_id, person_b_id`,
  );
  return rows;
}

export interface NewDedupRun {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly persons: number;
  readonly candidatePairs: number;
  readonly clusters: number;
  readonly multiPersonClusters: number;
  readonly largestCluster: number;
  readonly mustLinks: number;
  readonly cannotLinks: number;
  readonly constraintConflicts: number;
  readonly reviewPairs: number;
  readonly reviewProbability: number;
  readonly linkProbability: number;
  readonly priorMatchProbability: number;
  readonly model: unknown;
  readonly twinsRule: unknown;
}

export interface QueuedPair {
  readonly a: string;
  readonly b: string;
  readonly matchWeight: number;
  readonly matchProbability: number;
  readonly contributions: readonly FieldContribution[];
  readonly reason: ReviewReason;
}

/**
 * Replaces the identity clusters and the pending review queue with a run's, inside the caller's
 * transaction. The tables are locked first, so two runs never interleave and a decision waits
 * for the write instead of landing between its statements. Decided pairs are never touched;
 * persons erased since the read get no cluster and no queued pair.
 */
export async function replaceDedupResult(
  tx: Db,
  run: NewDedupRun,
  clusters: readonly (readonly string[])[],
  queued: readonly QueuedPair[],
): Promise<void> {
  await tx.execute(
    sql`LOCK TABLE identity_clusters, identity_review_pairs IN SHARE ROW EXCLUSIVE MODE`,
  );
  await tx.execute(sql`INSERT INTO identity_dedup_runs (id, started_at, finished_at, persons,
      candidate_pairs, clusters, multi_person_clusters, largest_cluster, must_links, cannot_links,
      constraint_conflicts, review_pairs, review_probability, link_probability,
      prior_match_probability, model, twins_rule)
    VALUES (${run.id}, ${run.startedAt}, ${run.finishedAt}, ${run.persons}, ${run.candidatePairs},
      ${run.clusters}, ${run.multiPersonClusters}, ${run.largestCluster}, ${run.mustLinks},
      ${run.cannotLinks}, ${run.constraintConflicts}, ${run.reviewPairs},
      ${run.reviewProbability}, ${run.linkProbability}, ${run.priorMatchProbability},
      ${JSON.stringify(run.model)}::jsonb, ${JSON.stringify(run.twinsRule)}::jsonb)`);

  await tx.execute(sql`DELETE FROM identity_clusters`);
  const memberships = clusters.flatMap((cluster) => {
    // Named by its lowest person id: the same identity keeps its id from run to run.
    const clusterId = cluster.reduce((lowest, id) => (id < lowest ? id : lowest));
    return cluster.map((personId) => [personId, clusterId] as const);
  });
  for (const chunk of chunks(memberships, WRITE_CHUNK)) {
    await tx.execute(sql`INSERT INTO identity_clusters (person_id, cluster_id, run_id)
      SELECT u.person_id, u.cluster_id, ${run.id}
      FROM unnest(${sql.param(chunk.map(([person]) => person))}::uuid[],
                  ${sql.param(chunk.map(([, cluster]) => cluster))}::uuid[])
        AS u(person_id, cluster_id)
      JOIN persons p ON p.id = u.person_id AND p.erased_at IS NULL`);
  }

  for (const chunk of chunks(queued, WRITE_CHUNK)) {
    await tx.execute(sql`INSERT INTO identity_review_pairs (id, person_a_id, person_b_id, run_id,
        match_weight, match_probability, contributions, queued_because, queue_rank, queued_at)
      SELECT gen_random_uuid(), u.a, u.b, ${run.id}, u.weight, u.probability, u.contributions,
        u.reason, u.rank, ${run.finishedAt}
      FROM unnest(${sql.param(chunk.map((pair) => pair.a))}::uuid[],
                  ${sql.param(chunk.map((pair) => pair.b))}::uuid[],
                  ${sql.param(chunk.map((pair) => pair.matchWeight))}::float8[],
                  ${sql.param(chunk.map((pair) => pair.matchProbability))}::float8[],
                  ${sql.param(chunk.map((pair) => JSON.stringify(pair.contributions)))}::jsonb[],
                  ${sql.param(chunk.map((pair) => pair.reason))}::text[],
                  ${sql.param(chunk.map((pair) => queueRankOf(pair.reason)))}::smallint[])
        AS u(a, b, weight, probability, contributions, reason, rank)
      JOIN persons pa ON pa.id = u.a AND pa.erased_at IS NULL
      JOIN persons pb ON pb.id = u.b AND pb.erased_at IS NULL
      ON CONFLICT (person_a_id, person_b_id) DO UPDATE SET run_id = EXCLUDED.run_id,
        match_weight = EXCLUDED.match_weight, match_probability = EXCLUDED.match_probability,
        contributions = EXCLUDED.contributions, queued_because = EXCLUDED.queued_because,
        queue_rank = EXCLUDED.queue_rank
      WHERE identity_review_pairs.decision IS NULL`);
  }
  // Pending pairs this run did not queue again have left the band (or a person was erased).
  await tx.execute(sql`DELETE FROM identity_review_pairs
    WHERE decision IS NULL AND run_id <> ${run.id}`);
}

/** Both persons of the pair registered in the reader's scope (a person in scope: any of their registrations is). */
function bothInScope(scope: ScopeFilter): SQL {
  const inScope = (person: SQL) => sql`EXISTS (SELECT 1 FROM registrations r
    JOIN sites s ON s.id = r.site_id
    WHERE r.household_id = ${person}.household_id AND ${
      scope.level === 'site'
        ? sql`r.site_id = ANY(${sql.param(scope.siteIds)}::uuid[])`
        : sql`s.country_code = ANY(${sql.param(scope.countries)}::text[])`
    })`;
  return sql`${inScope(sql`a`)} AND ${inScope(sql`b`)}`;
}

/**
 * Pending pairs with one person in the reader's scope and the other outside it, counted by the
 * two persons' host countries: the route tells the reader such pairs exist, and where, never who.
 */
export async function countPairsAcrossScope(
  db: Db,
  scope: ScopeFilter,
): Promise<{ countries: [string | null, string | null]; pairs: number }[]> {
  const inScope = (person: SQL) => sql`EXISTS (SELECT 1 FROM registrations r
    JOIN sites s ON s.id = r.site_id
    WHERE r.household_id = ${person}.household_id AND ${
      scope.level === 'site'
        ? sql`r.site_id = ANY(${sql.param(scope.siteIds)}::uuid[])`
        : sql`s.country_code = ANY(${sql.param(scope.countries)}::text[])`
    })`;
  const rows = await queryRows<{ ca: string | null; cb: string | null; pairs: number }>(
    db,
    sql`SELECT x.ca, x.cb, count(*)::int AS pairs FROM (
          SELECT ${personCountry(sql`a`)} AS ca, ${personCountry(sql`b`)} AS cb,
                 ${inScope(sql`a`)} AS ia, ${inScope(sql`b`)} AS ib
            FROM identity_review_pairs q
            JOIN persons a ON a.id = q.person_a_id AND a.erased_at IS NULL
            JOIN persons b ON b.id = q.person_b_id AND b.erased_at IS NULL
           WHERE q.decision IS NULL) x
        WHERE x.ia <> x.ib
        GROUP BY x.ca, x.cb`,
  );
  return rows.map((row) => ({ countries: [row.ca, row.cb], pairs: row.pairs }));
}

type PersonSummary = IdentityReviewPairSummary['persons'][number];

interface PendingRow {
  id: string;
  match_weight: number;
  match_probability: number;
  queued_because: ReviewReason;
  queued_at: string;
  a: PersonSummary | string;
  b: PersonSummary | string;
}

const summaryJson = (person: SQL) => sql`json_build_object('id', ${person}.id,
  'givenName', ${person}.given_name, 'familyName', ${person}.family_name,
  'givenNameLatin', ${person}.given_name_latin, 'familyNameLatin', ${person}.family_name_latin,
  'birthDate', ${person}.birth_date, 'countryCode', ${personCountry(person)})`;

/** A position in the queue: by reason (REVIEW_REASONS' order), then most likely duplicates first. */
export interface QueueCursor {
  readonly queuedBecause: ReviewReason;
  readonly matchProbability: number;
  readonly id: string;
}

/** A reason's queue_rank: the first of REVIEW_REASONS ranks highest, so the whole order descends. */
export const queueRankOf = (reason: ReviewReason): number =>
  REVIEW_REASONS.length - REVIEW_REASONS.indexOf(reason);

/**
 * Pending pairs whose two persons are both in the reader's scope and not erased, in the order
 * of REVIEW_REASONS and most likely one person first within each; one more than `limit` tells
 * the caller another page exists.
 */
export async function listPendingPairs(
  db: Db,
  scope: ScopeFilter,
  limit: number,
  after: QueueCursor | undefined,
): Promise<IdentityReviewPairSummary[]> {
  const page = after
    ? sql`AND (q.queue_rank, q.match_probability, q.id)
        < (${queueRankOf(after.queuedBecause)}::smallint, ${after.matchProbability}::float8,
           ${after.id}::uuid)`
    : sql``;
  const rows = await queryRows<PendingRow>(
    db,
    sql`SELECT q.id, q.match_weight, q.match_probability, q.queued_because, q.queued_at,
        ${summaryJson(sql`a`)} AS a, ${summaryJson(sql`b`)} AS b
      FROM identity_review_pairs q
      JOIN persons a ON a.id = q.person_a_id AND a.erased_at IS NULL
      JOIN persons b ON b.id = q.person_b_id AND b.erased_at IS NULL
      WHERE q.decision IS NULL AND ${bothInScope(scope)} ${page}
      ORDER BY q.queue_rank DESC, q.match_probability DESC, q.id DESC
      LIMIT ${limit + 1}`,
  );
  return rows.map((row) => ({
    id: row.id,
    matchWeight: Number(row.match_weight),
    matchProbability: Number(row.match_probability),
    queuedBecause: row.queued_because,
    queuedAt: iso(row.queued_at),
    persons: [jsonColumn(row.a), jsonColumn(row.b)],
  }));
}

type ReviewedPerson = IdentityReviewPair['persons'][number];

export interface ReviewPairRecord {
  readonly id: string;
  readonly matchWeight: number;
  readonly matchProbability: number;
  readonly queuedBecause: ReviewReason;
  readonly contributions: readonly FieldContribution[];
  readonly queuedAt: string;
  readonly decision: IdentityReviewPair['decision'];
  readonly persons: [ReviewedPerson, ReviewedPerson];
}

interface PairRow {
  id: string;
  match_weight: number;
  match_probability: number;
  queued_because: ReviewReason;
  contributions: FieldContribution[] | string;
  queued_at: string;
  decision: ReviewDecision | null;
  reason: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  a: StoredReviewedPerson | string;
  b: StoredReviewedPerson | string;
}

// What the review view shows of a person: identity fields and where they registered. Specific
// needs are left out altogether: deciding who is who needs no protection-class detail.
const reviewedJson = (person: SQL) => sql`json_build_object('id', ${person}.id,
  'householdId', ${person}.household_id,
  'givenName', ${person}.given_name, 'familyName', ${person}.family_name,
  'patronymic', ${person}.patronymic, 'givenNameLatin', ${person}.given_name_latin,
  'familyNameLatin', ${person}.family_name_latin, 'patronymicLatin', ${person}.patronymic_latin,
  'sex', ${person}.sex, 'birthDate', ${person}.birth_date, 'nationality', ${person}.nationality,
  'documents', COALESCE((SELECT json_agg(json_build_object('id', d.id, 'type', d.type,
      'issuingCountry', d.issuing_country, 'numberSealed', d.number_sealed))
    FROM identity_documents d WHERE d.person_id = ${person}.id), '[]'),
  'registration', (SELECT json_build_object('id', r.id, 'registeredAt', r.registered_at,
      'siteName', s.name, 'countryCode', s.country_code)
    FROM registrations r JOIN sites s ON s.id = r.site_id
    WHERE r.household_id = ${person}.household_id ORDER BY r.registered_at, r.id LIMIT 1))`;

/** A reviewed person as the query reads them: document numbers still sealed. */
type StoredReviewedPerson = Omit<ReviewedPerson, 'documents'> & {
  documents: {
    id: string;
    type: ReviewedPerson['documents'][number]['type'];
    issuingCountry: string;
    numberSealed: string | null;
  }[];
};

/**
 * One pair, decided or not, when both persons are in the reader's scope and not erased; their
 * document numbers opened (with the data key of the country of the household's first
 * registration, the one `registration` shows).
 */
export async function findReviewPair(
  db: Db,
  keyring: Keyring,
  id: string,
  scope: ScopeFilter,
): Promise<ReviewPairRecord | undefined> {
  const [row] = await queryRows<PairRow>(
    db,
    sql`SELECT q.id, q.match_weight, q.match_probability, q.queued_because, q.contributions,
        q.queued_at,
        q.decision, q.reason, q.decided_by_name, q.decided_at,
        ${reviewedJson(sql`a`)} AS a, ${reviewedJson(sql`b`)} AS b
      FROM identity_review_pairs q
      JOIN persons a ON a.id = q.person_a_id AND a.erased_at IS NULL
      JOIN persons b ON b.id = q.person_b_id AND b.erased_at IS NULL
      WHERE q.id = ${id} AND ${bothInScope(scope)}`,
  );
  if (!row) {
    return undefined;
  }
  const person = (value: StoredReviewedPerson | string): ReviewedPerson => {
    const parsed = jsonColumn(value);
    const country = parsed.registration?.countryCode ?? null;
    return {
      ...parsed,
      documents: parsed.documents
        .map((document) => ({
          type: document.type,
          issuingCountry: document.issuingCountry,
          number: openDocumentNumber(keyring, document, country),
        }))
        .sort((x, y) => x.type.localeCompare(y.type) || x.number.localeCompare(y.number)),
      registration: parsed.registration && {
        ...parsed.registration,
        registeredAt: iso(parsed.registration.registeredAt),
      },
    };
  };
  return {
    id: row.id,
    matchWeight: Number(row.match_weight),
    matchProbability: Number(row.match_probability),
    queuedBecause: row.queued_because,
    contributions: jsonColumn(row.contributions),
    queuedAt: iso(row.queued_at),
    decision:
      row.decision === null
        ? null
        : {
            decision: row.decision,
            reason: row.reason,
            decidedBy: row.decided_by_name ?? '',
            decidedAt: iso(row.decided_at),
          },
    persons: [person(row.a), person(row.b)],
  };
}

export interface NewDecision {
  readonly decision: ReviewDecision;
  readonly reason: string | null;
  readonly userId: string;
  readonly username: string;
}

/**
 * Records a decision on a pending pair; undefined when the pair was already decided (the
 * caller reads what stands). One statement, so two reviewers racing cannot both decide.
 */
export async function decideReviewPair(
  tx: Db,
  id: string,
  decision: NewDecision,
): Promise<{ personA: string; personB: string } | undefined> {
  const [row] = await queryRows<{ person_a_id: string; person_b_id: string }>(
    tx,
    sql`UPDATE identity_review_pairs SET decision = ${decision.decision},
        reason = ${decision.reason}, decided_by = ${decision.userId},
        decided_by_name = ${decision.username}, decided_at = now()
      WHERE id = ${id} AND decision IS NULL
      RETURNING person_a_id, person_b_id`,
  );
  return row && { personA: row.person_a_id, personB: row.person_b_id };
}
