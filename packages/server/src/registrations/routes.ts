import {
  Household,
  IdempotencyKeyHeader,
  Problem,
  Registration,
  RegistrationInput,
  RegistrationPage,
  RegistrationQuery,
} from '@haven/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { postgresErrorCode } from '../db/errors.js';
import { HttpProblem, fieldProblem } from '../http/problems.js';
import { idempotencyConflict, requestHash } from '../idempotency/request-hash.js';
import { replayableResource } from '../idempotency/queries.js';
import type { Db } from '../db/open.js';
import { planRegistration } from './plan.js';
import { insertRegistrations } from './queries.js';
import { findSite } from '../sites/queries.js';
import { registrationView } from './view.js';
import { decodeCursor, findMembers, findRegistration, listRegistrations } from './read-queries.js';

const notFound = () => new HttpProblem(404, 'not-found', 'No such registration');
const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });
const problems = { 400: Problem, 404: Problem, 409: Problem };

export const registrationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/registrations',
    {
      schema: {
        summary: 'Register a household at a site',
        description:
          'Stores the household whole or not at all. Resending with the same Idempotency-Key and body returns the original registration; a different body with that key is a 409.',
        tags: ['registrations'],
        headers: IdempotencyKeyHeader,
        body: RegistrationInput,
        response: { 201: Registration, ...problems },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const hash = requestHash('registrations', request.body);
      const replay = async () => {
        const resourceId = await replayableResource(db, key, 'registrations', hash);
        if (!resourceId) {
          throw idempotencyConflict();
        }
        const original = await findRegistration(db, resourceId);
        if (!original) {
          throw notFound();
        }
        return reply.code(201).header('idempotent-replayed', 'true').send(original);
      };
      const site = await findSite(db, request.body.siteId);
      if (!site) {
        throw fieldProblem('siteId', 'body', 'Unknown site');
      }
      const plan = planRegistration(request.body, new Date().toISOString());
      try {
        const { created } = await insertRegistrations(db, [plan], {
          key,
          scope: 'registrations',
          requestHash: hash,
        });
        // ON CONFLICT DO NOTHING waits for a concurrent request with the same key, then writes nothing.
        if (!created) {
          return await replay();
        }
      } catch (error) {
        // The site was removed between the check above and the insert.
        if (postgresErrorCode(error) === '23503') {
          throw fieldProblem('siteId', 'body', 'Unknown site');
        }
        throw error;
      }
      return reply
        .code(201)
        .header('location', `/api/v1/registrations/${plan.registrationId}`)
        .send(registrationView(plan, site));
    },
  );

  app.get(
    '/registrations',
    {
      schema: {
        summary: 'List and search registrations, newest first',
        tags: ['registrations'],
        querystring: RegistrationQuery,
        response: { 200: RegistrationPage, ...problems },
      },
    },
    async (request) => {
      const after =
        request.query.cursor === undefined ? undefined : decodeCursor(request.query.cursor);
      if (request.query.cursor !== undefined && !after) {
        throw fieldProblem('cursor', 'query', 'Not a cursor returned by this API');
      }
      return listRegistrations(db, request.query, after);
    },
  );

  app.get(
    '/registrations/:id',
    {
      schema: {
        summary: 'One registration with its household',
        tags: ['registrations'],
        params: IdParams,
        response: { 200: Registration, ...problems },
      },
    },
    async (request) =>
      (await findRegistration(db, request.params.id)) ?? Promise.reject(notFound()),
  );

  app.get(
    '/households/:id',
    {
      schema: {
        summary: 'A household: its members and every registration of it',
        tags: ['households'],
        params: IdParams,
        response: { 200: Household, ...problems },
      },
    },
    async (request) => {
      const members = (await findMembers(db, [request.params.id])).get(request.params.id);
      if (!members) {
        throw new HttpProblem(404, 'not-found', 'No such household');
      }
      return {
        id: request.params.id,
        members,
        registrations: (await listRegistrations(db, { householdId: request.params.id, limit: 100 }))
          .items,
      };
    },
  );
};
