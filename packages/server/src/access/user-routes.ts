import {
  ApiToken,
  ApiTokenInput,
  CreatedApiToken,
  Problem,
  User,
  UserChange,
  UserInput,
} from '@haven/contract';
import { permissionsOf, type Principal } from '@haven/core';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, auditActor, SYSTEM_CHAIN } from '../audit/append.js';
import { queryRows, type Db } from '../db/open.js';
import { fieldProblem, HttpProblem } from '../http/problems.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { weakPasswordMessage } from './new-password.js';
import { forbidden, principalOf } from './authenticate.js';
import { changeUser, createUser, findUser, listUsers } from './users.js';

const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/**
 * An administrator hands out only what they hold: countries of their own scope and sites in
 * those countries. Scope can therefore never grow past the first administrator's.
 */
/** A new password that is common or holds the user name is refused, naming the field. */
function refuseWeakPassword(password: string | undefined, username: string): void {
  const message = password === undefined ? undefined : weakPasswordMessage(password, username);
  if (message) {
    throw fieldProblem('password', 'body', message);
  }
}

async function checkGrantable(
  db: Db,
  admin: Principal,
  countries: readonly string[] | undefined,
  siteIds: readonly string[] | undefined,
): Promise<void> {
  const foreign = (countries ?? []).find((country) => !admin.countries.includes(country));
  if (foreign) {
    throw forbidden(`countries: ${foreign} is outside your scope`);
  }
  if (siteIds && siteIds.length > 0) {
    const rows = await queryRows<{ id: string; country_code: string }>(
      db,
      sql`SELECT id, country_code FROM sites WHERE id = ANY(${sql.param(siteIds)}::uuid[])`,
    );
    const known = new Map(rows.map((row) => [row.id, row.country_code]));
    const wrong = siteIds.find((id) => !admin.countries.includes(known.get(id) ?? ''));
    if (wrong) {
      throw forbidden(`siteIds: ${wrong} is unknown or outside your scope`);
    }
  }
}

export const userRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/users',
    {
      schema: {
        summary: 'Staff accounts',
        tags: ['users'],
        response: { 200: z.array(User), ...problems },
      },
    },
    async () => listUsers(db),
  );

  app.post(
    '/users',
    {
      schema: {
        summary: 'Create a staff account',
        tags: ['users'],
        body: UserInput,
        response: { 201: User, ...problems },
      },
    },
    async (request, reply) => {
      const admin = principalOf(request);
      refuseWeakPassword(request.body.password, request.body.username);
      await checkGrantable(db, admin, request.body.countries, request.body.siteIds);
      const user = await db.transaction(async (tx) => {
        const created = await createUser(tx, request.body);
        if (created) {
          await appendAudit(tx, [
            {
              ...auditActor(request, admin),
              chain: SYSTEM_CHAIN,
              action: 'user.create',
              resourceType: 'user',
              resourceId: created.id,
              detail: {
                role: created.role,
                countries: created.countries,
                siteIds: created.siteIds,
              },
            },
          ]);
        }
        return created;
      });
      if (!user) {
        throw new HttpProblem(409, 'username-taken', 'This user name is taken', [
          { field: 'username', in: 'body', message: 'Already taken' },
        ]);
      }
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        summary:
          "Change a staff account; a change of role, scope or password ends the user's sessions and tokens",
        tags: ['users'],
        params: IdParams,
        body: UserChange,
        response: { 200: User, ...problems },
      },
    },
    async (request) => {
      const admin = principalOf(request);
      const change = request.body;
      const widensSelf =
        request.params.id === admin.userId &&
        (change.role !== undefined ||
          change.countries !== undefined ||
          change.siteIds !== undefined);
      if (widensSelf) {
        throw forbidden('Nobody changes their own role or scope; ask another administrator');
      }
      await checkGrantable(db, admin, change.countries, change.siteIds);
      const target = await findUser(db, request.params.id);
      // An administrator manages the users of their countries only.
      if (!target || !target.countries.every((country) => admin.countries.includes(country))) {
        throw new HttpProblem(404, 'not-found', 'No such user');
      }
      refuseWeakPassword(change.password, target.username);
      return db.transaction(async (tx) => {
        const user = await changeUser(tx, request.params.id, change);
        if (!user) {
          throw new HttpProblem(404, 'not-found', 'No such user');
        }
        await appendAudit(tx, [
          {
            ...auditActor(request, admin),
            chain: SYSTEM_CHAIN,
            action: 'user.change',
            resourceType: 'user',
            resourceId: user.id,
            // Which fields changed, never the password itself.
            detail: { fields: Object.keys(change).sort(), role: user.role },
          },
        ]);
        return user;
      });
    },
  );

  app.get(
    '/tokens',
    {
      schema: {
        summary: 'Your API tokens',
        tags: ['tokens'],
        response: { 200: z.array(ApiToken), ...problems },
      },
    },
    async (request) => listApiTokens(db, principalOf(request).userId),
  );

  app.post(
    '/tokens',
    {
      schema: {
        summary: 'Create an API token for an integration',
        description: 'The token acts as you, narrowed to the permissions given; it is shown once.',
        tags: ['tokens'],
        body: ApiTokenInput,
        response: { 201: CreatedApiToken, ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const held = permissionsOf(principal);
      const extra = request.body.permissions.find((permission) => !held.includes(permission));
      if (extra) {
        throw fieldProblem('permissions', 'body', `Your role does not hold ${extra}`);
      }
      const token = await db.transaction(async (tx) => {
        const created = await createApiToken(tx, principal.userId, request.body);
        await appendAudit(tx, [
          {
            ...auditActor(request, principal),
            chain: SYSTEM_CHAIN,
            action: 'token.create',
            resourceType: 'api-token',
            resourceId: created.id,
            detail: { permissions: created.permissions },
          },
        ]);
        return created;
      });
      return reply.code(201).send(token);
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        summary: 'Revoke one of your API tokens',
        tags: ['tokens'],
        params: IdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const revoked = await db.transaction(async (tx) => {
        const done = await revokeApiToken(tx, principal.userId, request.params.id);
        if (done) {
          await appendAudit(tx, [
            {
              ...auditActor(request, principal),
              chain: SYSTEM_CHAIN,
              action: 'token.revoke',
              resourceType: 'api-token',
              resourceId: request.params.id,
            },
          ]);
        }
        return done;
      });
      if (!revoked) {
        throw new HttpProblem(404, 'not-found', 'No such token');
      }
      return reply.code(204).send(null);
    },
  );
};
