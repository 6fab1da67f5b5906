import { sql } from 'drizzle-orm';
import {
  char,
  date,
  doublePrecision,
  index,
  pgTable,
  smallint,
  text,
  timestamp,
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
    code: text('code').notNull(),
    sensitivity: text('sensitivity').notNull(),
    status: text('status').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('specific_needs_person_idx').on(t.personId)],
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
