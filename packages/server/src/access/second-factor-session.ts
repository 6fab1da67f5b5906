import type { Principal } from '@haven/core';
import type { Session } from '@haven/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit, auditActor, SYSTEM_CHAIN } from '../audit/append.js';
import type { AuditValue } from '../audit/chain.js';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import { principalOf, unauthenticated } from './authenticate.js';
import { clearFailures, lockedForMs, recordFailure } from './login-throttle.js';
import { noCookieSession, sessionView, setSessionCookie } from './session-routes.js';
import { findSession, upgradeSession, type NewSession } from './sessions.js';

/**
 * What the second-factor routes (authenticator app and security key) share: the cookie session
 * they upgrade, the lockout wrong answers count toward, and the upgraded session's answer.
 */

/** The cookie session and its user; API tokens have no second factor to pass. */
export function cookieOf(request: FastifyRequest): { token: string; principal: Principal } {
  const cookie = request.cookieSession;
  if (!cookie) {
    throw noCookieSession();
  }
  return { token: cookie.token, principal: principalOf(request) };
}

/** Wrong codes and failed keys count toward the same lockout as wrong passwords (ASVS 2.2.1). */
export async function refuseWhileLocked(
  db: Db,
  principal: Principal,
  reply: FastifyReply,
): Promise<void> {
  const lockedMs = await lockedForMs(db, principal.username);
  if (lockedMs > 0) {
    reply.header('retry-after', String(Math.ceil(lockedMs / 1000)));
    throw new HttpProblem(429, 'locked', 'Too many failed attempts; try again later');
  }
}

/** The upgraded session as answered: the new cookie set, the new CSRF token returned. */
export async function answerUpgraded(
  db: Db,
  requireMfa: boolean,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
  upgraded: NewSession,
): Promise<Session> {
  await clearFailures(db, principal.username);
  const active = await findSession(db, upgraded.token);
  if (!active) {
    throw unauthenticated();
  }
  setSessionCookie(request, reply, upgraded.token);
  return sessionView(active, upgraded, requireMfa);
}

/** Which second factor a step used, as the audit records it. */
export type SecondFactorAuditMethod = 'totp' | 'recovery-code' | 'security-key';

/**
 * Passes the second factor inside `tx`: the password-only session is replaced by an upgraded one
 * (a new token) and the step is audited in the same transaction. Throws 401 when the session
 * ended meanwhile.
 */
export async function passSecondFactor(
  tx: Db,
  request: FastifyRequest,
  token: string,
  step: { readonly action: string; readonly detail: Readonly<Record<string, AuditValue>> },
): Promise<NewSession> {
  const principal = principalOf(request);
  const upgraded = await upgradeSession(tx, token);
  if (!upgraded) {
    throw unauthenticated();
  }
  await appendAudit(tx, [
    {
      ...auditActor(request, principal),
      chain: SYSTEM_CHAIN,
      action: step.action,
      resourceType: 'user',
      resourceId: principal.userId,
      detail: step.detail,
    },
  ]);
  return upgraded;
}

/** A wrong code or refused key: counted toward the lockout and audited (never the code). */
export async function recordSecondFactorFailure(
  db: Db,
  request: FastifyRequest,
  method: SecondFactorAuditMethod,
): Promise<void> {
  const principal = principalOf(request);
  await recordFailure(db, principal.username);
  await appendAudit(db, [
    {
      ...auditActor(request, principal),
      chain: SYSTEM_CHAIN,
      action: 'mfa.verify-failed',
      resourceType: 'user',
      resourceId: principal.userId,
      detail: { method },
    },
  ]);
}
