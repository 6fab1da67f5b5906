import { randomUUID } from 'node:crypto';
import { DiversionInput, EvacuationRun, Problem } from '@haven/contract';
import { isInScope } from '@haven/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../access/authenticate.js';
import { appendAudit, auditActor } from '../audit/append.js';
import { HttpProblem, fieldProblem } from '../http/problems.js';
import { findSite } from '../sites/queries.js';
import type { CorridorRouteOptions } from './options.js';
import { insertDiversion, insertIncident } from './run-queries.js';
import { runInScope, runNotFound } from './run-routes.js';
import { canManageRun, expectedSiteOf, runView } from './view.js';

const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });
const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
/** Clocks of phones on the road drift: a few minutes ahead is not "the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A convoy diverted on the road (a corridor shelled, a crossing closed) arrives somewhere else:
 * the coordinator records where, why, and the incident; check-in is then expected at the new site.
 */
export const diversionRoutes: FastifyPluginAsyncZod<CorridorRouteOptions> = async (
  app,
  { db, now = () => new Date() },
) => {
  app.post(
    '/evacuation-runs/:id/diversions',
    {
      schema: {
        summary: 'Divert a run to another reception site',
        description:
          'Only a planned or departed run that ends at a Haven site. The new site must be a site in your scope other than where the run is expected now. Give incidentId to link the diversion incident already recorded on the run; without it, a diversion incident is recorded. expectedArrivalAt moves the arrival window (and so when missing people raise alerts). Registrars of the new site then see the run and check its people in there.',
        tags: ['corridors'],
        params: IdParams,
        body: DiversionInput,
        response: { 201: EvacuationRun, ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const input = request.body;
      const at = now();
      const divertedAt = input.divertedAt
        ? new Date(input.divertedAt).toISOString()
        : at.toISOString();
      if (Date.parse(divertedAt) > at.getTime() + CLOCK_SKEW_MS) {
        throw fieldProblem('divertedAt', 'body', 'Must not be in the future');
      }
      await db.transaction(async (tx) => {
        const run = await runInScope(tx, principal, request.params.id, true);
        if (!canManageRun(principal, run)) {
          throw runNotFound();
        }
        const from = expectedSiteOf(run);
        if (from === null) {
          throw new HttpProblem(
            422,
            'run-without-site',
            'This run does not end at a Haven reception site',
          );
        }
        if (run.status !== 'planned' && run.status !== 'departed') {
          throw new HttpProblem(
            409,
            'run-not-in-transit',
            `A ${run.status} run cannot be diverted`,
          );
        }
        const site = await findSite(tx, input.siteId);
        if (!site || !isInScope(principal, { siteId: site.id, countryCode: site.countryCode })) {
          throw fieldProblem('siteId', 'body', 'Not a reception site in your scope');
        }
        if (site.id === from.id) {
          throw new HttpProblem(409, 'same-destination', 'The run is already bound for this site', [
            { field: 'siteId', in: 'body', message: 'The run is already bound for this site' },
          ]);
        }
        if (
          input.expectedArrivalAt !== undefined &&
          Date.parse(input.expectedArrivalAt) <= Date.parse(run.plannedDepartureAt)
        ) {
          throw fieldProblem('expectedArrivalAt', 'body', 'Must be after plannedDepartureAt');
        }
        let incidentId = input.incidentId;
        if (incidentId === undefined) {
          incidentId = randomUUID();
          await insertIncident(tx, {
            id: incidentId,
            runId: run.id,
            kind: 'diversion',
            occurredAt: divertedAt,
            placeName: site.name,
            description: input.reason,
            recordedBy: principal.username,
          });
        } else if (
          !run.incidents.some((i) => i.id === input.incidentId && i.kind === 'diversion')
        ) {
          throw fieldProblem('incidentId', 'body', 'Not a diversion incident of this run');
        }
        const id = randomUUID();
        await insertDiversion(tx, {
          id,
          runId: run.id,
          fromSiteId: from.id,
          toSiteId: site.id,
          reason: input.reason,
          incidentId,
          divertedAt,
          divertedBy: principal.username,
          expectedArrivalAt: input.expectedArrivalAt,
        });
        await appendAudit(tx, [
          {
            ...auditActor(request, principal),
            chain: run.countryCode,
            action: 'evacuation-run.diversion',
            resourceType: 'evacuation-run',
            resourceId: run.id,
            detail: { diversionId: id, incidentId, toSiteId: site.id },
          },
        ]);
      });
      return reply
        .code(201)
        .send(runView(principal, await runInScope(db, principal, request.params.id)));
    },
  );
};
