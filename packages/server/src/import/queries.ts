import type { SiteRecord } from '../sites/queries.js';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';

const arr = (values: readonly unknown[], type: string) =>
  sql`${sql.param(values)}::${sql.raw(type)}[]`;

/** True when nothing was ever registered: no sites and no registrations (a first start). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ empty: boolean }>(
    db,
    sql`SELECT NOT EXISTS (SELECT 1 FROM sites) AND NOT EXISTS (SELECT 1 FROM registrations) AS empty`,
  );
  return row?.empty ?? true;
}

/**
 * Creates the sites not yet present (a site is known by its country and name) and returns every
 * given site as stored, in no particular order. Used by bulk loads, which carry no idempotency key.
 */
export async function ensureSites(
  db: Db,
  sites: readonly Omit<SiteRecord, 'id'>[],
): Promise<SiteRecord[]> {
  const values = sql`unnest(
    ${arr(
      sites.map((s) => s.name),
      'text',
    )},
    ${arr(
      sites.map((s) => s.countryCode),
      'bpchar',
    )},
    ${arr(
      sites.map((s) => s.kind),
      'text',
    )},
    ${arr(
      sites.map((s) => s.latitude),
      'float8',
    )},
    ${arr(
      sites.map((s) => s.longitude),
      'float8',
    )}
  ) AS u(name, country_code, kind, latitude, longitude)`;
  await db.execute(sql`
    INSERT INTO sites (name, country_code, kind, latitude, longitude)
    SELECT u.name, u.country_code, u.kind, u.latitude, u.longitude FROM ${values}
    WHERE NOT EXISTS (SELECT 1 FROM sites s WHERE s.country_code = u.country_code AND s.name = u.name)`);
  return queryRows<SiteRecord>(
    db,
    sql`
    SELECT s.id, s.name, s.country_code AS "countryCode", s.kind, s.latitude, s.longitude
    FROM sites s JOIN ${values} ON s.country_code = u.country_code AND s.name = u.name`,
  );
}

/**
 * Refreshes the planner's statistics after a bulk load. PGlite has no autovacuum, so without this
 * the planner keeps the estimates of an empty database and picks sequential scans.
 */
export async function analyzeRegistrationTables(db: Db): Promise<void> {
  await db.execute(
    sql`ANALYZE households, persons, identity_documents, specific_needs, registrations, consents`,
  );
}
