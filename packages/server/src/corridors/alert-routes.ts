import { EvacuationAlert, EvacuationAlertQuery, Problem } from '@haven/contract';
import { scopeFilter } from '@haven/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../access/authenticate.js';
import { appendAudit, auditActor } from '../audit/append.js';
import { HttpProblem } from '../http/problems.js';
import { raiseDueAlerts } from './alert-job.js';
import { acknowledgeAlert, findAlert, listAlerts } from './alert-queries.js';
import type { CorridorRouteOptions } from './options.js';
import { alertView } from './view.js';

const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

export const alertRoutes: FastifyPluginAsyncZod<CorridorRouteOptions> = async (
  app,
  { db, now = () => new Date() },
) => {
  app.get(
    '/evacuation-alerts',
    {
      schema: {
        summary: 'Evacuation alerts in your scope, evaluated now',
        description:
          'missing-after-arrival-window (boarded, not arrived by expected arrival + margin), unaccompanied-child (flagged on arrival for child protection), unexpected-arrival (checked in, not on the manifest). Without status: open and acknowledged ones. Each alert names its person: the read is audited.',
        tags: ['corridors'],
        querystring: EvacuationAlertQuery,
        response: { 200: z.array(EvacuationAlert), ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await raiseDueAlerts(db, now());
      return db.transaction(async (tx) => {
        const alerts = await listAlerts(tx, scopeFilter(principal), request.query);
        const byCountry = new Map<string, string[]>();
        for (const alert of alerts) {
          byCountry.set(alert.countryCode, [
            ...(byCountry.get(alert.countryCode) ?? []),
            alert.manifestPersonId,
          ]);
        }
        await appendAudit(
          tx,
          [...byCountry].map(([country, persons]) => ({
            ...auditActor(request, principal),
            chain: country,
            action: 'evacuation-alert.list',
            resourceType: 'evacuation-alert',
            resourceId: null,
            detail: { persons },
          })),
        );
        return alerts.map(alertView);
      });
    },
  );

  app.post(
    '/evacuation-alerts/:id/acknowledgement',
    {
      schema: {
        summary: 'Acknowledge an alert (someone is on it); audited',
        description: 'Acknowledging twice keeps the first acknowledgement.',
        tags: ['corridors'],
        params: IdParams,
        response: { 200: EvacuationAlert, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return db.transaction(async (tx) => {
        const alert = await findAlert(tx, request.params.id, scopeFilter(principal));
        if (!alert) {
          throw new HttpProblem(404, 'not-found', 'No such alert');
        }
        await acknowledgeAlert(tx, alert.id, principal.username, now());
        await appendAudit(tx, [
          {
            ...auditActor(request, principal),
            chain: alert.countryCode,
            action: 'evacuation-alert.acknowledge',
            resourceType: 'evacuation-alert',
            resourceId: alert.id,
            detail: { persons: [alert.manifestPersonId], kind: alert.kind },
          },
        ]);
        const updated = await findAlert(tx, alert.id, scopeFilter(principal));
        return alertView(updated ?? alert);
      });
    },
  );
};
