import { randomUUID } from 'node:crypto';
import {
  CheckpointPassageInput,
  EvacuationRun,
  EvacuationRunInput,
  EvacuationRunQuery,
  EvacuationRunUpdate,
  IncidentInput,
  Problem,
} from '@haven/contract';
import {
  acceptsRunsAt,
  canChangeRunStatus,
  scopeFilter,
  seesOperational,
  type Principal,
} from '@haven/core';
import { stringify } from 'csv-stringify/sync';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, principalOf } from '../access/authenticate.js';
import { appendAudit, auditActor } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem, fieldProblem } from '../http/problems.js';
import { findSite } from '../sites/queries.js';
import { findCorridor } from './corridor-queries.js';
import {
  OptionalIdempotencyKeyHeader,
  claimKey,
  idempotencyClaim,
  replayedResource,
} from './idempotency.js';
import { resolveMissingAlertsOfRun } from './alert-queries.js';
import type { CorridorRouteOptions } from './options.js';
import {
  findRun,
  insertCheckpointPassage,
  insertIncident,
  insertRun,
  listRuns,
  updateRun,
  type RunRecord,
} from './run-queries.js';
import { canManageRun, currentStatus, runPlaceOf, runView } from './view.js';

const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });
const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
export const runNotFound = () => new HttpProblem(404, 'not-found', 'No such evacuation run');

/** A run in the caller's scope, or a 404 (never a hint that a run exists elsewhere). */
export async function runInScope(
  db: Db,
  principal: Principal,
  id: string,
  lock = false,
): Promise<RunRecord> {
  const run = await findRun(db, id, scopeFilter(principal), lock);
  if (!run) {
    throw runNotFound();
  }
  return run;
}

/** The audit entry of a write on a run: ids and field names only, never positions or times. */
const runAudit = (
  request: FastifyRequest,
  principal: Principal,
  run: { id: string; countryCode: string },
  action: string,
  detail: Record<string, string | string[]> = {},
) => ({
  ...auditActor(request, principal),
  chain: run.countryCode,
  action,
  resourceType: 'evacuation-run',
  resourceId: run.id,
  detail,
});

export const runRoutes: FastifyPluginAsyncZod<CorridorRouteOptions> = async (
  app,
  { db, now = () => new Date() },
) => {
  app.get(
    '/evacuation-runs',
    {
      schema: {
        summary: 'Evacuation runs in your scope',
        description:
          'Newest first. `operational` (timings, vehicles, checkpoint passages, incidents) is null unless you hold evacuations:operational with the run in scope.',
        tags: ['corridors'],
        querystring: EvacuationRunQuery,
        response: { 200: z.array(EvacuationRun), ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const runs = await listRuns(db, scopeFilter(principal), request.query);
      return runs.map((run) => runView(principal, run));
    },
  );

  app.get(
    '/evacuation-runs/export',
    {
      schema: {
        summary: 'Evacuation runs in your scope as CSV (text/csv)',
        description:
          'The columns planned_departure_at, expected_arrival_at, actual_departure_at, vehicles, checkpoint_passages and incidents are filled only for runs whose operational data you may see; actual_arrival_at only once a run arrived.',
        tags: ['corridors'],
        querystring: EvacuationRunQuery,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const runs = await listRuns(db, scopeFilter(principal), request.query);
      const rows = runs.map((run) => {
        const view = runView(principal, run);
        const op = view.operational;
        return {
          id: view.id,
          corridor: view.corridorName,
          kind: view.kind,
          label: view.label,
          destination_site: view.destinationSite?.name ?? '',
          status: view.status,
          capacity: view.capacity,
          reported_headcount: view.reportedHeadcount ?? '',
          boarded: view.boarded,
          arrived: view.arrived,
          unexpected: view.unexpected,
          actual_arrival_at: view.actualArrivalAt ?? '',
          planned_departure_at: op?.plannedDepartureAt ?? '',
          expected_arrival_at: op?.expectedArrivalAt ?? '',
          actual_departure_at: op?.actualDepartureAt ?? '',
          vehicles: op ? op.vehicles.length : '',
          checkpoint_passages: op ? op.checkpointPassages.length : '',
          incidents: op ? op.incidents.length : '',
        };
      });
      const columns = [
        'id',
        'corridor',
        'kind',
        'label',
        'destination_site',
        'status',
        'capacity',
        'reported_headcount',
        'boarded',
        'arrived',
        'unexpected',
        'actual_arrival_at',
        'planned_departure_at',
        'expected_arrival_at',
        'actual_departure_at',
        'vehicles',
        'checkpoint_passages',
        'incidents',
      ];
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="evacuation-runs.csv"')
        .send(stringify(rows, { header: true, columns }));
    },
  );

  app.get(
    '/evacuation-runs/:id',
    {
      schema: {
        summary: 'One evacuation run',
        tags: ['corridors'],
        params: IdParams,
        response: { 200: EvacuationRun, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return runView(principal, await runInScope(db, principal, request.params.id));
    },
  );

  app.post(
    '/evacuation-runs',
    {
      schema: {
        summary: 'Plan an evacuation run (convoy, bus or train) on a corridor',
        description:
          'On a corridor that is not open (or whose window has ended) the run is refused with 422 closed-corridor-reason-required unless closedCorridorReason says why it goes anyway; the reason is recorded.',
        tags: ['corridors'],
        headers: OptionalIdempotencyKeyHeader,
        body: EvacuationRunInput,
        response: { 201: EvacuationRun, ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const input = request.body;
      const corridor = await findCorridor(db, input.corridorId);
      if (!corridor) {
        throw fieldProblem('corridorId', 'body', 'Unknown corridor');
      }
      const site =
        input.destinationSiteId === undefined
          ? undefined
          : await findSite(db, input.destinationSiteId);
      if (input.destinationSiteId !== undefined && !site) {
        throw fieldProblem('destinationSiteId', 'body', 'Unknown site');
      }
      const countryCode = site?.countryCode ?? corridor.countryCode;
      if (!principal.countries.includes(countryCode)) {
        throw forbidden('The run would end outside your scope');
      }
      const current = currentStatus(corridor);
      if (!acceptsRunsAt(current, now()) && input.closedCorridorReason === undefined) {
        throw new HttpProblem(
          422,
          'closed-corridor-reason-required',
          `The corridor is ${current.status === 'open' ? 'past its agreed window' : current.status}`,
          [
            {
              field: 'closedCorridorReason',
              in: 'body',
              message: `The corridor is not open: give the reason this run goes anyway`,
            },
          ],
          'Running on a corridor that is not open puts people at risk; the reason is recorded with the run.',
        );
      }
      const claim = idempotencyClaim(request.headers['idempotency-key'], 'evacuation-runs', input);
      const id = await db.transaction(async (tx) => {
        const newId = randomUUID();
        if (!(await claimKey(tx, claim, newId))) {
          return undefined;
        }
        await insertRun(tx, { id: newId, input, countryCode, createdBy: principal.username });
        await appendAudit(tx, [
          runAudit(request, principal, { id: newId, countryCode }, 'evacuation-run.create', {
            corridorId: corridor.id,
            ...(input.closedCorridorReason === undefined
              ? {}
              : { corridorStatus: current.status, withReason: 'true' }),
          }),
        ]);
        return newId;
      });
      const createdId = id ?? (await replayedResource(db, claim));
      const created = await runInScope(db, principal, createdId);
      if (id === undefined) {
        reply.header('idempotent-replayed', 'true');
      }
      return reply
        .code(201)
        .header('location', `/api/v1/evacuation-runs/${createdId}`)
        .send(runView(principal, created));
    },
  );

  app.patch(
    '/evacuation-runs/:id',
    {
      schema: {
        summary: 'Record departure, arrival, cancellation or a new expected arrival',
        description:
          'planned → departed | arrived | cancelled; departed → arrived | cancelled. Departure and arrival times default to now.',
        tags: ['corridors'],
        params: IdParams,
        body: EvacuationRunUpdate,
        response: { 200: EvacuationRun, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const change = request.body;
      await db.transaction(async (tx) => {
        const run = await runInScope(tx, principal, request.params.id, true);
        if (!canManageRun(principal, run)) {
          throw runNotFound();
        }
        const status = change.status ?? run.status;
        if (!canChangeRunStatus(run.status, status)) {
          throw new HttpProblem(
            409,
            'status-transition-not-allowed',
            `A ${run.status} run cannot become ${status}`,
            [{ field: 'status', in: 'body', message: `The run is already ${run.status}` }],
          );
        }
        const at = now().toISOString();
        const actualDepartureAt =
          change.actualDepartureAt ?? run.actualDepartureAt ?? (status === 'departed' ? at : null);
        const actualArrivalAt =
          change.actualArrivalAt ?? run.actualArrivalAt ?? (status === 'arrived' ? at : null);
        if (
          actualDepartureAt !== null &&
          actualArrivalAt !== null &&
          Date.parse(actualArrivalAt) <= Date.parse(actualDepartureAt)
        ) {
          throw fieldProblem('actualArrivalAt', 'body', 'Must be after actualDepartureAt');
        }
        const expectedArrivalAt = change.expectedArrivalAt ?? run.expectedArrivalAt;
        if (Date.parse(expectedArrivalAt) <= Date.parse(run.plannedDepartureAt)) {
          throw fieldProblem('expectedArrivalAt', 'body', 'Must be after plannedDepartureAt');
        }
        await updateRun(tx, run.id, {
          status,
          actualDepartureAt,
          actualArrivalAt,
          expectedArrivalAt,
          arrivalMarginMinutes: change.arrivalMarginMinutes ?? run.arrivalMarginMinutes,
          reportedHeadcount:
            change.reportedHeadcount === undefined
              ? run.reportedHeadcount
              : change.reportedHeadcount,
        });
        if (status === 'cancelled' && run.status !== 'cancelled') {
          await resolveMissingAlertsOfRun(tx, run.id, now());
        }
        await appendAudit(tx, [
          runAudit(request, principal, run, 'evacuation-run.update', {
            fields: Object.keys(change).sort(),
            status,
          }),
        ]);
      });
      return runView(principal, await runInScope(db, principal, request.params.id));
    },
  );

  app.post(
    '/evacuation-runs/:id/checkpoint-passages',
    {
      schema: {
        summary: 'Record that a run passed a checkpoint (operational)',
        tags: ['corridors'],
        params: IdParams,
        body: CheckpointPassageInput,
        response: { 201: EvacuationRun, ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await db.transaction(async (tx) => {
        const run = await runInScope(tx, principal, request.params.id, true);
        if (!seesOperational(principal, runPlaceOf(run))) {
          throw runNotFound();
        }
        const id = randomUUID();
        await insertCheckpointPassage(tx, {
          id,
          runId: run.id,
          ...request.body,
          recordedBy: principal.username,
        });
        await appendAudit(tx, [
          runAudit(request, principal, run, 'evacuation-run.checkpoint-passage', {
            checkpointPassageId: id,
          }),
        ]);
      });
      return reply
        .code(201)
        .send(runView(principal, await runInScope(db, principal, request.params.id)));
    },
  );

  app.post(
    '/evacuation-runs/:id/incidents',
    {
      schema: {
        summary: 'Record an incident on a run: shelling, blockage, diversion (operational)',
        tags: ['corridors'],
        params: IdParams,
        body: IncidentInput,
        response: { 201: EvacuationRun, ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await db.transaction(async (tx) => {
        const run = await runInScope(tx, principal, request.params.id, true);
        if (!seesOperational(principal, runPlaceOf(run))) {
          throw runNotFound();
        }
        const id = randomUUID();
        await insertIncident(tx, {
          id,
          runId: run.id,
          ...request.body,
          recordedBy: principal.username,
        });
        await appendAudit(tx, [
          runAudit(request, principal, run, 'evacuation-run.incident', {
            incidentId: id,
            kind: request.body.kind,
          }),
        ]);
      });
      return reply
        .code(201)
        .send(runView(principal, await runInScope(db, principal, request.params.id)));
    },
  );
};
