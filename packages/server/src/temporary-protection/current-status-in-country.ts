/**
 * The current protection status of everyone in one host country, as a subquery to join (the
 * set-based counterpart of currentProtectionStatuses, for reads over a whole programme: a
 * million persons join in one hash join instead of a million index probes).
 */
import { sql, type SQL } from 'drizzle-orm';

/** Which event of a timeline is current: the latest effective day, then the latest recorded. */
export const LATEST_STATUS_FIRST = sql.raw('effective_on DESC, recorded_at DESC');

/**
 * One row per person with a status in the country: person_id, status, effective_on, valid_until
 * (dates, as the caller wants them formatted: formatting a million of them here cost more than
 * the caller casting the ones it reads).
 */
export function currentStatusesIn(countryCode: string): SQL {
  return sql`(SELECT DISTINCT ON (person_id) person_id, status, effective_on, valid_until
                FROM protection_status_events
               WHERE country_code = ${countryCode}
               ORDER BY person_id, ${LATEST_STATUS_FIRST})`;
}
