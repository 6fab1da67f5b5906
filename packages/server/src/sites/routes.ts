import { randomUUID } from 'node:crypto';
import {
  CountryAlpha2,
  HostCountry,
  IdempotencyKeyHeader,
  Problem,
  Site,
  SiteInput,
} from '@haven/contract';
import { can, isInScope, type Principal } from '@haven/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/open.js';
import { fieldProblem } from '../http/problems.js';
import { replayableResource } from '../idempotency/queries.js';
import { idempotencyConflict, requestHash } from '../idempotency/request-hash.js';
import { forbidden, principalOf } from '../access/authenticate.js';
import {
  findSite,
  insertSite,
  isHostCountry,
  listHostCountries,
  listSites,
  type SiteRecord,
} from './queries.js';

/** The site with whether this caller may register households there (from the access policy). */
const withAccess = (principal: Principal, site: SiteRecord): Site => ({
  ...site,
  canRegister:
    can(principal, 'registrations:create') &&
    isInScope(principal, { siteId: site.id, countryCode: site.countryCode }),
});

export const siteRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/countries',
    {
      schema: {
        summary: 'Host countries where Haven registers arrivals',
        tags: ['sites'],
        response: { 200: z.array(HostCountry), 401: Problem },
      },
    },
    async () => listHostCountries(db),
  );

  app.get(
    '/sites',
    {
      schema: {
        summary: 'Border crossings, reception centres and registration offices',
        tags: ['sites'],
        querystring: z.strictObject({ countryCode: CountryAlpha2.optional() }),
        response: { 200: z.array(Site), 400: Problem, 401: Problem },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return (await listSites(db, request.query.countryCode)).map((site) =>
        withAccess(principal, site),
      );
    },
  );

  app.post(
    '/sites',
    {
      schema: {
        summary: 'Add a site',
        tags: ['sites'],
        headers: IdempotencyKeyHeader,
        body: SiteInput,
        response: { 201: Site, 400: Problem, 401: Problem, 403: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (!(await isHostCountry(db, request.body.countryCode))) {
        throw fieldProblem('countryCode', 'body', 'Not a host country of this deployment');
      }
      if (!principal.countries.includes(request.body.countryCode)) {
        throw forbidden('countryCode: outside your scope');
      }
      const key = request.headers['idempotency-key'];
      const hash = requestHash('sites', request.body);
      const created = await insertSite(
        db,
        { id: randomUUID(), ...request.body },
        { key, requestHash: hash },
      );
      if (created) {
        return reply
          .code(201)
          .header('location', `/api/v1/sites/${created.id}`)
          .send(withAccess(principal, created));
      }
      const resourceId = await replayableResource(db, key, 'sites', hash);
      const original = resourceId === undefined ? undefined : await findSite(db, resourceId);
      if (!original) {
        throw idempotencyConflict();
      }
      return reply
        .code(201)
        .header('idempotent-replayed', 'true')
        .send(withAccess(principal, original));
    },
  );
};
