import type { CorridorInput, CorridorStatusChangeInput } from '@haven/contract';
import type { CorridorStatus } from '@haven/core';
import { sql } from 'drizzle-orm';
import { jsonColumn, queryRows, type Db } from '../db/open.js';

export interface StatusChangeRecord {
  readonly status: CorridorStatus;
  readonly windowStart: string | null;
  readonly windowEnd: string | null;
  readonly reason: string | null;
  readonly changedBy: string;
  readonly changedAt: string;
}

export interface PlaceRecord {
  readonly name: string;
  readonly countryCode: string;
  readonly pcode: string | null;
  readonly latitude: number;
  readonly longitude: number;
}

export interface CorridorRecord {
  readonly id: string;
  readonly name: string;
  readonly countryCode: string;
  readonly origin: PlaceRecord;
  readonly destination: PlaceRecord;
  readonly route: { type: 'LineString'; coordinates: [number, number][] };
  readonly guarantors: string[];
  readonly timeZone: string;
  readonly statusHistory: StatusChangeRecord[];
  readonly createdAt: string;
  readonly createdBy: string;
}

interface CorridorRow {
  id: string;
  name: string;
  country_code: string;
  origin_name: string;
  origin_country: string;
  origin_pcode: string | null;
  origin_latitude: number;
  origin_longitude: number;
  destination_name: string;
  destination_country: string;
  destination_pcode: string | null;
  destination_latitude: number;
  destination_longitude: number;
  route: CorridorRecord['route'] | string;
  guarantors: string[];
  time_zone: string;
  history: StatusChangeRecord[] | string;
  created_at: string;
  created_by: string;
}

const iso = (value: string | Date): string => new Date(value).toISOString();

const corridorOf = (row: CorridorRow): CorridorRecord => ({
  id: row.id,
  name: row.name,
  countryCode: row.country_code,
  origin: {
    name: row.origin_name,
    countryCode: row.origin_country,
    pcode: row.origin_pcode,
    latitude: Number(row.origin_latitude),
    longitude: Number(row.origin_longitude),
  },
  destination: {
    name: row.destination_name,
    countryCode: row.destination_country,
    pcode: row.destination_pcode,
    latitude: Number(row.destination_latitude),
    longitude: Number(row.destination_longitude),
  },
  route: jsonColumn(row.route),
  guarantors: row.guarantors,
  timeZone: row.time_zone,
  statusHistory: jsonColumn(row.history).map((change) => ({
    ...change,
    changedAt: iso(change.changedAt),
    windowStart: change.windowStart === null ? null : iso(change.windowStart),
    windowEnd: change.windowEnd === null ? null : iso(change.windowEnd),
  })),
  createdAt: iso(row.created_at),
  createdBy: row.created_by,
});

const SELECT_CORRIDORS = sql`
  SELECT c.*,
    COALESCE((SELECT json_agg(json_build_object(
        'status', h.status, 'windowStart', h.window_start, 'windowEnd', h.window_end,
        'reason', h.reason, 'changedBy', h.changed_by, 'changedAt', h.changed_at)
        ORDER BY h.seq)
      FROM corridor_status_changes h WHERE h.corridor_id = c.id), '[]'::json) AS history
  FROM corridors c`;

/** Every corridor with its history, by name. Corridors hold no person: no scope filter. */
export async function listCorridors(db: Db): Promise<CorridorRecord[]> {
  const rows = await queryRows<CorridorRow>(db, sql`${SELECT_CORRIDORS} ORDER BY c.name, c.id`);
  return rows.map(corridorOf);
}

export async function findCorridor(db: Db, id: string): Promise<CorridorRecord | undefined> {
  const [row] = await queryRows<CorridorRow>(db, sql`${SELECT_CORRIDORS} WHERE c.id = ${id}`);
  return row ? corridorOf(row) : undefined;
}

/** Locks the corridor so that status changes append one after another. */
export async function lockCorridor(db: Db, id: string): Promise<boolean> {
  const rows = await queryRows(db, sql`SELECT 1 FROM corridors WHERE id = ${id} FOR UPDATE`);
  return rows.length > 0;
}

export async function insertCorridor(
  db: Db,
  id: string,
  input: CorridorInput & { readonly timeZone: string },
  createdBy: string,
): Promise<void> {
  const { origin: o, destination: d } = input;
  await db.execute(sql`
    INSERT INTO corridors (id, name, country_code, origin_name, origin_country, origin_pcode,
      origin_latitude, origin_longitude, destination_name, destination_country, destination_pcode,
      destination_latitude, destination_longitude, route, guarantors, time_zone, created_by)
    VALUES (${id}, ${input.name}, ${input.countryCode}, ${o.name}, ${o.countryCode},
      ${o.pcode ?? null}, ${o.latitude}, ${o.longitude}, ${d.name}, ${d.countryCode},
      ${d.pcode ?? null}, ${d.latitude}, ${d.longitude}, ${JSON.stringify(input.route)}::jsonb,
      ${sql.param(input.guarantors)}::text[], ${input.timeZone}, ${createdBy})`);
}

/** Appends a status change (the caller holds the corridor's lock). */
export async function appendStatusChange(
  db: Db,
  id: string,
  corridorId: string,
  change: CorridorStatusChangeInput,
  changedBy: string,
  changedAt: string,
): Promise<void> {
  await db.execute(sql`
    INSERT INTO corridor_status_changes
      (id, corridor_id, status, window_start, window_end, reason, changed_by, changed_at, seq)
    SELECT ${id}, ${corridorId}, ${change.status}, ${change.windowStart ?? null},
      ${change.windowEnd ?? null}, ${change.reason ?? null}, ${changedBy}, ${changedAt},
      COALESCE(max(seq), 0) + 1
    FROM corridor_status_changes WHERE corridor_id = ${corridorId}`);
}

/** The id of a corridor with this exact name, for loaders that must not add it twice. */
export async function findCorridorIdByName(db: Db, name: string): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM corridors WHERE name = ${name} ORDER BY created_at LIMIT 1`,
  );
  return row?.id;
}

export async function updateCorridor(
  db: Db,
  id: string,
  change: { name?: string | undefined; route?: unknown; guarantors?: string[] | undefined },
): Promise<void> {
  await db.execute(sql`
    UPDATE corridors SET
      name = COALESCE(${change.name ?? null}, name),
      route = COALESCE(${change.route === undefined ? null : JSON.stringify(change.route)}::jsonb, route),
      guarantors = COALESCE(${change.guarantors === undefined ? null : sql.param(change.guarantors)}::text[], guarantors)
    WHERE id = ${id}`);
}
