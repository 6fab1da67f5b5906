import { randomUUID } from 'node:crypto';
import type { Role } from '@haven/core';
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/open.js';
import {
  adopt,
  sendAs,
  signInBrowser,
  type CookieBrowser,
} from '../test-support/cookie-browser.js';
import { buildRegistration, startTestApi, type TestApi } from '../test-support/factories.js';
import { MAX_FAILURES } from './login-throttle.js';
import { RECOVERY_CODE_COUNT } from './mfa-queries.js';
import { createUser } from './users.js';

let api: TestApi;
let householdId: string;
const PASSWORD = 'tram lviv sunflower 42';
const STEP_MS = 30_000;

beforeAll(async () => {
  api = await startTestApi();
  const registered = await api.post('/api/v1/registrations', buildRegistration(api.siteId));
  householdId = registered.json<{ householdId: string }>().householdId;
});
afterAll(() => api.close());

async function newUser(target: TestApi, role: Role = 'registrar') {
  const username = `mfa.${randomUUID().slice(0, 8)}`;
  const user = await createUser(target.database.db, {
    username,
    displayName: 'Anna Nowak',
    password: PASSWORD,
    role,
    countries: ['PL'],
    siteIds: [target.siteId],
  });
  if (!user) {
    throw new Error('user name taken');
  }
  return { username, id: user.id };
}

type Browser = CookieBrowser;

const signIn = (username: string, target = api) => signInBrowser(target.app, username, PASSWORD);

const send = (
  browser: Browser,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  target = api,
) => sendAs(target.app, browser, method, url, body);

const codeAt = (secret: string, timestamp: number) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp });

/** Enrols the signed-in user with an authenticator; returns its secret and the recovery codes. */
async function enrol(browser: Browser) {
  const started = await send(browser, 'POST', '/api/v1/session/mfa/enrolment');
  expect(started.statusCode, started.body).toBe(200);
  const { secret, uri } = started.json<{ secret: string; uri: string }>();
  const confirmed = await send(browser, 'POST', '/api/v1/session/mfa/enrolment/confirmation', {
    code: codeAt(secret, Date.now()),
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  adopt(browser, confirmed);
  const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
  return { secret, uri, recoveryCodes, confirmed };
}

async function enrolledUser() {
  const user = await newUser(api);
  const { browser } = await signIn(user.username);
  return { ...user, ...(await enrol(browser)) };
}

const auditOf = (userId: string) =>
  queryRows<{ action: string; detail: Record<string, unknown> }>(
    api.database.db,
    sql`SELECT action, detail FROM audit_log WHERE resource_id = ${userId} ORDER BY seq`,
  );

const readHousehold = (browser: Browser, target = api) =>
  send(browser, 'GET', `/api/v1/households/${householdId}`, undefined, target);

describe('a session signed in by password alone', () => {
  it('cannot read a household until the second factor is passed (403 mfa-required)', async () => {
    const { username } = await newUser(api);
    const { browser, secondFactor } = await signIn(username);
    expect(secondFactor).toBe('enrol');

    const refused = await readHousehold(browser);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'mfa-required' });
    expect(refused.body).not.toContain('Шевченко');
    // It may still see itself and sign out.
    expect((await send(browser, 'GET', '/api/v1/session')).statusCode).toBe(200);
    // Nor can it create an API token to get around the second factor.
    const token = await send(browser, 'POST', '/api/v1/tokens', {
      name: 'around',
      permissions: ['persons:read'],
      expiresInDays: 1,
    });
    expect(token.json()).toMatchObject({ code: 'mfa-required' });
  });

  it('is not asked for a second factor when its role reads no person', async () => {
    const { username } = await newUser(api, 'analyst');
    expect((await signIn(username)).secondFactor).toBe('not-required');
  });
});

describe('enrolment', () => {
  it('gives an otpauth URI, seals the secret, and a first valid code upgrades the session', async () => {
    const { username, id } = await newUser(api);
    const { browser } = await signIn(username);
    const pending = browser.cookie;
    const { secret, uri, recoveryCodes, confirmed } = await enrol(browser);

    expect(uri).toMatch(/^otpauth:\/\/totp\/Haven:mfa\.[0-9a-f]{8}\?/);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    expect(new URL(uri).searchParams.get('algorithm')).toBe('SHA1');
    expect(new URL(uri).searchParams.get('digits')).toBe('6');
    expect(new URL(uri).searchParams.get('period')).toBe('30');
    expect(confirmed.json().session.secondFactor).toBe('passed');
    // A new token on upgrade: the password-only cookie is ended (no session fixation).
    expect(browser.cookie).not.toBe(pending);
    expect((await send({ ...browser, cookie: pending }, 'GET', '/api/v1/session')).statusCode).toBe(
      401,
    );
    expect((await readHousehold(browser)).statusCode).toBe(200);

    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    const [stored] = await queryRows<{ totp_secret_sealed: string }>(
      api.database.db,
      sql`SELECT totp_secret_sealed FROM user_mfa WHERE user_id = ${id}`,
    );
    expect(stored?.totp_secret_sealed).toMatch(/^v2\.[0-9a-f]{8}\.system\./);
    expect(stored?.totp_secret_sealed).not.toContain(secret);
    const hashes = await queryRows<{ code_hash: string }>(
      api.database.db,
      sql`SELECT code_hash FROM mfa_recovery_codes WHERE user_id = ${id}`,
    );
    expect(hashes).toHaveLength(RECOVERY_CODE_COUNT);
    for (const code of recoveryCodes) {
      expect(JSON.stringify(hashes)).not.toContain(code.replaceAll('-', ''));
    }
    const audit = await auditOf(id);
    expect(audit.map((entry) => entry.action)).toContain('mfa.enrol');
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('cannot be started again once confirmed, and not at all with an API token', async () => {
    const { username, secret } = await enrolledUser();
    const { browser } = await signIn(username);
    const again = await send(browser, 'POST', '/api/v1/session/mfa/enrolment');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('mfa-enrolled');
    const byToken = await api.post('/api/v1/session/mfa/enrolment', {});
    expect(byToken.statusCode).toBe(400);
    expect(secret).toBeTruthy();
  });
});

describe('verification after sign-in', () => {
  it('asks an enrolled user for a code; a valid one upgrades and rotates the session', async () => {
    const { username, secret } = await enrolledUser();
    const { browser, secondFactor } = await signIn(username);
    expect(secondFactor).toBe('verify');
    const pending = browser.cookie;
    expect((await readHousehold(browser)).json().code).toBe('mfa-required');

    // The next step's code: the one of this step went into the enrolment.
    const verified = await send(browser, 'POST', '/api/v1/session/mfa/verification', {
      code: codeAt(secret, Date.now() + STEP_MS),
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().secondFactor).toBe('passed');
    adopt(browser, verified);
    expect(browser.cookie).not.toBe(pending);
    expect((await readHousehold(browser)).statusCode).toBe(200);
  });

  it('refuses a replayed code', async () => {
    const { username, secret } = await enrolledUser();
    const code = codeAt(secret, Date.now() + STEP_MS);
    const first = await signIn(username);
    expect(
      (await send(first.browser, 'POST', '/api/v1/session/mfa/verification', { code })).statusCode,
    ).toBe(200);

    const second = await signIn(username);
    const replayed = await send(second.browser, 'POST', '/api/v1/session/mfa/verification', {
      code,
    });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json()).toMatchObject({
      code: 'wrong-code',
      errors: [{ field: 'code', in: 'body' }],
    });
    expect((await readHousehold(second.browser)).statusCode).toBe(403);
  });

  it('refuses a wrong code, audits it, and locks the name after repeated failures', async () => {
    const { username, id, secret } = await enrolledUser();
    const { browser } = await signIn(username);
    const right = codeAt(secret, Date.now() + STEP_MS);
    const wrong = right === '000000' ? '000001' : '000000';
    for (let attempt = 0; attempt < MAX_FAILURES; attempt++) {
      const refused = await send(browser, 'POST', '/api/v1/session/mfa/verification', {
        code: wrong,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([
        { field: 'code', in: 'body', message: 'Wrong, expired or already used' },
      ]);
    }
    const locked = await send(browser, 'POST', '/api/v1/session/mfa/verification', {
      code: right,
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The same lockout as for passwords: signing in again does not reset it.
    const again = await api.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: { username, password: PASSWORD },
    });
    expect(again.statusCode).toBe(429);
    const failures = (await auditOf(id)).filter((entry) => entry.action === 'mfa.verify-failed');
    expect(failures).toHaveLength(MAX_FAILURES);
    expect(JSON.stringify(failures)).not.toContain(wrong);
  });

  it('accepts a recovery code once, as typed (any case, without hyphens)', async () => {
    const { username, id, recoveryCodes } = await enrolledUser();
    const recoveryCode = recoveryCodes[3] ?? '';
    const typed = recoveryCode.toLowerCase().replaceAll('-', ' ');
    const first = await signIn(username);
    const used = await send(first.browser, 'POST', '/api/v1/session/mfa/verification', {
      recoveryCode: typed,
    });
    expect(used.statusCode, used.body).toBe(200);
    adopt(first.browser, used);
    expect((await readHousehold(first.browser)).statusCode).toBe(200);

    const second = await signIn(username);
    const reused = await send(second.browser, 'POST', '/api/v1/session/mfa/verification', {
      recoveryCode,
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().errors[0].field).toBe('recoveryCode');
    const entry = (await auditOf(id)).find((e) => e.action === 'mfa.recovery-code-used');
    expect(entry?.detail).toEqual({ recoveryCodesLeft: RECOVERY_CODE_COUNT - 1 });
    expect(JSON.stringify(await auditOf(id))).not.toContain(recoveryCode);
  });

  it('names the field when neither or both of code and recovery code are given', async () => {
    const { username } = await enrolledUser();
    const { browser } = await signIn(username);
    for (const body of [{}, { code: '123456', recoveryCode: 'ABCD-EFGH' }, { code: '12ab56' }]) {
      const response = await send(browser, 'POST', '/api/v1/session/mfa/verification', body);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ field: 'code', in: 'body' });
    }
  });

  it('leaves API tokens alone: they were made by a user who passed the second factor', async () => {
    const registrar = await api.as('registrar');
    expect((await api.get(`/api/v1/households/${householdId}`, registrar)).statusCode).toBe(200);
  });
});

describe("an administrator's reset", () => {
  it('removes the authenticator, ends the sessions, is audited, and asks to enrol again', async () => {
    const { username, id, secret } = await enrolledUser();
    const { browser } = await signIn(username);
    await send(browser, 'POST', '/api/v1/session/mfa/verification', {
      code: codeAt(secret, Date.now() + STEP_MS),
    }).then((response) => adopt(browser, response));

    const reset = await api.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${id}/mfa`,
      headers: api.admin,
    });
    expect(reset.statusCode, reset.body).toBe(204);
    expect((await send(browser, 'GET', '/api/v1/session')).statusCode).toBe(401);
    const entry = (await auditOf(id)).find((e) => e.action === 'mfa.reset');
    expect(entry?.detail).toEqual({ hadSecondFactor: true });
    const [left] = await queryRows<{ count: number | string }>(
      api.database.db,
      sql`SELECT (SELECT count(*) FROM user_mfa WHERE user_id = ${id})
               + (SELECT count(*) FROM mfa_recovery_codes WHERE user_id = ${id}) AS count`,
    );
    expect(Number(left?.count)).toBe(0);
    expect((await signIn(username)).secondFactor).toBe('enrol');
  });

  it('is refused to anyone without users:manage', async () => {
    const { id } = await newUser(api);
    const response = await api.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${id}/mfa`,
      headers: await api.as('caseworker'),
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the OpenAPI document', () => {
  it('documents the second-factor endpoints with their bodies', async () => {
    const document = (await api.get('/api/v1/openapi.json')).json();
    const paths = document.paths as Record<string, Record<string, { requestBody?: unknown }>>;
    expect(paths['/api/v1/session/mfa/enrolment']?.post).toBeDefined();
    expect(paths['/api/v1/session/mfa/enrolment/confirmation']?.post?.requestBody).toBeDefined();
    expect(paths['/api/v1/session/mfa/verification']?.post?.requestBody).toBeDefined();
    expect(paths['/api/v1/users/{id}/mfa']?.delete).toMatchObject({
      'x-required-permission': 'users:manage',
    });
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['MfaEnrolment', 'MfaEnrolled', 'MfaVerification', 'Session']),
    );
  });
});

describe('new passwords', () => {
  const newAccount = (password: string, username = `u${randomUUID().slice(0, 8)}`) =>
    api.post(
      '/api/v1/users',
      {
        username,
        displayName: 'New',
        password,
        role: 'registrar',
        countries: ['PL'],
        siteIds: [api.siteId],
      },
      api.admin,
    );

  it('refuses a common password, naming the field', async () => {
    const response = await newAccount('qwerty123456');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'validation-failed',
      errors: [{ field: 'password', in: 'body' }],
    });
    expect(response.json().errors[0].message).toMatch(/common/);
  });

  it('refuses a password that contains the user name', async () => {
    const response = await newAccount('olena.k is my name', 'olena.k');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'password', in: 'body', message: 'Must not contain the user name' },
    ]);
  });

  it('refuses a common password as a changed password too', async () => {
    const { id } = await newUser(api);
    const response = await api.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { ...api.admin, 'content-type': 'application/json' },
      payload: { password: '1qaz2wsx3edc' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('password');
  });
});

describe('a deployment that turns the second factor off', () => {
  let open: TestApi;
  beforeAll(async () => {
    open = await startTestApi({ requireMfa: false });
  });
  afterAll(() => open.close());

  it('lets a registrar read a household after the password alone', async () => {
    const registered = await open.post('/api/v1/registrations', buildRegistration(open.siteId));
    const { username } = await newUser(open);
    const { browser, secondFactor } = await signIn(username, open);
    expect(secondFactor).toBe('not-required');
    const household = await send(
      browser,
      'GET',
      `/api/v1/households/${registered.json<{ householdId: string }>().householdId}`,
      undefined,
      open,
    );
    expect(household.statusCode).toBe(200);
  });
});
