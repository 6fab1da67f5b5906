import { can, isSecondFactorPending, type Principal, type SecondFactorStatus } from '@haven/core';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import { findTokenPrincipal } from './api-tokens.js';
import { BEFORE_SECOND_FACTOR, endpointKey, requirementOf } from './endpoint-policy.js';
import { findSession, secondFactorOf } from './sessions.js';

export const SESSION_COOKIE = 'haven_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; set for every route that is not public. */
    principal?: Principal;
    /** The cookie session's token and CSRF token, when signed in by cookie. */
    cookieSession?: {
      token: string;
      csrfToken: string;
      expiresAt: string;
      secondFactor: SecondFactorStatus;
    };
  }
}

export const unauthenticated = () => new HttpProblem(401, 'unauthenticated', 'Sign in first');
export const forbidden = (detail?: string) =>
  new HttpProblem(403, 'forbidden', 'Your role may not do this', undefined, detail);

/** The signed-in principal of a route that is not public. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw unauthenticated();
  }
  return request.principal;
}

export const secondFactorRequired = (status: SecondFactorStatus) =>
  new HttpProblem(
    403,
    'mfa-required',
    'Pass the second factor first',
    undefined,
    status === 'enrol'
      ? 'Set up an authenticator app: POST /session/mfa/enrolment'
      : 'Give the code of your authenticator app: POST /session/mfa/verification',
  );

async function identify(db: Db, request: FastifyRequest, requireMfa: boolean): Promise<void> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const [scheme, token] = authorization.split(' ');
    const principal =
      scheme?.toLowerCase() === 'bearer' && token ? await findTokenPrincipal(db, token) : undefined;
    if (!principal) {
      throw new HttpProblem(401, 'unauthenticated', 'The API token is unknown, expired or revoked');
    }
    request.principal = principal;
    return;
  }
  const token = request.cookies[SESSION_COOKIE];
  const session = token ? await findSession(db, token) : undefined;
  if (!token || !session) {
    throw unauthenticated();
  }
  request.principal = session.principal;
  request.cookieSession = {
    token,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    secondFactor: secondFactorOf(session, requireMfa),
  };
  // A cross-site page can make the browser send the cookie, never this header (OWASP CSRF sheet).
  if (UNSAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
    throw new HttpProblem(403, 'csrf', 'Missing or wrong X-CSRF-Token header');
  }
}

/** The two ways to sign in, as named in the OpenAPI document's securitySchemes (app.ts). */
const SIGNED_IN: Record<string, string[]>[] = [{ session: [] }, { apiToken: [] }];

/**
 * Guards every API route by the endpoint policy: refuses to register a route without an entry,
 * and on each request signs the caller in (cookie session or bearer token) and checks the
 * permission before the body is even parsed.
 */
export const accessControl = fp<{ db: Db; apiPrefix: string; requireMfa?: boolean }>(
  async (app: FastifyInstance, { db, apiPrefix, requireMfa = true }) => {
    await app.register(fastifyCookie);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (route.url.startsWith(apiPrefix) && !requirementOf(method, route.url)) {
          throw new Error(
            `${endpointKey(method, route.url)} has no entry in ENDPOINT_POLICY (access/endpoint-policy.ts)`,
          );
        }
      }
      // The OpenAPI document shows each operation's requirement, read from the same table.
      const requirement = route.url.startsWith(apiPrefix)
        ? requirementOf(methods[0] ?? 'GET', route.url)
        : undefined;
      if (requirement !== undefined && route.schema) {
        route.schema = {
          ...route.schema,
          security: requirement === 'public' ? [] : SIGNED_IN,
          ...(requirement === 'public' || requirement === 'signed-in'
            ? {}
            : { 'x-required-permission': requirement }),
        };
      }
    });
    app.addHook('onRequest', async (request: FastifyRequest) => {
      const url = request.routeOptions.url;
      if (url === undefined || !url.startsWith(apiPrefix)) {
        return;
      }
      const requirement = requirementOf(request.method, url);
      if (requirement === 'public') {
        return;
      }
      await identify(db, request, requireMfa);
      // Signed in by password alone: API tokens are exempt, made by a user who passed it.
      const secondFactor = request.cookieSession?.secondFactor;
      if (
        secondFactor !== undefined &&
        isSecondFactorPending(secondFactor) &&
        !BEFORE_SECOND_FACTOR.has(endpointKey(request.method, url))
      ) {
        throw secondFactorRequired(secondFactor);
      }
      if (
        requirement !== 'signed-in' &&
        (!requirement || !can(principalOf(request), requirement))
      ) {
        throw forbidden();
      }
    });
  },
);
