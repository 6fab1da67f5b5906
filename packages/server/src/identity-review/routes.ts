/**
 * The identity review queue (#3 item 6). A pair is shown only to a reviewer who has both persons
 * in scope: a decision binds both records, so a pair spanning two countries (one registration in
 * Poland, one in Germany) waits for a caseworker holding both countries. Decisions are final: the
 * same decision again is answered as it stands (idempotent), a different one is a 409.
 */
import {
  IdentityReviewDecisionInput,
  IdentityReviewPage,
  IdentityReviewPair,
  IdentityReviewQuery,
  Problem,
} from '@haven/contract';
import {
  countriesInScope,
  REVIEW_REASONS,
  scopeFilter,
  seesPersonDetailsIn,
  type Principal,
  type ReviewReason,
} from '@haven/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../access/authenticate.js';
import { appendAudit, auditActor, SYSTEM_CHAIN, type AuditEntry } from '../audit/append.js';
import type { Db } from '../db/open.js';
import type { Keyring } from '../protection/keyring.js';
import { HttpProblem, fieldProblem } from '../http/problems.js';
import {
  decideReviewPair,
  findReviewPair,
  countPairsAcrossScope,
  listPendingPairs,
  type QueueCursor,
  type ReviewPairRecord,
} from './queries.js';

const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const notFound = () => new HttpProblem(404, 'not-found', 'No such review pair');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.queuedBecause, cursor.matchProbability, cursor.id]),
  ).toString('base64url');
}

const isReviewReason = (value: unknown): value is ReviewReason =>
  REVIEW_REASONS.some((reason) => reason === value);

function decodeCursor(text: string): QueueCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3) {
      const [queuedBecause, matchProbability, id] = value as unknown[];
      if (
        isReviewReason(queuedBecause) &&
        typeof matchProbability === 'number' &&
        typeof id === 'string' &&
        UUID.test(id)
      ) {
        return { queuedBecause, matchProbability, id };
      }
    }
  } catch {
    // fall through: the caller reports a malformed cursor
  }
  return undefined;
}

/** The pair as the API shows it. */
function pairView(pair: ReviewPairRecord): IdentityReviewPair {
  return {
    id: pair.id,
    matchWeight: pair.matchWeight,
    matchProbability: pair.matchProbability,
    queuedBecause: pair.queuedBecause,
    queuedAt: pair.queuedAt,
    persons: pair.persons,
    comparison: pair.contributions.map(({ field, level, weight, isTermFrequencyAdjusted }) => ({
      field,
      level,
      weight,
      isTermFrequencyAdjusted,
    })),
    decision: pair.decision,
  };
}

/** One entry per country chain the pair's persons belong to. */
function auditEntries(
  request: FastifyRequest,
  principal: Principal,
  pair: ReviewPairRecord,
  action: string,
  detail: AuditEntry['detail'],
): AuditEntry[] {
  const countries = new Set(
    pair.persons.map((person) => person.registration?.countryCode ?? SYSTEM_CHAIN),
  );
  return [...countries].sort().map((chain) => ({
    ...auditActor(request, principal),
    chain,
    action,
    resourceType: 'identity-review-pair',
    resourceId: pair.id,
    detail: { persons: pair.persons.map((person) => person.id), ...detail },
  }));
}

export const identityReviewRoutes: FastifyPluginAsyncZod<{ db: Db; keyring: Keyring }> = async (
  app,
  { db, keyring },
) => {
  app.get(
    '/identity-review/pairs',
    {
      schema: {
        summary:
          'Pending pairs of the identity review queue, by why they are asked, most likely one person first',
        description:
          'Only pairs whose two persons are both in your scope; a pair across two host countries needs both.',
        tags: ['identity-review'],
        querystring: IdentityReviewQuery,
        response: { 200: IdentityReviewPage, ...problems },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (cursor !== undefined && !after) {
        throw fieldProblem('cursor', 'query', 'Not a cursor returned by this API');
      }
      const principal = principalOf(request);
      const rows = await listPendingPairs(db, scopeFilter(principal), limit, after);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const byCountry = new Map<string, string[]>();
      for (const item of items) {
        for (const person of item.persons) {
          const chain = person.countryCode ?? SYSTEM_CHAIN;
          byCountry.set(chain, [...(byCountry.get(chain) ?? []), person.id]);
        }
      }
      await appendAudit(
        db,
        [...byCountry].map(([chain, persons]) => ({
          ...auditActor(request, principal),
          chain,
          action: 'identity-review.list',
          resourceType: 'person',
          resourceId: null,
          detail: { persons: [...new Set(persons)] },
        })),
      );
      // The cross-country rule (core): that a match exists in another country, and which.
      const reach = countriesInScope(principal);
      const elsewhere = new Map<string, number>();
      for (const group of await countPairsAcrossScope(db, scopeFilter(principal))) {
        for (const country of new Set(group.countries)) {
          if (country !== null && !seesPersonDetailsIn(reach, country)) {
            elsewhere.set(country, (elsewhere.get(country) ?? 0) + group.pairs);
          }
        }
      }
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
        awaitingOtherCountries: [...elsewhere]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([countryCode, pairs]) => ({ countryCode, pairs })),
      };
    },
  );

  app.get(
    '/identity-review/pairs/:id',
    {
      schema: {
        summary: 'One review pair: both records side by side and the weight of each field',
        tags: ['identity-review'],
        params: IdParams,
        response: { 200: IdentityReviewPair, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const pair = await findReviewPair(db, keyring, request.params.id, scopeFilter(principal));
      if (!pair) {
        throw notFound();
      }
      await appendAudit(db, auditEntries(request, principal, pair, 'identity-review.read', {}));
      return pairView(pair);
    },
  );

  app.post(
    '/identity-review/pairs/:id/decision',
    {
      schema: {
        summary: 'Decide whether the two records are one person',
        description:
          "'same-person' makes the pair a must-link, 'different-people' a cannot-link, for every later `haven identity dedup` run. Sending the decision that stands again answers 200 unchanged; a different decision on a decided pair is a 409.",
        tags: ['identity-review'],
        params: IdParams,
        body: IdentityReviewDecisionInput,
        response: { 200: IdentityReviewPair, ...problems },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const scope = scopeFilter(principal);
      const { decision } = request.body;
      const reason = request.body.reason ? request.body.reason : null;
      const pair = await findReviewPair(db, keyring, request.params.id, scope);
      if (!pair) {
        throw notFound();
      }
      if (!pair.decision) {
        await db.transaction(async (tx) => {
          const decided = await decideReviewPair(tx, pair.id, {
            decision,
            reason,
            userId: principal.userId,
            username: principal.username,
          });
          // The reason is free text and may name people: the audit keeps only that one was given.
          if (decided) {
            await appendAudit(
              tx,
              auditEntries(request, principal, pair, 'identity-review.decide', {
                decision,
                hasReason: reason !== null,
              }),
            );
          }
        });
      }
      const current = await findReviewPair(db, keyring, pair.id, scope);
      if (!current) {
        throw notFound();
      }
      if (current.decision && current.decision.decision !== decision) {
        throw new HttpProblem(
          409,
          'already-decided',
          'This pair has already been decided',
          undefined,
          `Decided as ${current.decision.decision} by ${current.decision.decidedBy} at ${current.decision.decidedAt}`,
        );
      }
      return pairView(current);
    },
  );
};
