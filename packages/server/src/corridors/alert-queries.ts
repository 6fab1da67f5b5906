import type { ScopeFilter } from '@haven/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';
import { runScopeCondition } from './run-queries.js';

export type AlertKind =
  | 'missing-after-arrival-window'
  | 'unaccompanied-child'
  | 'unexpected-arrival'
  | 'arrival-at-other-site';

/**
 * Raises a missing-after-arrival-window alert for everyone boarded and not arrived on runs past
 * their expected arrival plus margin at `now` (once per person: the unique index makes raising
 * again a no-op). Answers the runs' countries and the number raised, for the audit.
 */
export async function raiseMissingAlerts(
  db: Db,
  now: Date,
  runId?: string,
): Promise<{ raised: number; byCountry: Map<string, string[]> }> {
  const rows = await queryRows<{ id: string; country_code: string }>(
    db,
    sql`WITH due AS (
          SELECT m.id AS person_id, r.id AS run_id, r.country_code
          FROM evacuation_runs r
          JOIN manifest_persons m ON m.run_id = r.id
          WHERE r.status <> 'cancelled' AND r.destination_site_id IS NOT NULL
            AND r.expected_arrival_at + make_interval(mins => r.arrival_margin_minutes)
                < ${now.toISOString()}::timestamptz
            AND NOT m.unexpected AND m.arrived_at IS NULL
            ${runId === undefined ? sql`` : sql`AND r.id = ${runId}`}
        ), raised AS (
          INSERT INTO evacuation_alerts (id, kind, run_id, manifest_person_id, raised_at)
          SELECT gen_random_uuid(), 'missing-after-arrival-window', run_id, person_id,
            ${now.toISOString()}::timestamptz
          FROM due
          ON CONFLICT (manifest_person_id, kind) DO NOTHING
          RETURNING id, run_id
        )
        SELECT raised.id, r.country_code FROM raised JOIN evacuation_runs r ON r.id = raised.run_id`,
  );
  const byCountry = new Map<string, string[]>();
  for (const row of rows) {
    byCountry.set(row.country_code, [...(byCountry.get(row.country_code) ?? []), row.id]);
  }
  return { raised: rows.length, byCountry };
}

/** Raises one alert per person (no-op when it exists). */
export async function raiseAlerts(
  db: Db,
  runId: string,
  kind: AlertKind,
  manifestPersonIds: readonly string[],
  now: Date,
): Promise<void> {
  if (manifestPersonIds.length === 0) {
    return;
  }
  await db.execute(sql`
    INSERT INTO evacuation_alerts (id, kind, run_id, manifest_person_id, raised_at)
    SELECT gen_random_uuid(), ${kind}, ${runId}, person_id, ${now.toISOString()}::timestamptz
    FROM unnest(${sql.param([...manifestPersonIds])}::uuid[]) AS t(person_id)
    ON CONFLICT (manifest_person_id, kind) DO NOTHING`);
}

/** A missing person who arrives after all resolves their alert. */
export async function resolveMissingAlerts(
  db: Db,
  manifestPersonIds: readonly string[],
  now: Date,
): Promise<void> {
  if (manifestPersonIds.length === 0) {
    return;
  }
  await db.execute(sql`
    UPDATE evacuation_alerts SET resolved_at = ${now.toISOString()}::timestamptz
    WHERE kind = 'missing-after-arrival-window' AND resolved_at IS NULL
      AND manifest_person_id = ANY(${sql.param([...manifestPersonIds])}::uuid[])`);
}

export interface AlertRecord {
  readonly id: string;
  readonly kind: AlertKind;
  readonly runId: string;
  readonly runLabel: string;
  readonly corridorId: string;
  readonly countryCode: string;
  readonly destinationSite: {
    id: string;
    name: string;
    countryCode: string;
    kind: 'border-crossing' | 'reception-centre' | 'registration-office';
  };
  readonly manifestPersonId: string;
  readonly person: { givenName: string; familyName: string; birthDate: string };
  readonly raisedAt: string;
  readonly resolvedAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
}

interface AlertRow {
  id: string;
  kind: AlertKind;
  run_id: string;
  run_label: string;
  corridor_id: string;
  country_code: string;
  site_id: string;
  site_name: string;
  site_country: string;
  site_kind: AlertRecord['destinationSite']['kind'];
  manifest_person_id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  raised_at: string;
  resolved_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

const iso = (value: string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

const alertOf = (row: AlertRow): AlertRecord => ({
  id: row.id,
  kind: row.kind,
  runId: row.run_id,
  runLabel: row.run_label,
  corridorId: row.corridor_id,
  countryCode: row.country_code,
  destinationSite: {
    id: row.site_id,
    name: row.site_name,
    countryCode: row.site_country,
    kind: row.site_kind,
  },
  manifestPersonId: row.manifest_person_id,
  person: { givenName: row.given_name, familyName: row.family_name, birthDate: row.birth_date },
  raisedAt: new Date(row.raised_at).toISOString(),
  resolvedAt: iso(row.resolved_at),
  acknowledgedAt: iso(row.acknowledged_at),
  acknowledgedBy: row.acknowledged_by,
});

const SELECT_ALERTS = sql`
  SELECT a.id, a.kind, a.run_id, r.label AS run_label, r.corridor_id, r.country_code,
    s.id AS site_id, s.name AS site_name, s.country_code AS site_country, s.kind AS site_kind,
    a.manifest_person_id, m.given_name, m.family_name, m.birth_date, a.raised_at, a.resolved_at,
    a.acknowledged_at, a.acknowledged_by
  FROM evacuation_alerts a
  JOIN evacuation_runs r ON r.id = a.run_id
  JOIN sites s ON s.id = COALESCE(r.diverted_site_id, r.destination_site_id)
  JOIN manifest_persons m ON m.id = a.manifest_person_id`;

export interface AlertFilter {
  readonly status?: 'open' | 'acknowledged' | 'resolved' | undefined;
  readonly kind?: AlertKind | undefined;
  readonly runId?: string | undefined;
}

export async function listAlerts(
  db: Db,
  scope: ScopeFilter,
  filter: AlertFilter,
): Promise<AlertRecord[]> {
  const conditions = [runScopeCondition(scope)];
  switch (filter.status) {
    case undefined:
      conditions.push(sql`a.resolved_at IS NULL`);
      break;
    case 'open':
      conditions.push(sql`a.resolved_at IS NULL AND a.acknowledged_at IS NULL`);
      break;
    case 'acknowledged':
      conditions.push(sql`a.resolved_at IS NULL AND a.acknowledged_at IS NOT NULL`);
      break;
    case 'resolved':
      conditions.push(sql`a.resolved_at IS NOT NULL`);
      break;
  }
  if (filter.kind !== undefined) {
    conditions.push(sql`a.kind = ${filter.kind}`);
  }
  if (filter.runId !== undefined) {
    conditions.push(sql`a.run_id = ${filter.runId}`);
  }
  const rows = await queryRows<AlertRow>(
    db,
    sql`${SELECT_ALERTS} WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY a.raised_at DESC, r.label, m.family_name, m.given_name, a.id LIMIT 1000`,
  );
  return rows.map(alertOf);
}

export async function findAlert(
  db: Db,
  id: string,
  scope: ScopeFilter,
): Promise<AlertRecord | undefined> {
  const [row] = await queryRows<AlertRow>(
    db,
    sql`${SELECT_ALERTS} WHERE a.id = ${id} AND ${runScopeCondition(scope)}`,
  );
  return row ? alertOf(row) : undefined;
}

/** Acknowledges once: a second acknowledgement keeps the first one's who and when. */
export async function acknowledgeAlert(db: Db, id: string, by: string, now: Date): Promise<void> {
  await db.execute(sql`
    UPDATE evacuation_alerts SET acknowledged_at = ${now.toISOString()}::timestamptz,
      acknowledged_by = ${by}
    WHERE id = ${id} AND acknowledged_at IS NULL`);
}

/** A cancelled run has nobody missing: its open missing alerts are resolved. */
export async function resolveMissingAlertsOfRun(db: Db, runId: string, now: Date): Promise<void> {
  await db.execute(sql`
    UPDATE evacuation_alerts SET resolved_at = ${now.toISOString()}::timestamptz
    WHERE run_id = ${runId} AND kind = 'missing-after-arrival-window' AND resolved_at IS NULL`);
}
