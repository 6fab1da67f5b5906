import type { EvacuationRunInput } from '@haven/contract';
import type { EvacuationRunStatus, ScopeFilter } from '@haven/core';
import { sql, type SQL } from 'drizzle-orm';
import { jsonColumn, queryRows, type Db } from '../db/open.js';

export interface VehicleRecord {
  readonly kind: string;
  readonly label: string | null;
  readonly capacity: number;
}

export interface CheckpointRecord {
  readonly id: string;
  readonly name: string;
  readonly passedAt: string;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly note: string | null;
  readonly recordedBy: string;
}

export interface IncidentRecord {
  readonly id: string;
  readonly kind: 'shelling' | 'blockage' | 'diversion' | 'breakdown' | 'other';
  readonly occurredAt: string;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly placeName: string | null;
  readonly description: string | null;
  readonly recordedBy: string;
}

export interface SiteRecord {
  id: string;
  name: string;
  countryCode: string;
  kind: 'border-crossing' | 'reception-centre' | 'registration-office';
}

export interface DiversionRecord {
  readonly id: string;
  readonly fromSiteId: string;
  readonly toSite: SiteRecord;
  readonly reason: string;
  readonly incidentId: string;
  readonly divertedAt: string;
  readonly divertedBy: string;
}

export interface RunRecord {
  readonly id: string;
  readonly corridorId: string;
  readonly corridorName: string;
  readonly corridorOriginPcode: string | null;
  readonly kind: 'convoy' | 'bus' | 'train';
  readonly label: string;
  readonly destinationSite: SiteRecord | null;
  /** Where the run goes after its latest diversion; null when it was never diverted. */
  readonly divertedSite: SiteRecord | null;
  readonly countryCode: string;
  readonly status: EvacuationRunStatus;
  readonly vehicles: VehicleRecord[];
  readonly capacity: number;
  readonly plannedDepartureAt: string;
  readonly expectedArrivalAt: string;
  readonly actualDepartureAt: string | null;
  readonly actualArrivalAt: string | null;
  readonly arrivalMarginMinutes: number;
  readonly reportedHeadcount: number | null;
  readonly closedCorridorReason: string | null;
  readonly boarded: number;
  readonly arrived: number;
  readonly unexpected: number;
  readonly checkpointPassages: CheckpointRecord[];
  readonly incidents: IncidentRecord[];
  readonly diversions: DiversionRecord[];
  readonly createdAt: string;
  readonly createdBy: string;
}

interface RunRow {
  id: string;
  corridor_id: string;
  corridor_name: string;
  corridor_origin_pcode: string | null;
  kind: RunRecord['kind'];
  label: string;
  site_id: string | null;
  site_name: string | null;
  site_country: string | null;
  site_kind: SiteRecord['kind'] | null;
  diverted_site: SiteRecord | string | null;
  country_code: string;
  status: EvacuationRunStatus;
  vehicles: VehicleRecord[] | string;
  capacity: number;
  planned_departure_at: string;
  expected_arrival_at: string;
  actual_departure_at: string | null;
  actual_arrival_at: string | null;
  arrival_margin_minutes: number;
  reported_headcount: number | null;
  closed_corridor_reason: string | null;
  boarded: number;
  arrived: number;
  unexpected: number;
  checkpoints: CheckpointRecord[] | string;
  incidents: IncidentRecord[] | string;
  diversions: DiversionRecord[] | string;
  created_at: string;
  created_by: string;
}

const iso = (value: string | Date): string => new Date(value).toISOString();
const isoOrNull = (value: string | Date | null): string | null =>
  value === null ? null : iso(value);

const runOf = (row: RunRow): RunRecord => ({
  id: row.id,
  corridorId: row.corridor_id,
  corridorName: row.corridor_name,
  corridorOriginPcode: row.corridor_origin_pcode,
  kind: row.kind,
  label: row.label,
  destinationSite:
    row.site_id === null
      ? null
      : {
          id: row.site_id,
          name: row.site_name ?? '',
          countryCode: row.site_country ?? '',
          kind: row.site_kind ?? 'reception-centre',
        },
  divertedSite: row.diverted_site === null ? null : jsonColumn(row.diverted_site),
  countryCode: row.country_code,
  status: row.status,
  vehicles: jsonColumn(row.vehicles),
  capacity: Number(row.capacity),
  plannedDepartureAt: iso(row.planned_departure_at),
  expectedArrivalAt: iso(row.expected_arrival_at),
  actualDepartureAt: isoOrNull(row.actual_departure_at),
  actualArrivalAt: isoOrNull(row.actual_arrival_at),
  arrivalMarginMinutes: Number(row.arrival_margin_minutes),
  reportedHeadcount: row.reported_headcount === null ? null : Number(row.reported_headcount),
  closedCorridorReason: row.closed_corridor_reason,
  boarded: Number(row.boarded),
  arrived: Number(row.arrived),
  unexpected: Number(row.unexpected),
  checkpointPassages: jsonColumn(row.checkpoints).map((c) => ({ ...c, passedAt: iso(c.passedAt) })),
  incidents: jsonColumn(row.incidents).map((i) => ({ ...i, occurredAt: iso(i.occurredAt) })),
  diversions: jsonColumn(row.diversions).map((d) => ({ ...d, divertedAt: iso(d.divertedAt) })),
  createdAt: iso(row.created_at),
  createdBy: row.created_by,
});

const SELECT_RUNS = sql`
  SELECT r.*, c.name AS corridor_name, c.origin_pcode AS corridor_origin_pcode,
    s.id AS site_id, s.name AS site_name, s.country_code AS site_country, s.kind AS site_kind,
    (SELECT json_build_object('id', ds.id, 'name', ds.name, 'countryCode', ds.country_code,
        'kind', ds.kind) FROM sites ds WHERE ds.id = r.diverted_site_id) AS diverted_site,
    COALESCE((SELECT json_agg(json_build_object('id', v.id, 'fromSiteId', v.from_site_id,
        'toSite', json_build_object('id', vs.id, 'name', vs.name, 'countryCode', vs.country_code,
          'kind', vs.kind),
        'reason', v.reason, 'incidentId', v.incident_id, 'divertedAt', v.diverted_at,
        'divertedBy', v.diverted_by) ORDER BY v.diverted_at, v.id)
      FROM evacuation_diversions v JOIN sites vs ON vs.id = v.to_site_id
      WHERE v.run_id = r.id), '[]'::json) AS diversions,
    (SELECT count(*) FROM manifest_persons m WHERE m.run_id = r.id AND NOT m.unexpected)::int AS boarded,
    (SELECT count(*) FROM manifest_persons m
      WHERE m.run_id = r.id AND NOT m.unexpected AND m.arrived_at IS NOT NULL)::int AS arrived,
    (SELECT count(*) FROM manifest_persons m WHERE m.run_id = r.id AND m.unexpected)::int AS unexpected,
    COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'passedAt', p.passed_at,
        'latitude', p.latitude, 'longitude', p.longitude, 'note', p.note,
        'recordedBy', p.recorded_by) ORDER BY p.passed_at, p.id)
      FROM evacuation_checkpoint_passages p WHERE p.run_id = r.id), '[]'::json) AS checkpoints,
    COALESCE((SELECT json_agg(json_build_object('id', i.id, 'kind', i.kind,
        'occurredAt', i.occurred_at, 'latitude', i.latitude, 'longitude', i.longitude,
        'placeName', i.place_name, 'description', i.description, 'recordedBy', i.recorded_by)
        ORDER BY i.occurred_at, i.id)
      FROM evacuation_incidents i WHERE i.run_id = r.id), '[]'::json) AS incidents
  FROM evacuation_runs r
  JOIN corridors c ON c.id = r.corridor_id
  LEFT JOIN sites s ON s.id = r.destination_site_id`;

/**
 * The scope as a WHERE condition on runs: destination site for site roles, country otherwise;
 * the site a run was diverted to (and its country) count as well (core isRunInScope).
 */
export function runScopeCondition(scope: ScopeFilter): SQL {
  if (scope.level === 'site') {
    const siteIds = sql.param([...scope.siteIds]);
    return sql`(r.destination_site_id = ANY(${siteIds}::uuid[])
      OR r.diverted_site_id = ANY(${siteIds}::uuid[]))`;
  }
  const countries = sql.param([...scope.countries]);
  return sql`(r.country_code = ANY(${countries}::text[])
    OR r.diverted_site_id IN (SELECT rs.id FROM sites rs WHERE rs.country_code = ANY(${countries}::text[])))`;
}

export interface RunFilter {
  readonly corridorId?: string | undefined;
  readonly destinationSiteId?: string | undefined;
  readonly status?: EvacuationRunStatus | undefined;
}

export async function listRuns(
  db: Db,
  scope: ScopeFilter,
  filter: RunFilter,
): Promise<RunRecord[]> {
  const conditions = [runScopeCondition(scope)];
  if (filter.corridorId !== undefined) {
    conditions.push(sql`r.corridor_id = ${filter.corridorId}`);
  }
  if (filter.destinationSiteId !== undefined) {
    conditions.push(sql`r.destination_site_id = ${filter.destinationSiteId}`);
  }
  if (filter.status !== undefined) {
    conditions.push(sql`r.status = ${filter.status}`);
  }
  const rows = await queryRows<RunRow>(
    db,
    sql`${SELECT_RUNS} WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY r.planned_departure_at DESC, r.id`,
  );
  return rows.map(runOf);
}

/** One run when it is in the scope; undefined otherwise (a 404, never a hint that it exists). */
export async function findRun(
  db: Db,
  id: string,
  scope: ScopeFilter,
  lock = false,
): Promise<RunRecord | undefined> {
  if (lock) {
    await db.execute(sql`SELECT 1 FROM evacuation_runs WHERE id = ${id} FOR UPDATE`);
  }
  const [row] = await queryRows<RunRow>(
    db,
    sql`${SELECT_RUNS} WHERE r.id = ${id} AND ${runScopeCondition(scope)}`,
  );
  return row ? runOf(row) : undefined;
}

export async function insertRun(
  db: Db,
  run: {
    id: string;
    input: EvacuationRunInput;
    countryCode: string;
    createdBy: string;
  },
): Promise<void> {
  const { input } = run;
  const vehicles = input.vehicles.map((v) => ({
    kind: v.kind,
    label: v.label ?? null,
    capacity: v.capacity,
  }));
  const capacity = vehicles.reduce((sum, v) => sum + v.capacity, 0);
  await db.execute(sql`
    INSERT INTO evacuation_runs (id, corridor_id, kind, label, destination_site_id, country_code,
      status, vehicles, capacity, planned_departure_at, expected_arrival_at,
      arrival_margin_minutes, reported_headcount, closed_corridor_reason, created_by)
    VALUES (${run.id}, ${input.corridorId}, ${input.kind}, ${input.label},
      ${input.destinationSiteId ?? null}, ${run.countryCode}, 'planned',
      ${JSON.stringify(vehicles)}::jsonb, ${capacity}, ${input.plannedDepartureAt},
      ${input.expectedArrivalAt}, ${input.arrivalMarginMinutes}, ${input.reportedHeadcount ?? null},
      ${input.closedCorridorReason ?? null}, ${run.createdBy})`);
}

export interface RunChanges {
  readonly status: EvacuationRunStatus;
  readonly actualDepartureAt: string | null;
  readonly actualArrivalAt: string | null;
  readonly expectedArrivalAt: string;
  readonly arrivalMarginMinutes: number;
  readonly reportedHeadcount: number | null;
}

export async function updateRun(db: Db, id: string, changes: RunChanges): Promise<void> {
  await db.execute(sql`
    UPDATE evacuation_runs SET status = ${changes.status},
      actual_departure_at = ${changes.actualDepartureAt},
      actual_arrival_at = ${changes.actualArrivalAt},
      expected_arrival_at = ${changes.expectedArrivalAt},
      arrival_margin_minutes = ${changes.arrivalMarginMinutes},
      reported_headcount = ${changes.reportedHeadcount}, updated_at = now()
    WHERE id = ${id}`);
}

export async function insertCheckpointPassage(
  db: Db,
  passage: Omit<CheckpointRecord, 'latitude' | 'longitude' | 'note'> & {
    runId: string;
    latitude?: number | undefined;
    longitude?: number | undefined;
    note?: string | undefined;
  },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO evacuation_checkpoint_passages
      (id, run_id, name, passed_at, latitude, longitude, note, recorded_by)
    VALUES (${passage.id}, ${passage.runId}, ${passage.name}, ${passage.passedAt},
      ${passage.latitude ?? null}, ${passage.longitude ?? null}, ${passage.note ?? null},
      ${passage.recordedBy})`);
}

export async function insertIncident(
  db: Db,
  incident: {
    id: string;
    runId: string;
    kind: IncidentRecord['kind'];
    occurredAt: string;
    latitude?: number | undefined;
    longitude?: number | undefined;
    placeName?: string | undefined;
    description?: string | undefined;
    recordedBy: string;
  },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO evacuation_incidents
      (id, run_id, kind, occurred_at, latitude, longitude, place_name, description, recorded_by)
    VALUES (${incident.id}, ${incident.runId}, ${incident.kind}, ${incident.occurredAt},
      ${incident.latitude ?? null}, ${incident.longitude ?? null}, ${incident.placeName ?? null},
      ${incident.description ?? null}, ${incident.recordedBy})`);
}

/** Records a diversion and makes its site the one the run is expected at. */
export async function insertDiversion(
  db: Db,
  diversion: {
    id: string;
    runId: string;
    fromSiteId: string;
    toSiteId: string;
    reason: string;
    incidentId: string;
    divertedAt: string;
    divertedBy: string;
    expectedArrivalAt: string | undefined;
  },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO evacuation_diversions
      (id, run_id, from_site_id, to_site_id, reason, incident_id, diverted_at, diverted_by)
    VALUES (${diversion.id}, ${diversion.runId}, ${diversion.fromSiteId}, ${diversion.toSiteId},
      ${diversion.reason}, ${diversion.incidentId}, ${diversion.divertedAt},
      ${diversion.divertedBy})`);
  await db.execute(sql`
    UPDATE evacuation_runs SET diverted_site_id = ${diversion.toSiteId},
      expected_arrival_at = COALESCE(${diversion.expectedArrivalAt ?? null}::timestamptz,
        expected_arrival_at),
      updated_at = now()
    WHERE id = ${diversion.runId}`);
}

/** Arrivals per run, for the figures: counts only, no person and no timing of runs on the road. */
export interface RunArrivalRow {
  corridor_id: string;
  status: EvacuationRunStatus;
  arrival_day: string | null;
  reported_headcount: number | null;
  boarded: number;
  check_ins: { day: string; count: number }[] | string;
}

/**
 * Days are calendar days in the corridor's time zone (where the evacuation happened), never UTC
 * days: AT TIME ZONE turns each instant into that zone's local time before its date is taken.
 */
export async function listRunArrivals(db: Db, corridorId?: string): Promise<RunArrivalRow[]> {
  return queryRows<RunArrivalRow>(
    db,
    sql`SELECT r.corridor_id, r.status,
          CASE WHEN r.status = 'arrived'
            THEN to_char(r.actual_arrival_at AT TIME ZONE rc.time_zone, 'YYYY-MM-DD')
          END AS arrival_day,
          r.reported_headcount,
          (SELECT count(*) FROM manifest_persons m WHERE m.run_id = r.id AND NOT m.unexpected)::int
            AS boarded,
          COALESCE((SELECT json_agg(json_build_object('day', d.day, 'count', d.n))
            FROM (SELECT to_char(m.arrived_at AT TIME ZONE rc.time_zone, 'YYYY-MM-DD') AS day,
                    count(*)::int AS n
                  FROM manifest_persons m WHERE m.run_id = r.id AND m.arrived_at IS NOT NULL
                  GROUP BY 1) d), '[]'::json) AS check_ins
        FROM evacuation_runs r
        JOIN corridors rc ON rc.id = r.corridor_id
        WHERE r.status <> 'cancelled'
          ${corridorId === undefined ? sql`` : sql`AND r.corridor_id = ${corridorId}`}`,
  );
}

/** The first check-in of a run that has not been marked arrived marks it arrived, then. */
export async function markRunArrived(db: Db, id: string, arrivedAt: string): Promise<void> {
  await db.execute(sql`
    UPDATE evacuation_runs SET status = 'arrived',
      actual_arrival_at = COALESCE(actual_arrival_at, ${arrivedAt}::timestamptz), updated_at = now()
    WHERE id = ${id} AND status IN ('planned', 'departed')`);
}
