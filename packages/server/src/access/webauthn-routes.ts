import { isIP } from 'node:net';
import {
  Problem,
  SecurityKey,
  SecurityKeyEnrolled,
  Session,
  WebAuthnAuthentication,
  WebAuthnOptions,
  WebAuthnRegistration,
} from '@haven/contract';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticatorTransport,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, auditActor, SYSTEM_CHAIN } from '../audit/append.js';
import type { Db } from '../db/open.js';
import { HttpProblem } from '../http/problems.js';
import { principalOf } from './authenticate.js';
import { replaceRecoveryCodes } from './mfa-queries.js';
import {
  answerUpgraded,
  cookieOf,
  passSecondFactor,
  recordSecondFactorFailure,
  refuseWhileLocked,
} from './second-factor-session.js';
import {
  addCredential,
  listSecurityKeys,
  listUserCredentials,
  recordCredentialUse,
  removeCredential,
  saveChallenge,
  takeChallenge,
} from './webauthn-queries.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  429: Problem,
};
const KEY_RATE = { max: 20, timeWindow: '1 minute' };
const KeyParams = z.strictObject({ id: z.string().min(1).max(1024) });

const transportsOf = (names: readonly string[]) => names as AuthenticatorTransport[];

/**
 * The relying party is the address the browser used: WebAuthn binds each key to a domain, and
 * the key then works only there (phishing-resistant). Browsers refuse IP addresses as a
 * relying party, so a Haven reached as https://10.0.0.5 cannot use keys; the answer says so.
 */
function relyingPartyOf(request: FastifyRequest): { id: string; origin: string } {
  const id = request.hostname.replace(/^\[|\]$/g, '');
  if (isIP(id) !== 0) {
    throw new HttpProblem(
      409,
      'security-keys-unavailable',
      'Security keys need Haven to be opened by its name (for example localhost), not by an IP address',
    );
  }
  return { id, origin: `${request.protocol}://${request.host}` };
}

const failedKey = (field: string) =>
  new HttpProblem(400, 'security-key-refused', 'The security key was not accepted', [
    { field, in: 'body', message: 'Not accepted: try again, or use another key or a code' },
  ]);

export interface WebAuthnRouteOptions {
  readonly db: Db;
  readonly requireMfa: boolean;
}

/**
 * Security keys and passkeys as a second factor (issue 7 item 1, WebAuthn Level 2): set one up
 * as the first factor or besides an authenticator app, pass the second factor with it, list and
 * remove one's keys. The browser does the ceremony; @simplewebauthn/server checks the answers.
 */
export const webauthnRoutes: FastifyPluginAsyncZod<WebAuthnRouteOptions> = async (
  app,
  { db, requireMfa },
) => {
  const refuseKey = async (request: FastifyRequest, field: string): Promise<never> => {
    await recordSecondFactorFailure(db, request, 'security-key');
    throw failedKey(field);
  };

  app.post(
    '/session/security-keys/registration-options',
    {
      schema: {
        summary: 'Start setting up a security key or passkey',
        description:
          'Options for navigator.credentials.create(). Allowed as the first second factor, or after passing the second factor to add another.',
        tags: ['session'],
        response: { 200: WebAuthnOptions, ...problems },
      },
    },
    async (request) => {
      const { token, principal } = cookieOf(request);
      if (request.cookieSession?.secondFactor === 'verify') {
        throw new HttpProblem(
          409,
          'mfa-enrolled',
          'A second factor is set up already; pass it first, then add a key',
        );
      }
      const rp = relyingPartyOf(request);
      const existing = await listUserCredentials(db, principal.userId);
      const options = await generateRegistrationOptions({
        rpName: 'Haven',
        rpID: rp.id,
        userName: principal.username,
        userID: isoBase64URL.toBuffer(isoBase64URL.fromUTF8String(principal.userId)),
        attestationType: 'none',
        excludeCredentials: existing.map((key) => ({
          id: key.id,
          transports: transportsOf(key.transports),
        })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await saveChallenge(db, token, 'registration', options.challenge);
      return { ...options };
    },
  );

  app.post(
    '/session/security-keys',
    {
      config: { rateLimit: KEY_RATE },
      schema: {
        summary: 'Finish setting up a security key',
        description:
          'Verifies the key’s answer to the registration options. As the first second factor it passes the second factor for this session (a new cookie and CSRF token) and returns ten recovery codes, shown this once.',
        tags: ['session'],
        body: WebAuthnRegistration,
        response: { 200: SecurityKeyEnrolled, ...problems },
      },
    },
    async (request, reply) => {
      const { token, principal } = cookieOf(request);
      await refuseWhileLocked(db, principal, reply);
      const status = request.cookieSession?.secondFactor;
      if (status === 'verify') {
        throw new HttpProblem(409, 'mfa-enrolled', 'Pass the second factor first');
      }
      const rp = relyingPartyOf(request);
      const challenge = await takeChallenge(db, token, 'registration');
      if (challenge === undefined) {
        throw new HttpProblem(409, 'no-challenge', 'Start setting up the key again');
      }
      const verification = await verifyRegistrationResponse({
        response: request.body.credential,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        requireUserVerification: false,
      }).catch(() => undefined);
      if (!verification?.verified) {
        return refuseKey(request, 'credential');
      }
      const { credential } = verification.registrationInfo;
      const isFirstFactor = status === 'enrol' || status === 'not-required';
      const enrolled = await db.transaction(async (tx) => {
        const added = await addCredential(tx, principal.userId, {
          id: credential.id,
          publicKey: isoBase64URL.fromBuffer(credential.publicKey),
          signCount: credential.counter,
          transports: credential.transports ?? request.body.credential.response.transports ?? [],
          name: request.body.name,
        });
        if (!added) {
          throw new HttpProblem(409, 'key-registered', 'This key is set up already', [
            { field: 'credential', in: 'body', message: 'This key is set up already' },
          ]);
        }
        // A second factor passed before keeps its recovery codes; a first one gets new ones.
        const recoveryCodes =
          status === 'passed' ? [] : await replaceRecoveryCodes(tx, principal.userId);
        const upgraded = await passSecondFactor(tx, request, token, {
          action: 'mfa.enrol',
          detail: {
            method: 'security-key',
            firstFactor: isFirstFactor,
            recoveryCodes: recoveryCodes.length,
          },
        });
        return { recoveryCodes, upgraded };
      });
      return {
        recoveryCodes: enrolled.recoveryCodes,
        session: await answerUpgraded(db, requireMfa, request, reply, principal, enrolled.upgraded),
      };
    },
  );

  app.post(
    '/session/security-keys/authentication-options',
    {
      schema: {
        summary: 'Start passing the second factor with a security key',
        description: 'Options for navigator.credentials.get(), naming the user’s keys.',
        tags: ['session'],
        response: { 200: WebAuthnOptions, ...problems },
      },
    },
    async (request) => {
      const { token, principal } = cookieOf(request);
      const rp = relyingPartyOf(request);
      const keys = await listUserCredentials(db, principal.userId);
      if (keys.length === 0) {
        throw new HttpProblem(409, 'no-security-key', 'No security key is set up');
      }
      const options = await generateAuthenticationOptions({
        rpID: rp.id,
        allowCredentials: keys.map((key) => ({
          id: key.id,
          transports: transportsOf(key.transports),
        })),
        userVerification: 'preferred',
      });
      await saveChallenge(db, token, 'authentication', options.challenge);
      return { ...options };
    },
  );

  app.post(
    '/session/security-keys/authentication',
    {
      config: { rateLimit: KEY_RATE },
      schema: {
        summary: 'Pass the second factor with a security key',
        description:
          'Verifies the key’s signature of the challenge. Gives a new session cookie and CSRF token. Failures count toward the same lockout as wrong passwords.',
        tags: ['session'],
        body: WebAuthnAuthentication,
        response: { 200: Session, ...problems },
      },
    },
    async (request, reply) => {
      const { token, principal } = cookieOf(request);
      await refuseWhileLocked(db, principal, reply);
      const rp = relyingPartyOf(request);
      const challenge = await takeChallenge(db, token, 'authentication');
      if (challenge === undefined) {
        throw new HttpProblem(409, 'no-challenge', 'Ask for the key again');
      }
      const answer = request.body.credential;
      const key = (await listUserCredentials(db, principal.userId)).find(
        (candidate) => candidate.id === answer.id,
      );
      if (!key) {
        return refuseKey(request, 'credential');
      }
      const verification = await verifyAuthenticationResponse({
        response: answer,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        credential: {
          id: key.id,
          publicKey: isoBase64URL.toBuffer(key.publicKey),
          counter: key.signCount,
          transports: transportsOf(key.transports),
        },
        requireUserVerification: false,
      }).catch(() => undefined);
      if (!verification?.verified) {
        return refuseKey(request, 'credential');
      }
      const upgraded = await db.transaction(async (tx) => {
        if (!(await recordCredentialUse(tx, key, verification.authenticationInfo.newCounter))) {
          return undefined;
        }
        return passSecondFactor(tx, request, token, {
          action: 'mfa.verify',
          detail: { method: 'security-key' },
        });
      });
      if (!upgraded) {
        return refuseKey(request, 'credential');
      }
      return answerUpgraded(db, requireMfa, request, reply, principal, upgraded);
    },
  );

  app.get(
    '/session/security-keys',
    {
      schema: {
        summary: 'My security keys',
        tags: ['session'],
        response: { 200: z.object({ items: z.array(SecurityKey) }), ...problems },
      },
    },
    async (request) => {
      const rows = await listSecurityKeys(db, principalOf(request).userId);
      return {
        items: rows.map((row) => ({
          id: row.id,
          name: row.name,
          createdAt: new Date(row.created_at).toISOString(),
          lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
        })),
      };
    },
  );

  app.delete(
    '/session/security-keys/:id',
    {
      schema: {
        summary: 'Remove one of my security keys',
        description: 'A lost key: removing it means it can no longer pass the second factor.',
        tags: ['session'],
        params: KeyParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await db.transaction(async (tx) => {
        if (!(await removeCredential(tx, principal.userId, request.params.id))) {
          throw new HttpProblem(404, 'not-found', 'No such key');
        }
        await appendAudit(tx, [
          {
            ...auditActor(request, principal),
            chain: SYSTEM_CHAIN,
            action: 'mfa.key-removed',
            resourceType: 'user',
            resourceId: principal.userId,
          },
        ]);
      });
      return reply.code(204).send(null);
    },
  );
};
