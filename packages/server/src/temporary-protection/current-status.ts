/**
 * The current temporary-protection status of persons, per host country: the latest event of
 * each timeline. Other areas (cash assistance: no payment unless the status is active) read
 * protection through this function only.
 */
import { PROTECTION_STATUSES, type ProtectionStatus } from '@haven/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { LATEST_STATUS_FIRST } from './current-status-in-country.js';

export interface CurrentProtectionStatus {
  readonly countryCode: string;
  readonly status: ProtectionStatus;
  readonly category: string | null;
  readonly validUntil: string | null;
  readonly effectiveOn: string;
}

/** Persons per query: a uuid[] parameter of this size stays well inside PostgreSQL's limits. */
const CHUNK = 20_000;

const isStatus = (value: string): value is ProtectionStatus =>
  (PROTECTION_STATUSES as readonly string[]).includes(value);

/**
 * The latest status event per person and country (by effective day, then recording time).
 * Persons without any event are absent from the map.
 */
export async function currentProtectionStatuses(
  executor: Db,
  personIds: readonly string[],
): Promise<Map<string, readonly CurrentProtectionStatus[]>> {
  const byPerson = new Map<string, CurrentProtectionStatus[]>();
  for (let start = 0; start < personIds.length; start += CHUNK) {
    const chunk = personIds.slice(start, start + CHUNK);
    const rows = await queryRows<{
      person_id: string;
      country_code: string;
      status: string;
      category: string | null;
      valid_until: string | null;
      effective_on: string;
    }>(
      executor,
      sql`SELECT DISTINCT ON (person_id, country_code)
                 person_id, country_code, status, category,
                 to_char(valid_until, 'YYYY-MM-DD') AS valid_until,
                 to_char(effective_on, 'YYYY-MM-DD') AS effective_on
            FROM protection_status_events
           WHERE person_id = ANY(${sql.param(chunk)}::uuid[])
           ORDER BY person_id, country_code, ${LATEST_STATUS_FIRST}`,
    );
    for (const row of rows) {
      if (!isStatus(row.status)) {
        throw new Error(`Unknown protection status '${row.status}' in protection_status_events`);
      }
      const list = byPerson.get(row.person_id) ?? [];
      list.push({
        countryCode: row.country_code,
        status: row.status,
        category: row.category,
        validUntil: row.valid_until,
        effectiveOn: row.effective_on,
      });
      byPerson.set(row.person_id, list);
    }
  }
  return byPerson;
}
