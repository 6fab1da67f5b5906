import { randomUUID } from 'node:crypto';
import {
  Corridor,
  CorridorInput,
  CorridorStatusChangeInput,
  CorridorUpdate,
  EvacuationFigures,
  EvacuationFiguresQuery,
  Problem,
} from '@haven/contract';
import {
  aggregateEvacuationFigures,
  canChangeCorridorStatus,
  defaultCorridorTimeZone,
  nextCorridorStatuses,
} from '@haven/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, principalOf } from '../access/authenticate.js';
import { appendAudit, auditActor } from '../audit/append.js';
import { jsonColumn } from '../db/open.js';
import { HttpProblem, fieldProblem } from '../http/problems.js';
import {
  appendStatusChange,
  findCorridor,
  insertCorridor,
  listCorridors,
  lockCorridor,
  updateCorridor,
} from './corridor-queries.js';
import {
  OptionalIdempotencyKeyHeader,
  claimKey,
  idempotencyClaim,
  replayedResource,
} from './idempotency.js';
import type { CorridorRouteOptions } from './options.js';
import { listRunArrivals } from './run-queries.js';
import { canManageCorridor, corridorView, currentStatus } from './view.js';

const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const notFound = () => new HttpProblem(404, 'not-found', 'No such corridor');

export const FIGURES_METHOD =
  "People counted on the day they arrived, a calendar day in the corridor's time zone (Europe/Kyiv for a corridor from Ukraine): a run's manifest check-ins when it has a manifest, otherwise the headcount reported for it on its arrival day. Runs not yet arrived and cancelled runs are not counted.";

/** Evacuated per corridor: the figures' totals, for the corridor list. */
async function evacuatedTotals(
  db: CorridorRouteOptions['db'],
  corridorId?: string,
): Promise<Map<string, number>> {
  const figures = aggregateEvacuationFigures(
    (await listRunArrivals(db, corridorId)).map((row) => ({
      corridorId: row.corridor_id,
      status: row.status,
      arrivalDay: row.arrival_day,
      reportedHeadcount: row.reported_headcount === null ? null : Number(row.reported_headcount),
      boarded: Number(row.boarded),
      checkInsByDay: jsonColumn(row.check_ins),
    })),
  );
  return new Map(figures.corridors.map((c) => [c.corridorId, c.total]));
}

export const corridorRoutes: FastifyPluginAsyncZod<CorridorRouteOptions> = async (
  app,
  { db, now = () => new Date() },
) => {
  app.get(
    '/corridors',
    {
      schema: {
        summary: 'Humanitarian corridors with their current status and route',
        description:
          'Corridors hold no person and no convoy position: everyone with corridors:read sees all of them.',
        tags: ['corridors'],
        response: { 200: z.array(Corridor), 401: Problem, 403: Problem },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const totals = await evacuatedTotals(db);
      const at = now();
      return (await listCorridors(db)).map((corridor) =>
        corridorView(principal, corridor, totals.get(corridor.id) ?? 0, at),
      );
    },
  );

  app.get(
    '/corridors/:id',
    {
      schema: {
        summary: 'One corridor with its whole status history',
        tags: ['corridors'],
        params: IdParams,
        response: { 200: Corridor, ...problems },
      },
    },
    async (request) => {
      const corridor = await findCorridor(db, request.params.id);
      if (!corridor) {
        throw notFound();
      }
      const totals = await evacuatedTotals(db, corridor.id);
      return corridorView(principalOf(request), corridor, totals.get(corridor.id) ?? 0, now());
    },
  );

  app.post(
    '/corridors',
    {
      schema: {
        summary: 'Record a negotiated corridor',
        description:
          'Creates the corridor with its first status change (planned or open, with the agreed window). A window that ends before it starts is refused naming windowEnd.',
        tags: ['corridors'],
        headers: OptionalIdempotencyKeyHeader,
        body: CorridorInput,
        response: { 201: Corridor, ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const input = request.body;
      if (!principal.countries.includes(input.countryCode)) {
        throw forbidden('countryCode: outside your scope');
      }
      const timeZone = input.timeZone ?? defaultCorridorTimeZone(input.origin.countryCode);
      if (timeZone === undefined) {
        throw fieldProblem(
          'timeZone',
          'body',
          'Give the time zone of the corridor: its origin country has no single one',
        );
      }
      if (!canChangeCorridorStatus(undefined, input.status)) {
        throw new HttpProblem(400, 'validation-failed', 'The request is not valid', [
          { field: 'status', in: 'body', message: 'A new corridor is planned or open' },
        ]);
      }
      const claim = idempotencyClaim(request.headers['idempotency-key'], 'corridors', input);
      const at = now().toISOString();
      const id = await db.transaction(async (tx) => {
        const newId = randomUUID();
        if (!(await claimKey(tx, claim, newId))) {
          return undefined;
        }
        await insertCorridor(tx, newId, { ...input, timeZone }, principal.username);
        await appendStatusChange(
          tx,
          randomUUID(),
          newId,
          { status: input.status, windowStart: input.windowStart, windowEnd: input.windowEnd },
          principal.username,
          at,
        );
        await appendAudit(tx, [
          {
            ...auditActor(request, principal),
            chain: input.countryCode,
            action: 'corridor.create',
            resourceType: 'corridor',
            resourceId: newId,
            detail: { status: input.status },
          },
        ]);
        return newId;
      });
      const createdId = id ?? (await replayedResource(db, claim));
      const created = await findCorridor(db, createdId);
      if (!created) {
        throw notFound();
      }
      if (id === undefined) {
        reply.header('idempotent-replayed', 'true');
      }
      const totals = await evacuatedTotals(db, createdId);
      return reply
        .code(201)
        .header('location', `/api/v1/corridors/${createdId}`)
        .send(corridorView(principal, created, totals.get(createdId) ?? 0, now()));
    },
  );

  app.post(
    '/corridors/:id/status-changes',
    {
      schema: {
        summary: 'Change the status of a corridor (appended to its history)',
        description:
          'planned → open | closed; open → open (renewed window) | suspended | closed; suspended → open | closed; closed → planned. Anything else is a 409 naming the allowed statuses.',
        tags: ['corridors'],
        params: IdParams,
        body: CorridorStatusChangeInput,
        response: { 200: Corridor, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const change = request.body;
      await db.transaction(async (tx) => {
        if (!(await lockCorridor(tx, request.params.id))) {
          throw notFound();
        }
        const corridor = await findCorridor(tx, request.params.id);
        if (!corridor) {
          throw notFound();
        }
        if (!canManageCorridor(principal, corridor)) {
          throw forbidden('This corridor is managed from a country outside your scope');
        }
        const from = currentStatus(corridor).status;
        if (!canChangeCorridorStatus(from, change.status)) {
          const allowed = nextCorridorStatuses(from);
          throw new HttpProblem(
            409,
            'status-transition-not-allowed',
            `A ${from} corridor cannot become ${change.status}`,
            [
              {
                field: 'status',
                in: 'body',
                message: `From ${from} only: ${allowed.join(', ') || 'none'}`,
              },
            ],
          );
        }
        await appendStatusChange(
          tx,
          randomUUID(),
          corridor.id,
          change,
          principal.username,
          now().toISOString(),
        );
        await appendAudit(tx, [
          {
            ...auditActor(request, principal),
            chain: corridor.countryCode,
            action: 'corridor.status-change',
            resourceType: 'corridor',
            resourceId: corridor.id,
            detail: { from, to: change.status },
          },
        ]);
      });
      const updated = await findCorridor(db, request.params.id);
      if (!updated) {
        throw notFound();
      }
      const totals = await evacuatedTotals(db, updated.id);
      return corridorView(principal, updated, totals.get(updated.id) ?? 0, now());
    },
  );

  app.patch(
    '/corridors/:id',
    {
      schema: {
        summary: 'Change the name, route (a diversion) or guarantors of a corridor',
        description: 'Which fields changed, who and when go to the audit log.',
        tags: ['corridors'],
        params: IdParams,
        body: CorridorUpdate,
        response: { 200: Corridor, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await db.transaction(async (tx) => {
        if (!(await lockCorridor(tx, request.params.id))) {
          throw notFound();
        }
        const corridor = await findCorridor(tx, request.params.id);
        if (!corridor) {
          throw notFound();
        }
        if (!canManageCorridor(principal, corridor)) {
          throw forbidden('This corridor is managed from a country outside your scope');
        }
        await updateCorridor(tx, corridor.id, request.body);
        await appendAudit(tx, [
          {
            ...auditActor(request, principal),
            chain: corridor.countryCode,
            action: 'corridor.update',
            resourceType: 'corridor',
            resourceId: corridor.id,
            detail: { fields: Object.keys(request.body).sort() },
          },
        ]);
      });
      const updated = await findCorridor(db, request.params.id);
      if (!updated) {
        throw notFound();
      }
      const totals = await evacuatedTotals(db, updated.id);
      return corridorView(principal, updated, totals.get(updated.id) ?? 0, now());
    },
  );

  app.get(
    '/statistics/evacuations',
    {
      schema: {
        summary: 'People evacuated per corridor per day and in total',
        description: `Counts only, never a person. ${FIGURES_METHOD}`,
        tags: ['corridors', 'statistics'],
        querystring: EvacuationFiguresQuery,
        response: { 200: EvacuationFigures, ...problems },
      },
    },
    async (request) => {
      const { from, to, corridorId } = request.query;
      if (from !== undefined && to !== undefined && to < from) {
        throw new HttpProblem(400, 'validation-failed', 'The request is not valid', [
          { field: 'to', in: 'query', message: 'Must not be before from' },
        ]);
      }
      const corridors = (await listCorridors(db)).filter(
        (c) => corridorId === undefined || c.id === corridorId,
      );
      const figures = aggregateEvacuationFigures(
        (await listRunArrivals(db, corridorId)).map((row) => ({
          corridorId: row.corridor_id,
          status: row.status,
          arrivalDay: row.arrival_day,
          reportedHeadcount:
            row.reported_headcount === null ? null : Number(row.reported_headcount),
          boarded: Number(row.boarded),
          checkInsByDay: jsonColumn(row.check_ins),
        })),
        { from, to },
      );
      const byCorridor = new Map(figures.corridors.map((c) => [c.corridorId, c]));
      return {
        total: figures.total,
        corridorCount: corridors.length,
        days: figures.days,
        corridors: corridors.map((corridor) => ({
          corridorId: corridor.id,
          name: corridor.name,
          status: currentStatus(corridor).status,
          origin: corridor.origin,
          destination: corridor.destination,
          route: corridor.route,
          total: byCorridor.get(corridor.id)?.total ?? 0,
          days: byCorridor.get(corridor.id)?.days ?? [],
        })),
        method: FIGURES_METHOD,
      };
    },
  );
};
