import { sql, type SQL } from 'drizzle-orm';

/**
 * The host country of a household's data, for the SQL expression `householdId`: the country of
 * the site of its first registration (as the identity resolution counts it). Its data keys are
 * that country's (keyring.ts, dataKeyInfo); a later registration elsewhere does not move them.
 */
export function householdCountry(householdId: SQL): SQL {
  // Aliases no caller uses, and callers must qualify their column (`p.household_id`): an outer
  // reference that resolves to this subquery's own table would pick any household's country.
  return sql`(SELECT first_site.country_code
    FROM registrations first_registration
    JOIN sites first_site ON first_site.id = first_registration.site_id
    WHERE first_registration.household_id = ${householdId}
    ORDER BY first_registration.registered_at, first_registration.id LIMIT 1)`;
}
