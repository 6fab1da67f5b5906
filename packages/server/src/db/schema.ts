import { REVIEW_REASONS } from '@haven/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Dates travel as 'YYYY-MM-DD' strings and timestamps as ISO strings, never Date objects.
const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

export const hostCountries = pgTable('host_countries', {
  code: char('code', { length: 2 }).primaryKey(),
  alpha3: char('alpha3', { length: 3 }).notNull().unique(),
  name: text('name').notNull(),
});

export const sites = pgTable('sites', {
  id: uuid('id').primaryKey().defaultRandom(),
  countryCode: char('country_code', { length: 2 })
    .notNull()
    .references(() => hostCountries.code),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
  createdAt: createdAt(),
});

export const households = pgTable('households', {
  id: uuid('id').primaryKey(),
  createdAt: createdAt(),
});

/** PostgreSQL's 64-bit transaction id (PostgreSQL 13+): read as its decimal text. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/** Orders the changes of persons that the match indexes follow (persons.change_seq). */
export const personChangeSeq = pgSequence('person_change_seq');

export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    position: smallint('position').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    patronymic: text('patronymic'),
    givenNameLatin: text('given_name_latin').notNull(),
    familyNameLatin: text('family_name_latin').notNull(),
    patronymicLatin: text('patronymic_latin'),
    // Lower-case name tokens in every script we hold, framed by spaces, for prefix search.
    searchNames: text('search_names').notNull(),
    sex: text('sex').notNull(),
    birthDate: text('birth_date').notNull(),
    birthDateFrom: date('birth_date_from', { mode: 'string' }).notNull(),
    birthDateTo: date('birth_date_to', { mode: 'string' }).notNull(),
    nationality: char('nationality', { length: 3 }).notNull(),
    relationshipToHead: text('relationship_to_head').notNull(),
    childCareStatus: text('child_care_status'),
    /** Set when the person's data was erased or pseudonymised on request; the row stays for counts. */
    erasedAt: timestamp('erased_at', { withTimezone: true, mode: 'string' }),
    erasure: text('erasure'),
    /** After pseudonymisation: the identifying fields, sealed; restorable only with the data key. */
    identitySealed: text('identity_sealed'),
    createdAt: createdAt(),
    /**
     * The last change a match depends on, which every server's match index catches up on
     * (identity/index-sync.ts): its order, and the transaction that made it. Stamped by default
     * on insert and by triggers on later changes (schema/person-changes.sql). Null for persons
     * unchanged since before the column existed: an index reads them when it loads.
     */
    changeSeq: bigint('change_seq', { mode: 'number' }).default(sql`nextval('person_change_seq')`),
    changeXid: xid8('change_xid').default(sql`pg_current_xact_id()`),
  },
  (t) => [
    index('persons_household_idx').on(t.householdId, t.position),
    // A catch-up reads the changes of some transactions, in this order (person-change-feed.ts).
    index('persons_change_idx').on(t.changeXid, t.changeSeq),
    index('persons_search_names_idx').using('gin', sql`${t.searchNames} gin_trgm_ops`),
    index('persons_birth_date_idx').on(t.birthDateFrom, t.birthDateTo),
  ],
);

export const identityDocuments = pgTable(
  'identity_documents',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    type: text('type').notNull(),
    issuingCountry: char('issuing_country', { length: 3 }).notNull(),
    /**
     * The number as entered, sealed with the household's country data key and bound to this row
     * (protection/bindings.ts, documentNumberBinding). Null only for a document stored before
     * numbers were sealed, until the next start seals it (document_numbers_to_seal).
     */
    numberSealed: text('number_sealed'),
    /** Keyed blind index: HMAC-SHA256 of the normalised number (keyring.ts, blindIndex). */
    numberIndex: text('number_index'),
    nameAsPrinted: text('name_as_printed'),
  },
  (t) => [
    index('identity_documents_person_idx').on(t.personId),
    index('identity_documents_number_index_idx').on(t.numberIndex),
  ],
);

export const specificNeeds = pgTable(
  'specific_needs',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    // Clear only for the standard and health classes; protection-class codes live sealed below.
    code: text('code'),
    sensitivity: text('sensitivity').notNull(),
    /** AES-256-GCM, bound to this row and column (see protection/field-encryption.ts). */
    codeSealed: text('code_sealed'),
    /** Free-text note of any class, always sealed. */
    noteSealed: text('note_sealed'),
    /** The data key that sealed this row's values, so rotation finds what is left to re-seal. */
    keyId: text('key_id'),
    status: text('status').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [
    index('specific_needs_person_idx').on(t.personId),
    index('specific_needs_key_idx').on(t.keyId),
  ],
);

export const registrations = pgTable(
  'registrations',
  {
    id: uuid('id').primaryKey(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'string' }).notNull(),
    registrar: text('registrar').notNull(),
    originPcode: text('origin_pcode').notNull(),
    arrivalMode: text('arrival_mode').notNull(),
    arrivalDate: date('arrival_date', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    // Scanned backwards for the newest-first list (ORDER BY registered_at DESC, id DESC).
    index('registrations_registered_idx').on(t.registeredAt, t.id),
    index('registrations_household_idx').on(t.householdId),
    index('registrations_site_idx').on(t.siteId, t.registeredAt),
  ],
);

export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id),
    givenByPersonId: uuid('given_by_person_id')
      .notNull()
      .references(() => persons.id),
    purposes: text('purposes').array().notNull(),
    method: text('method').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true, mode: 'string' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('consents_registration_idx').on(t.registrationId)],
);

/** Client-chosen keys of create requests, so a resent request is stored once (IETF draft-ietf-httpapi-idempotency-key-header). */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: uuid('key').primaryKey(),
  scope: text('scope').notNull(),
  requestHash: text('request_hash').notNull(),
  resourceId: uuid('resource_id').notNull(),
  createdAt: createdAt(),
});

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** Staff accounts. No default account exists: the first administrator comes from `haven admin create`. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** argon2id, with its parameters in the encoded string. */
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  countries: text('countries').array().notNull(),
  siteIds: uuid('site_ids').array().notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  disabledAt: at('disabled_at'),
  createdAt: createdAt(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** Server-side sessions; the cookie holds a random token and only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    /** When the second factor was passed; null for a session signed in by password alone. */
    mfaVerifiedAt: at('mfa_verified_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Tokens for integrations: hashed at rest, narrowed to some permissions, always expiring. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    permissions: text('permissions').array().notNull(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_idx').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId),
  ],
);

/**
 * A user's TOTP second factor (RFC 6238). The shared secret is sealed with the data keys, bound
 * to its user; it is usable once confirmed by a first valid code.
 */
export const userMfa = pgTable('user_mfa', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  totpSecretSealed: text('totp_secret_sealed').notNull(),
  confirmedAt: at('confirmed_at'),
  /** The time step of the last accepted code: each code is accepted once (RFC 6238 section 5.2). */
  lastStep: bigint('last_step', { mode: 'number' }),
  createdAt: createdAt(),
});

/** Single-use recovery codes of the second factor; only their SHA-256 is stored. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('mfa_recovery_codes_user_hash_idx').on(t.userId, t.codeHash)],
);

/** Failed sign-ins per user name, known or not, so lockout does not tell which names exist. */
export const loginFailures = pgTable('login_failures', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: at('last_failure_at').notNull(),
  lockedUntil: at('locked_until'),
});

/**
 * The audit trail: append-only (a trigger refuses UPDATE and DELETE), one hash chain per chain
 * key (a host country, or 'system'), each entry's hash covering the previous one.
 * Entries name records by id and never hold personal or sensitive values.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    chain: text('chain').notNull(),
    at: at('at').notNull(),
    actorId: uuid('actor_id'),
    actor: text('actor').notNull(),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    purpose: text('purpose'),
    ip: text('ip'),
    requestId: text('request_id'),
    detail: jsonb('detail').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_chain_idx').on(t.chain, t.seq),
    index('audit_log_resource_idx').on(t.resourceId),
    index('audit_log_actor_idx').on(t.actorId, t.at),
  ],
);

/**
 * Which audit entries name which person, household or registration (`haven audit who-read
 * --person`): written by appendAudit in the entry's transaction, append-only like the log.
 */
export const auditSubjects = pgTable(
  'audit_subjects',
  {
    subjectId: uuid('subject_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectId, t.seq] })],
);

/** The newest entry of each chain; locking its row serialises the writers of that chain only. */
export const auditChainHeads = pgTable('audit_chain_heads', {
  chain: text('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  entries: bigint('entries', { mode: 'number' }).notNull(),
});

/**
 * Runs of the batch identity resolution over the register (`haven identity dedup`, #3 item 5):
 * what each run read, found and queued. The newest finished run's clusters are the ones kept.
 */
export const identityDedupRuns = pgTable('identity_dedup_runs', {
  id: uuid('id').primaryKey(),
  startedAt: at('started_at').notNull(),
  finishedAt: at('finished_at').notNull(),
  persons: integer('persons').notNull(),
  candidatePairs: bigint('candidate_pairs', { mode: 'number' }).notNull(),
  clusters: integer('clusters').notNull(),
  /** Identities holding more than one person: the duplicates found. */
  multiPersonClusters: integer('multi_person_clusters').notNull(),
  largestCluster: integer('largest_cluster').notNull(),
  mustLinks: integer('must_links').notNull(),
  cannotLinks: integer('cannot_links').notNull(),
  constraintConflicts: integer('constraint_conflicts').notNull(),
  reviewPairs: integer('review_pairs').notNull(),
  /** The uncertain band as match probabilities (review-band.ts in @haven/core/identity). */
  reviewProbability: doublePrecision('review_probability').notNull(),
  linkProbability: doublePrecision('link_probability').notNull(),
  priorMatchProbability: doublePrecision('prior_match_probability').notNull(),
  /** The EM-estimated model (m and u per field level), kept to explain the run later. */
  model: jsonb('model').notNull(),
  /**
   * Whether different given names held pairs apart as twins, and the pairs that decided it
   * (givenNamesTellTwinsApart); null for runs from before it was recorded.
   */
  twinsRule: jsonb('twins_rule'),
});

/** The identities of the newest run: every person not erased, in exactly one cluster. */
export const identityClusters = pgTable(
  'identity_clusters',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => persons.id),
    /** The lowest person id of the cluster, so an identity keeps its id while its members do. */
    clusterId: uuid('cluster_id').notNull(),
    runId: uuid('run_id')
      .notNull()
      .references(() => identityDedupRuns.id),
  },
  (t) => [index('identity_clusters_cluster_idx').on(t.clusterId)],
);

/**
 * Pairs of persons in the uncertain band, waiting for a reviewer, and the decisions taken on
 * them. person_a_id < person_b_id. A decided row is never touched by a run again: decisions are
 * the must-link / cannot-link constraints of every later clustering.
 */
export const identityReviewPairs = pgTable(
  'identity_review_pairs',
  {
    id: uuid('id').primaryKey(),
    personAId: uuid('person_a_id')
      .notNull()
      .references(() => persons.id),
    personBId: uuid('person_b_id')
      .notNull()
      .references(() => persons.id),
    /** The run that queued (or last re-scored) the pair. */
    runId: uuid('run_id')
      .notNull()
      .references(() => identityDedupRuns.id),
    matchWeight: doublePrecision('match_weight').notNull(),
    matchProbability: doublePrecision('match_probability').notNull(),
    /** The weight each field contributed: [{ field, level, weight }]. */
    contributions: jsonb('contributions').notNull(),
    /** Why the run asked about the pair: one of REVIEW_REASONS (@haven/core). */
    queuedBecause: text('queued_because').notNull().default('uncertain'),
    /** Its place in REVIEW_REASONS counted from the end: the queue lists the highest first. */
    queueRank: smallint('queue_rank').notNull().default(2),
    queuedAt: at('queued_at').notNull(),
    decision: text('decision'),
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedByName: text('decided_by_name'),
    decidedAt: at('decided_at'),
  },
  (t) => [
    uniqueIndex('identity_review_pairs_persons_idx').on(t.personAId, t.personBId),
    index('identity_review_pairs_person_b_idx').on(t.personBId),
    index('identity_review_pairs_pending_idx')
      .on(t.queueRank, t.matchProbability, t.id)
      .where(sql`${t.decision} IS NULL`),
    check(
      'identity_review_pairs_queued_because_check',
      sql`${t.queuedBecause} IN (${sql.raw(REVIEW_REASONS.map((reason) => `'${reason}'`).join(', '))})`,
    ),
  ],
);
