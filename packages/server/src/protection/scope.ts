import { sql, type SQL } from 'drizzle-orm';

const OWN_ALIASES = new Set(['first_registration', 'first_site', 'registrations', 'sites']);

/**
 * The host country of a household's data, for the `household_id` column of the row aliased
 * `rowAlias`: the country of the site of its first registration (as the identity resolution
 * counts it). Its data keys are that country's (keyring.ts, dataKeyInfo); a later registration
 * elsewhere does not move them.
 */
export function householdCountry(rowAlias: string): SQL {
  // The column is always qualified, by an alias the subquery does not use itself: an unqualified
  // or clashing reference resolves to the subquery's own table and picks any household's country
  // (this happened twice before the signature took an alias instead of an expression).
  if (!/^[a-z_][a-z0-9_]*$/.test(rowAlias) || OWN_ALIASES.has(rowAlias)) {
    throw new Error(`householdCountry needs the alias of the caller's row, not ${rowAlias}`);
  }
  const householdId = sql.raw(`${rowAlias}.household_id`);
  return sql`(SELECT first_site.country_code
    FROM registrations first_registration
    JOIN sites first_site ON first_site.id = first_registration.site_id
    WHERE first_registration.household_id = ${householdId}
    ORDER BY first_registration.registered_at, first_registration.id LIMIT 1)`;
}
