import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
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
  },
  (t) => [
    index('persons_household_idx').on(t.householdId, t.position),
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
    number: text('number').notNull(),
    numberNormalised: text('number_normalised').notNull(),
    nameAsPrinted: text('name_as_printed'),
  },
  (t) => [
    index('identity_documents_person_idx').on(t.personId),
    index('identity_documents_number_idx').on(t.numberNormalised),
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

/** The newest entry of each chain; locking its row serialises the writers of that chain only. */
export const auditChainHeads = pgTable('audit_chain_heads', {
  chain: text('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  entries: bigint('entries', { mode: 'number' }).notNull(),
});
