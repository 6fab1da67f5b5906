import { Problem, SingleLine } from '@haven/contract';
import { isInScope } from '@haven/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../access/authenticate.js';
import { appendAudit, auditActor } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import { indexesOfDatabase } from '../identity/person-index.js';
import type { Keyring } from '../protection/keyring.js';
import { erasePerson, placesOfPerson, subjectData } from './queries.js';

const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });
const Reason = SingleLine(500).describe('Why: the request reference or the legal ground');
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const noSuchPerson = () => new HttpProblem(404, 'not-found', 'No such person');

const ErasureInput = z
  .strictObject({
    mode: z
      .enum(['erase', 'pseudonymise'])
      .describe(
        'erase: identifying data removed for good; pseudonymise: kept sealed with the data key',
      ),
    reason: Reason,
  })
  .meta({ id: 'ErasureRequest' });

const Erasure = z
  .object({ personId: z.string(), mode: z.enum(['erase', 'pseudonymise']), erasedAt: z.string() })
  .meta({ id: 'Erasure' });

export const subjectRightsRoutes: FastifyPluginAsyncZod<{ db: Db; keyring: Keyring }> = async (
  app,
  { db, keyring },
) => {
  /** The person's chains (countries) when in the caller's scope; 404 otherwise. */
  const scopedPlaces = async (principal: ReturnType<typeof principalOf>, personId: string) => {
    const found = await placesOfPerson(db, personId);
    const inScope = found?.places.filter((place) => isInScope(principal, place)) ?? [];
    if (!found || inScope.length === 0) {
      throw noSuchPerson();
    }
    return [...new Set(found.places.map((place) => place.countryCode))];
  };

  app.get(
    '/persons/:id/subject-data',
    {
      schema: {
        summary: 'Everything held on one person, for a data-subject access request (GDPR Art. 15)',
        tags: ['data protection'],
        params: IdParams,
        querystring: z.strictObject({ reason: Reason }),
        response: { 200: z.record(z.string(), z.unknown()), ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const countries = await scopedPlaces(principal, request.params.id);
      return db.transaction(async (tx) => {
        const data = await subjectData(tx, keyring, request.params.id);
        if (!data) {
          throw noSuchPerson();
        }
        await appendAudit(
          tx,
          countries.map((country) => ({
            ...auditActor(request, principal),
            purpose: request.query.reason,
            chain: country,
            action: 'person.subject-access',
            resourceType: 'person',
            resourceId: request.params.id,
          })),
        );
        return data;
      });
    },
  );

  app.post(
    '/persons/:id/erasure',
    {
      schema: {
        summary: 'Erase or pseudonymise a person on request (GDPR Art. 17); counts stay the same',
        tags: ['data protection'],
        params: IdParams,
        body: ErasureInput,
        response: { 200: Erasure, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const countries = await scopedPlaces(principal, request.params.id);
      const { mode, reason } = request.body;
      const erasure = await db.transaction(async (tx) => {
        const { erasedAt } = await erasePerson(tx, keyring, request.params.id, mode);
        await appendAudit(
          tx,
          countries.map((country) => ({
            ...auditActor(request, principal),
            purpose: reason,
            chain: country,
            action: `person.${mode}`,
            resourceType: 'person',
            resourceId: request.params.id,
          })),
        );
        return { personId: request.params.id, mode, erasedAt };
      });
      // Committed: out of this process's match indexes before the answer, so no lookup here
      // finds them again (other processes' indexes drop them at their next catch-up).
      for (const index of indexesOfDatabase(db)) {
        index.remove([request.params.id]);
      }
      return erasure;
    },
  );
};
