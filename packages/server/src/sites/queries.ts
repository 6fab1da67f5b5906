import type { Site } from '@haven/contract';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';

/** A site as stored; what the caller may do there is added per request (sites/routes.ts). */
export type SiteRecord = Omit<Site, 'canRegister'>;
type SiteFields = Omit<SiteRecord, 'id'>;

const SITE_COLUMNS = sql`id, name, country_code AS "countryCode", kind, latitude, longitude`;

export async function listSites(db: Db, countryCode?: string): Promise<SiteRecord[]> {
  const filter = countryCode ? sql`WHERE country_code = ${countryCode}` : sql``;
  return queryRows<SiteRecord>(
    db,
    sql`SELECT ${SITE_COLUMNS} FROM sites ${filter} ORDER BY country_code, name`,
  );
}

export async function findSite(db: Db, id: string): Promise<SiteRecord | undefined> {
  const [site] = await queryRows<SiteRecord>(
    db,
    sql`SELECT ${SITE_COLUMNS} FROM sites WHERE id = ${id}`,
  );
  return site;
}

/** Creates a site under an idempotency key; returns undefined when the key was already used. */
export async function insertSite(
  db: Db,
  site: SiteFields & { id: string },
  claim: { key: string; requestHash: string },
): Promise<SiteRecord | undefined> {
  const [created] = await queryRows<SiteRecord>(
    db,
    sql`
    WITH claim AS (
      INSERT INTO idempotency_keys (key, scope, request_hash, resource_id)
      VALUES (${claim.key}, 'sites', ${claim.requestHash}, ${site.id})
      ON CONFLICT (key) DO NOTHING RETURNING key
    )
    INSERT INTO sites (id, name, country_code, kind, latitude, longitude)
    SELECT ${site.id}, ${site.name}, ${site.countryCode}, ${site.kind}, ${site.latitude}, ${site.longitude}
    FROM claim
    RETURNING ${SITE_COLUMNS}`,
  );
  return created;
}

export async function listHostCountries(
  db: Db,
): Promise<{ code: string; alpha3: string; name: string }[]> {
  return queryRows(db, sql`SELECT code, alpha3, name FROM host_countries ORDER BY name`);
}

export async function isHostCountry(db: Db, code: string): Promise<boolean> {
  const rows = await queryRows(db, sql`SELECT 1 FROM host_countries WHERE code = ${code}`);
  return rows.length > 0;
}

export async function listHostCountryCodes(db: Db): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(
    db,
    sql`SELECT code FROM host_countries ORDER BY code`,
  );
  return rows.map((row) => row.code);
}
