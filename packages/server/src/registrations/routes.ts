import {
  Household,
  IdempotencyKeyHeader,
  IdentityMatches,
  Problem,
  Registration,
  RegistrationCreated,
  RegistrationInput,
  RegistrationPage,
  RegistrationQuery,
} from '@haven/contract';
import { canReadNeed, isInScope, scopeFilter, type Principal, type RecordPlace } from '@haven/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, principalOf } from '../access/authenticate.js';
import { appendAudit, auditActor } from '../audit/append.js';
import type { Keyring } from '../protection/keyring.js';
import { postgresErrorCode } from '../db/errors.js';
import { HttpProblem, fieldProblem } from '../http/problems.js';
import { idempotencyConflict, requestHash } from '../idempotency/request-hash.js';
import { replayableResource } from '../idempotency/queries.js';
import type { Db } from '../db/open.js';
import { matchHousehold, personRecordOf } from '../identity/household-matches.js';
import type { PersonIndex } from '../identity/person-index.js';
import { planRegistration } from './plan.js';
import { recordRegistrations } from './record.js';
import { findSite } from '../sites/queries.js';
import { registrationView } from './view.js';
import {
  decodeCursor,
  findMembers,
  findRegistration,
  listRegistrations,
  type NeedReader,
} from './read-queries.js';

const notFound = () => new HttpProblem(404, 'not-found', 'No such registration');
const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/** Registration ids grouped by the country whose audit chain records reading them. */
function idsByCountry(items: readonly { id: string; site: { countryCode: string } }[]) {
  const groups = new Map<string, string[]>();
  for (const item of items) {
    groups.set(item.site.countryCode, [...(groups.get(item.site.countryCode) ?? []), item.id]);
  }
  return groups;
}

export const registrationRoutes: FastifyPluginAsyncZod<{
  db: Db;
  keyring: Keyring;
  personIndex: PersonIndex;
}> = async (app, { db, keyring, personIndex }) => {
  const readerAt =
    (principal: Principal) =>
    (place: RecordPlace): NeedReader => ({
      keyring,
      reads: (sensitivity) => canReadNeed(principal, sensitivity, place),
    });

  /** The site of a registration being written or previewed, when the caller may register there. */
  const siteInScope = async (principal: Principal, siteId: string) => {
    const site = await findSite(db, siteId);
    if (!site) {
      throw fieldProblem('siteId', 'body', 'Unknown site');
    }
    if (!isInScope(principal, { siteId: site.id, countryCode: site.countryCode })) {
      throw forbidden('You may register only at the sites of your scope');
    }
    return site;
  };

  /** Looks the members up in the match index and audits the matched records shown. */
  const matchesOf = async (
    request: FastifyRequest,
    principal: Principal,
    members: RegistrationInput['household']['members'],
    personIds: readonly (string | null)[],
  ) => {
    const { matches, audit } = await matchHousehold(db, personIndex, principal, members, personIds);
    await appendAudit(db, audit(auditActor(request, principal)));
    return matches;
  };

  app.post(
    '/registrations/preview',
    {
      schema: {
        summary: 'Possible existing matches of a household being registered; writes nothing',
        description:
          "Validates the body as POST /registrations does and answers, per member, the persons already registered who may be the same person, with the weight each field contributed. Matches outside the caller's scope are only counted (outOfScopeCount). Nothing is stored but the audit entries of the matched records shown.",
        tags: ['registrations'],
        body: RegistrationInput,
        response: { 200: IdentityMatches, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await siteInScope(principal, request.body.siteId);
      const members = request.body.household.members;
      return matchesOf(
        request,
        principal,
        members,
        members.map(() => null),
      );
    },
  );

  app.post(
    '/registrations',
    {
      schema: {
        summary: 'Register a household at a site',
        description:
          "Stores the household whole or not at all, and answers with each member's possible existing matches (as POST /registrations/preview). Resending with the same Idempotency-Key and body returns the original registration; a different body with that key is a 409.",
        tags: ['registrations'],
        headers: IdempotencyKeyHeader,
        body: RegistrationInput,
        response: { 201: RegistrationCreated, ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const key = request.headers['idempotency-key'];
      const hash = requestHash('registrations', request.body);
      const replay = async () => {
        const resourceId = await replayableResource(db, key, 'registrations', hash);
        if (!resourceId) {
          throw idempotencyConflict();
        }
        const original = await findRegistration(
          db,
          resourceId,
          scopeFilter(principal),
          readerAt(principal),
        );
        if (!original) {
          throw notFound();
        }
        const identityMatches = await matchesOf(
          request,
          principal,
          request.body.household.members,
          original.members.map(({ id }) => id),
        );
        return reply
          .code(201)
          .header('idempotent-replayed', 'true')
          .send({ ...original, identityMatches });
      };
      const site = await siteInScope(principal, request.body.siteId);
      const place = { siteId: site.id, countryCode: site.countryCode };
      const plan = planRegistration(request.body, new Date().toISOString(), principal.username);
      try {
        // The registration and its audit entry commit together or not at all.
        const { created } = await recordRegistrations(db, keyring, [plan], {
          actor: auditActor(request, principal),
          countryOfSite: () => site.countryCode,
          claim: { key, scope: 'registrations', requestHash: hash },
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
      // Looked up before the new members join the index, then indexed before answering: the
      // next registration, from any clerk, already finds them.
      const personIds = plan.members.map(({ id }) => id);
      const identityMatches = await matchesOf(
        request,
        principal,
        request.body.household.members,
        personIds,
      ).finally(() => {
        personIndex.add(
          request.body.household.members.map((member, position) =>
            personRecordOf(member, personIds[position] ?? ''),
          ),
        );
      });
      return reply
        .code(201)
        .header('location', `/api/v1/registrations/${plan.registrationId}`)
        .send({
          ...registrationView(plan, site, readerAt(principal)(place).reads),
          identityMatches,
        });
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
      const principal = principalOf(request);
      const page = await listRegistrations(
        db,
        keyring,
        scopeFilter(principal),
        request.query,
        after,
      );
      // Which records were shown, not what was searched for: the terms are personal data.
      await appendAudit(
        db,
        [...idsByCountry(page.items)].map(([country, ids]) => ({
          ...auditActor(request, principal),
          chain: country,
          action: 'registration.list',
          resourceType: 'registration',
          resourceId: null,
          detail: { registrationIds: ids, filters: Object.keys(request.query).sort() },
        })),
      );
      return page;
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
    async (request) => {
      const principal = principalOf(request);
      const registration = await findRegistration(
        db,
        request.params.id,
        scopeFilter(principal),
        readerAt(principal),
      );
      if (!registration) {
        throw notFound();
      }
      await appendAudit(db, [
        {
          ...auditActor(request, principal),
          chain: registration.site.countryCode,
          action: 'registration.read',
          resourceType: 'registration',
          resourceId: registration.id,
          detail: { householdId: registration.householdId },
        },
      ]);
      return registration;
    },
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
      const principal = principalOf(request);
      const { items: registrations } = await listRegistrations(
        db,
        keyring,
        scopeFilter(principal),
        {
          householdId: request.params.id,
          limit: 100,
        },
      );
      // Out of scope reads as absent: a 403 would confirm that the household exists.
      const places = registrations.map((r) => ({
        siteId: r.site.id,
        countryCode: r.site.countryCode,
      }));
      const reader: NeedReader = {
        keyring,
        reads: (sensitivity) => places.some((place) => canReadNeed(principal, sensitivity, place)),
      };
      const members = places.length
        ? (await findMembers(db, [request.params.id], reader)).get(request.params.id)
        : undefined;
      if (!members) {
        throw new HttpProblem(404, 'not-found', 'No such household');
      }
      const countries = [...new Set(places.map((place) => place.countryCode))];
      await appendAudit(
        db,
        countries.map((country) => ({
          ...auditActor(request, principal),
          chain: country,
          action: 'household.read',
          resourceType: 'household',
          resourceId: request.params.id,
          detail: { persons: members.map((member) => member.id) },
        })),
      );
      return { id: request.params.id, members, registrations };
    },
  );
};
