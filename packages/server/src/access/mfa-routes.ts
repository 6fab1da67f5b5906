import type { Principal } from '@haven/core';
import {
  MfaConfirmation,
  MfaEnrolled,
  MfaEnrolment,
  MfaVerification,
  Problem,
  Session,
} from '@haven/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, auditActor, SYSTEM_CHAIN } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import type { Keyring } from '../protection/keyring.js';
import { forbidden, principalOf } from './authenticate.js';
import {
  acceptStep,
  findMfa,
  removeMfa,
  replaceRecoveryCodes,
  startEnrolment,
  useRecoveryCode,
} from './mfa-queries.js';
import {
  answerUpgraded,
  cookieOf,
  passSecondFactor,
  recordSecondFactorFailure,
  refuseWhileLocked,
} from './second-factor-session.js';
import { endUserSessions, type NewSession } from './sessions.js';
import { matchingStep, newTotpSecret, totpUri } from './totp.js';
import { findUser } from './users.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  429: Problem,
};
/** Per address, like sign-in: the per-name lockout below is what stops guessing codes. */
const CODE_RATE = { max: 20, timeWindow: '1 minute' };
const IdParams = z.strictObject({ id: z.uuid({ message: 'Must be a UUID' }) });

type CodeField = 'code' | 'recoveryCode';

const wrongCode = (field: CodeField) =>
  new HttpProblem(400, 'wrong-code', 'The code is not right', [
    {
      field,
      in: 'body',
      message:
        field === 'code'
          ? 'Wrong, expired or already used'
          : 'Unknown or already used recovery code',
    },
  ]);

export interface MfaRouteOptions {
  readonly db: Db;
  readonly keyring: Keyring;
  readonly requireMfa: boolean;
}

/**
 * The second factor (issue 7, OWASP ASVS 2.8): TOTP enrolment confirmed by a first code, with
 * ten recovery codes; verification after a password sign-in; an administrator's reset.
 */
export const mfaRoutes: FastifyPluginAsyncZod<MfaRouteOptions> = async (
  app,
  { db, keyring, requireMfa },
) => {
  const refuseCode = async (request: FastifyRequest, field: CodeField): Promise<never> => {
    await recordSecondFactorFailure(db, request, field === 'code' ? 'totp' : 'recovery-code');
    throw wrongCode(field);
  };

  const answer = (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    upgraded: NewSession,
  ) => answerUpgraded(db, requireMfa, request, reply, principal, upgraded);

  app.post(
    '/session/mfa/enrolment',
    {
      schema: {
        summary: 'Start setting up an authenticator app',
        description:
          'Returns a new TOTP secret and its otpauth:// URI (for a QR code); it is used once confirmed with a first code. Starting again replaces an unconfirmed secret.',
        tags: ['session'],
        response: { 200: MfaEnrolment, ...problems },
      },
    },
    async (request) => {
      const { principal } = cookieOf(request);
      // A security key is set up: only a session that passed it may add an app (else a
      // password alone would be enough to add a factor of one's own).
      if (request.cookieSession?.secondFactor === 'verify') {
        throw new HttpProblem(
          409,
          'mfa-enrolled',
          'A second factor is set up already; pass it first, then add an authenticator app',
        );
      }
      const secret = newTotpSecret();
      if (!(await startEnrolment(db, keyring, principal.userId, secret))) {
        throw new HttpProblem(
          409,
          'mfa-enrolled',
          'An authenticator is set up already; an administrator can reset it',
        );
      }
      return { secret, uri: totpUri(secret, principal.username) };
    },
  );

  app.post(
    '/session/mfa/enrolment/confirmation',
    {
      config: { rateLimit: CODE_RATE },
      schema: {
        summary: 'Confirm the authenticator with its first code',
        description:
          'Passes the second factor for this session (a new session cookie and CSRF token) and returns ten recovery codes, shown this once.',
        tags: ['session'],
        body: MfaConfirmation,
        response: { 200: MfaEnrolled, ...problems },
      },
    },
    async (request, reply) => {
      const { token, principal } = cookieOf(request);
      await refuseWhileLocked(db, principal, reply);
      const mfa = await findMfa(db, keyring, principal.userId);
      if (!mfa || mfa.isConfirmed) {
        throw new HttpProblem(409, 'no-enrolment', 'Start setting up an authenticator first');
      }
      const step = matchingStep(mfa.secret, request.body.code, Date.now());
      const enrolled =
        step === undefined
          ? undefined
          : await db.transaction(async (tx) => {
              if (!(await acceptStep(tx, mfa, principal.userId, step))) {
                return undefined;
              }
              const recoveryCodes = await replaceRecoveryCodes(tx, principal.userId);
              const upgraded = await passSecondFactor(tx, request, token, {
                action: 'mfa.enrol',
                detail: { method: 'totp', recoveryCodes: recoveryCodes.length },
              });
              return { recoveryCodes, upgraded };
            });
      if (!enrolled) {
        return refuseCode(request, 'code');
      }
      return {
        recoveryCodes: enrolled.recoveryCodes,
        session: await answer(request, reply, principal, enrolled.upgraded),
      };
    },
  );

  app.post(
    '/session/mfa/verification',
    {
      config: { rateLimit: CODE_RATE },
      schema: {
        summary: 'Pass the second factor with a code or a recovery code',
        description:
          'A code of the authenticator app (each accepted once) or one of the recovery codes (each usable once). Gives a new session cookie and CSRF token. Wrong codes count toward the same lockout as wrong passwords.',
        tags: ['session'],
        body: MfaVerification,
        response: { 200: Session, ...problems },
      },
    },
    async (request, reply) => {
      const { token, principal } = cookieOf(request);
      await refuseWhileLocked(db, principal, reply);
      const mfa = await findMfa(db, keyring, principal.userId);
      if (!mfa?.isConfirmed) {
        throw new HttpProblem(409, 'mfa-not-enrolled', 'Set up an authenticator app first');
      }
      const { code, recoveryCode } = request.body;
      const step = code === undefined ? undefined : matchingStep(mfa.secret, code, Date.now());
      const upgraded = await db.transaction(async (tx) => {
        let remaining: number | undefined;
        if (recoveryCode !== undefined) {
          remaining = await useRecoveryCode(tx, principal.userId, recoveryCode);
          if (remaining === undefined) {
            return undefined;
          }
        } else if (step === undefined || !(await acceptStep(tx, mfa, principal.userId, step))) {
          return undefined;
        }
        return passSecondFactor(tx, request, token, {
          action: remaining === undefined ? 'mfa.verify' : 'mfa.recovery-code-used',
          detail: remaining === undefined ? { method: 'totp' } : { recoveryCodesLeft: remaining },
        });
      });
      if (!upgraded) {
        return refuseCode(request, recoveryCode === undefined ? 'code' : 'recoveryCode');
      }
      return answer(request, reply, principal, upgraded);
    },
  );

  app.delete(
    '/users/:id/mfa',
    {
      schema: {
        summary: "Reset a user's second factor",
        description:
          'For a lost phone: removes the authenticator and recovery codes and ends the user’s sessions; the user sets up a new one at the next sign-in.',
        tags: ['users'],
        params: IdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const admin = principalOf(request);
      if (request.params.id === admin.userId) {
        throw forbidden('Nobody resets their own second factor; ask another administrator');
      }
      const target = await findUser(db, request.params.id);
      // An administrator manages the users of their countries only.
      if (!target || !target.countries.every((country) => admin.countries.includes(country))) {
        throw new HttpProblem(404, 'not-found', 'No such user');
      }
      await db.transaction(async (tx) => {
        const hadSecondFactor = await removeMfa(tx, target.id);
        await endUserSessions(tx, target.id);
        await appendAudit(tx, [
          {
            ...auditActor(request, admin),
            chain: SYSTEM_CHAIN,
            action: 'mfa.reset',
            resourceType: 'user',
            resourceId: target.id,
            detail: { hadSecondFactor },
          },
        ]);
      });
      return reply.code(204).send(null);
    },
  );
};
