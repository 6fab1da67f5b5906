import { sql, type Name, type SQL } from 'drizzle-orm';
import type { DocumentNumberHolder } from './bindings.js';
import { householdCountry } from './scope.js';

/**
 * A table that stores document numbers sealed and blind-indexed (issue 7), as the queries that
 * seal, re-seal and carry over numbers see it. One description per table, so that sealing,
 * rotation and the upgrade from clear numbers are written once for all of them.
 */
export interface DocumentNumberTable {
  readonly holder: DocumentNumberHolder;
  /** What rotation and `haven keys rotate` call these numbers. */
  readonly name: string;
  readonly table: Name;
  readonly sealedColumn: Name;
  readonly indexColumn: Name;
  /** Joins from the row (alias `d`) to what decides its country; aliases no caller uses. */
  readonly ownerJoin: SQL;
  /** The country whose data key seals the row, over `d` and ownerJoin. */
  readonly scope: SQL;
  /** Clear numbers carried over by the migration that sealed this table, and their row id. */
  readonly toSeal: Name;
  readonly toSealId: Name;
}

export const IDENTITY_DOCUMENT_NUMBERS: DocumentNumberTable = {
  holder: 'identity_documents',
  name: 'document numbers',
  table: sql.identifier('identity_documents'),
  sealedColumn: sql.identifier('number_sealed'),
  indexColumn: sql.identifier('number_index'),
  ownerJoin: sql`JOIN persons document_person ON document_person.id = d.person_id`,
  // The host country of the household (scope.ts): a later registration elsewhere keeps it.
  scope: householdCountry('document_person'),
  toSeal: sql.identifier('document_numbers_to_seal'),
  toSealId: sql.identifier('document_id'),
};

export const MANIFEST_DOCUMENT_NUMBERS: DocumentNumberTable = {
  holder: 'manifest_persons',
  name: 'manifest document numbers',
  table: sql.identifier('manifest_persons'),
  sealedColumn: sql.identifier('document_number_sealed'),
  indexColumn: sql.identifier('document_number_index'),
  ownerJoin: sql`JOIN evacuation_runs entry_run ON entry_run.id = d.run_id`,
  // The run's country: the reception country of its destination site (a manifest exists only
  // for a run ending at a Haven site). Those who boarded are that country's arrivals, read by
  // its coordinators and registrars, and most are registered there from the pre-filled form, so
  // their data key is usually the one their registered household gets. It never moves: the
  // destination of a run is fixed at creation, and a check-in elsewhere records only the
  // arrival site.
  scope: sql`entry_run.country_code`,
  toSeal: sql.identifier('manifest_document_numbers_to_seal'),
  toSealId: sql.identifier('manifest_person_id'),
};

/** Every table holding sealed document numbers. */
export const DOCUMENT_NUMBER_TABLES: readonly DocumentNumberTable[] = [
  IDENTITY_DOCUMENT_NUMBERS,
  MANIFEST_DOCUMENT_NUMBERS,
];
