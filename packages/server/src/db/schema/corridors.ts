/**
 * Humanitarian corridors and evacuations (issue 5): corridors with an append-only status
 * history, evacuation runs with their operational log, manifests, and reconciliation alerts.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
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
import { persons, sites } from '../schema.js';

// Timestamps travel as ISO strings, never Date objects.
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const createdAt = () => at('created_at').notNull().defaultNow();

export const corridors = pgTable('corridors', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** Whose evacuation coordinators manage it (ISO 3166-1 alpha-2; may be UA). */
  countryCode: char('country_code', { length: 2 }).notNull(),
  originName: text('origin_name').notNull(),
  originCountry: char('origin_country', { length: 2 }).notNull(),
  originPcode: text('origin_pcode'),
  originLatitude: doublePrecision('origin_latitude').notNull(),
  originLongitude: doublePrecision('origin_longitude').notNull(),
  destinationName: text('destination_name').notNull(),
  destinationCountry: char('destination_country', { length: 2 }).notNull(),
  destinationPcode: text('destination_pcode'),
  destinationLatitude: doublePrecision('destination_latitude').notNull(),
  destinationLongitude: doublePrecision('destination_longitude').notNull(),
  /** GeoJSON LineString (RFC 7946). */
  route: jsonb('route').notNull(),
  guarantors: text('guarantors').array().notNull(),
  /**
   * IANA time zone of the place the evacuation happens, whose calendar days the figures count
   * in (a check-in at 00:30 in Kyiv is that day's, not the UTC day before).
   */
  timeZone: text('time_zone').notNull().default('Europe/Kyiv'),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
});

/** Append-only: the current status is the latest row. */
export const corridorStatusChanges = pgTable(
  'corridor_status_changes',
  {
    id: uuid('id').primaryKey(),
    corridorId: uuid('corridor_id')
      .notNull()
      .references(() => corridors.id),
    status: text('status').notNull(),
    windowStart: at('window_start'),
    windowEnd: at('window_end'),
    reason: text('reason'),
    changedBy: text('changed_by').notNull(),
    changedAt: at('changed_at').notNull(),
    /** Tie-breaker for two changes in the same microsecond. */
    seq: integer('seq').notNull(),
  },
  (t) => [uniqueIndex('corridor_status_changes_seq_idx').on(t.corridorId, t.seq)],
);

export const evacuationRuns = pgTable(
  'evacuation_runs',
  {
    id: uuid('id').primaryKey(),
    corridorId: uuid('corridor_id')
      .notNull()
      .references(() => corridors.id),
    kind: text('kind').notNull(),
    label: text('label').notNull(),
    /** Null for a run ending outside Haven's sites (inside Ukraine): scope is the corridor's country. */
    destinationSiteId: uuid('destination_site_id').references(() => sites.id),
    /**
     * Where the run now goes after a diversion (evacuation_diversions holds the history); check-in
     * is expected there, and its site and country are in the run's scope as well.
     */
    divertedSiteId: uuid('diverted_site_id').references(() => sites.id),
    /** Scope of the run: the destination site's country, else the corridor's. */
    countryCode: char('country_code', { length: 2 }).notNull(),
    status: text('status').notNull(),
    /** [{ kind, label, capacity }]: operational. */
    vehicles: jsonb('vehicles').notNull(),
    capacity: integer('capacity').notNull(),
    plannedDepartureAt: at('planned_departure_at').notNull(),
    expectedArrivalAt: at('expected_arrival_at').notNull(),
    actualDepartureAt: at('actual_departure_at'),
    actualArrivalAt: at('actual_arrival_at'),
    arrivalMarginMinutes: integer('arrival_margin_minutes').notNull(),
    reportedHeadcount: integer('reported_headcount'),
    closedCorridorReason: text('closed_corridor_reason'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('evacuation_runs_corridor_idx').on(t.corridorId),
    index('evacuation_runs_site_idx').on(t.destinationSiteId),
    index('evacuation_runs_open_idx')
      .on(t.expectedArrivalAt)
      .where(sql`${t.status} IN ('planned', 'departed', 'arrived')`),
  ],
);

export const evacuationCheckpointPassages = pgTable(
  'evacuation_checkpoint_passages',
  {
    id: uuid('id').primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => evacuationRuns.id),
    name: text('name').notNull(),
    passedAt: at('passed_at').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    note: text('note'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: createdAt(),
  },
  (t) => [index('evacuation_checkpoint_passages_run_idx').on(t.runId, t.passedAt)],
);

export const evacuationIncidents = pgTable(
  'evacuation_incidents',
  {
    id: uuid('id').primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => evacuationRuns.id),
    kind: text('kind').notNull(),
    occurredAt: at('occurred_at').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    placeName: text('place_name'),
    description: text('description'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: createdAt(),
  },
  (t) => [index('evacuation_incidents_run_idx').on(t.runId, t.occurredAt)],
);

/** Append-only: each change of a run's destination, why, and the incident that caused it. */
export const evacuationDiversions = pgTable(
  'evacuation_diversions',
  {
    id: uuid('id').primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => evacuationRuns.id),
    fromSiteId: uuid('from_site_id')
      .notNull()
      .references(() => sites.id),
    toSiteId: uuid('to_site_id')
      .notNull()
      .references(() => sites.id),
    reason: text('reason').notNull(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => evacuationIncidents.id),
    divertedAt: at('diverted_at').notNull(),
    divertedBy: text('diverted_by').notNull(),
    recordedAt: createdAt(),
  },
  (t) => [index('evacuation_diversions_run_idx').on(t.runId, t.divertedAt)],
);

export const manifestHouseholds = pgTable(
  'manifest_households',
  {
    id: uuid('id').primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => evacuationRuns.id),
    reference: text('reference'),
    /** Order of entry within the run (CSV order for an import). */
    position: integer('position').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('manifest_households_run_idx').on(t.runId, t.position)],
);

export const manifestPersons = pgTable(
  'manifest_persons',
  {
    id: uuid('id').primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => evacuationRuns.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => manifestHouseholds.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    patronymic: text('patronymic'),
    sex: text('sex').notNull(),
    birthDate: text('birth_date').notNull(),
    nationality: char('nationality', { length: 3 }).notNull(),
    relationshipToHead: text('relationship_to_head').notNull(),
    documentType: text('document_type'),
    /**
     * The document number as entered, sealed with the data key of the run's country (the
     * reception country of its destination site) and bound to this row (protection/bindings.ts,
     * documentNumberBinding 'manifest_persons'). Null when the entry has no document, and for a
     * number stored in clear before manifests were sealed, until the next start seals it
     * (manifest_document_numbers_to_seal).
     */
    documentNumberSealed: text('document_number_sealed'),
    /**
     * Keyed blind index of the normalised number (keyring.ts, blindIndex): the same global index
     * key as identity_documents.number_index, so a manifest entry and a registered document of
     * the same passport index alike.
     */
    documentNumberIndex: text('document_number_index'),
    documentIssuingCountry: char('document_issuing_country', { length: 3 }),
    unaccompanied: boolean('unaccompanied').notNull(),
    /** Checked in on arrival without being on the manifest. */
    unexpected: boolean('unexpected').notNull().default(false),
    sourceLine: integer('source_line'),
    arrivedAt: at('arrived_at'),
    arrivalSiteId: uuid('arrival_site_id').references(() => sites.id),
    checkedInBy: text('checked_in_by'),
    /** The person registered from this entry's pre-filled form. */
    registrationPersonId: uuid('registration_person_id').references(() => persons.id),
    /**
     * When the entry's identifying fields were erased: with the registered person it was linked
     * to, or by retention (an entry never linked, of a run that ended long ago). The row stays so
     * that the run's counts stay.
     */
    erasedAt: at('erased_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('manifest_persons_run_idx').on(t.runId, t.householdId, t.position),
    index('manifest_persons_household_idx').on(t.householdId),
    // The alert job looks only at people still expected.
    index('manifest_persons_awaited_idx')
      .on(t.runId)
      .where(sql`${t.arrivedAt} IS NULL AND NOT ${t.unexpected}`),
  ],
);

export const evacuationAlerts = pgTable(
  'evacuation_alerts',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    runId: uuid('run_id')
      .notNull()
      .references(() => evacuationRuns.id),
    manifestPersonId: uuid('manifest_person_id')
      .notNull()
      .references(() => manifestPersons.id, { onDelete: 'cascade' }),
    raisedAt: at('raised_at').notNull(),
    resolvedAt: at('resolved_at'),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
  },
  (t) => [
    // One alert of a kind per person: raising again (job and live read) is a no-op.
    uniqueIndex('evacuation_alerts_person_kind_idx').on(t.manifestPersonId, t.kind),
    index('evacuation_alerts_run_idx').on(t.runId),
  ],
);
