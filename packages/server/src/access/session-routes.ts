import { permissionsOf } from '@haven/core';
import { LoginInput, Problem, Session } from '@haven/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, auditActor, SYSTEM_CHAIN } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import { SESSION_COOKIE, unauthenticated } from './authenticate.js';
import { clearFailures, lockedForMs, recordFailure } from './login-throttle.js';
import { verifyPassword } from './passwords.js';
import {
  createSession,
  endSession,
  findSession,
  secondFactorOf,
  SESSION_ABSOLUTE_MS,
  type ActiveSession,
} from './sessions.js';
import { findUserByName, userView } from './users.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 429: Problem };

export const noCookieSession = () =>
  new HttpProblem(400, 'no-cookie-session', 'API tokens have no session');
/** Per address, on top of the per-name lockout: slows password spraying across many names. */
const LOGIN_RATE = { max: 20, timeWindow: '1 minute' };

/** What the session routes need to know of the deployment. */
export interface SessionRouteOptions {
  readonly db: Db;
  /** Roles that read people must pass a second factor (issue 7); off in demo mode. */
  readonly requireMfa: boolean;
}

/** The answer of the session endpoints: who, what they may do, and their CSRF token. */
export function sessionView(
  session: ActiveSession,
  tokens: { readonly csrfToken: string; readonly expiresAt: string },
  requireMfa: boolean,
): Session {
  return {
    user: userView(session.user),
    permissions: [...permissionsOf(session.principal)],
    secondFactor: secondFactorOf(session, requireMfa),
    secondFactorMethods: [...session.secondFactorMethods],
    csrfToken: tokens.csrfToken,
    expiresAt: tokens.expiresAt,
  };
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    // Secure whenever the client reached Haven over TLS (directly or, with trustProxy, via a proxy).
    secure: request.protocol === 'https',
    path: '/',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export const sessionRoutes: FastifyPluginAsyncZod<SessionRouteOptions> = async (
  app,
  { db, requireMfa },
) => {
  app.post(
    '/session',
    {
      config: { rateLimit: LOGIN_RATE },
      schema: {
        summary: 'Sign in',
        description:
          'Sets an HttpOnly session cookie and returns the CSRF token to send as X-CSRF-Token with every unsafe request. Five failures in a row lock the name for 15 minutes. When secondFactor is enrol or verify, the session may only finish the second factor (/session/mfa/…) or sign out until then.',
        tags: ['session'],
        body: LoginInput,
        response: { 200: Session, ...problems },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const lockedMs = await lockedForMs(db, username);
      if (lockedMs > 0) {
        reply.header('retry-after', String(Math.ceil(lockedMs / 1000)));
        throw new HttpProblem(429, 'locked', 'Too many failed sign-ins; try again later');
      }
      const user = await findUserByName(db, username);
      const matches = await verifyPassword(user?.password_hash, password);
      if (!user || !matches || user.disabled_at !== null) {
        await recordFailure(db, username);
        await appendAudit(db, [
          {
            ...auditActor(request, undefined),
            actor: username,
            chain: SYSTEM_CHAIN,
            action: 'session.sign-in-failed',
            resourceType: 'user',
            resourceId: user?.id ?? null,
          },
        ]);
        throw new HttpProblem(401, 'invalid-credentials', 'Wrong user name or password');
      }
      await clearFailures(db, username);
      // A new token at every sign-in, and the old one ended: no session fixation.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) {
        await endSession(db, previous);
      }
      const session = await createSession(db, user.id);
      const active = await findSession(db, session.token);
      if (!active) {
        throw unauthenticated();
      }
      await appendAudit(db, [
        {
          ...auditActor(request, active.principal),
          chain: SYSTEM_CHAIN,
          action: 'session.sign-in',
          resourceType: 'user',
          resourceId: user.id,
        },
      ]);
      setSessionCookie(request, reply, session.token);
      return sessionView(active, session, requireMfa);
    },
  );

  app.get(
    '/session',
    {
      schema: {
        summary: 'The signed-in user, their permissions and the CSRF token',
        tags: ['session'],
        response: { 200: Session, ...problems },
      },
    },
    async (request) => {
      const cookie = request.cookieSession;
      const session = cookie && (await findSession(db, cookie.token));
      if (!cookie || !session) {
        throw noCookieSession();
      }
      return sessionView(session, cookie, requireMfa);
    },
  );

  app.delete(
    '/session',
    {
      schema: {
        summary: 'Sign out',
        tags: ['session'],
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      if (request.cookieSession) {
        await endSession(db, request.cookieSession.token);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};
