import { sql, type SQL } from 'drizzle-orm';

/**
 * The host country of a household's data, for the SQL expression `householdId`: the country of
 * the site of its first registration (as the identity resolution counts it). Its data keys are
 * that country's (keyring.ts, dataKeyInfo); a later registration elsewhere does not move them.
 */
export function householdCountry(householdId: SQL): SQL {
  return sql`(SELECT s.country_code FROM registrations r JOIN sites s ON s.id = r.site_id
    WHERE r.household_id = ${householdId} ORDER BY r.registered_at, r.id LIMIT 1)`;
}
