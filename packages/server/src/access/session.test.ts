import { randomUUID } from 'node:crypto';
import { ACCESS_POLICY } from '@haven/core';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/open.js';
import { startTestApi, type TestApi } from '../test-support/factories.js';
import { createApiToken } from './api-tokens.js';
import { MAX_FAILURES } from './login-throttle.js';
import { createUser } from './users.js';

let api: TestApi;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

async function newUser(role: 'registrar' | 'administrator' = 'registrar') {
  const username = `user.${randomUUID().slice(0, 8)}`;
  const user = await createUser(api.database.db, {
    username,
    displayName: 'Anna Nowak',
    password: PASSWORD,
    role,
    countries: ['PL'],
    siteIds: [api.siteId],
  });
  if (!user) {
    throw new Error('user name taken');
  }
  return { username, id: user.id };
}

const signIn = (username: string, password: string, cookie?: string) =>
  api.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    payload: { username, password },
  });

function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'haven_session');
  if (!cookie) {
    throw new Error(`no session cookie: ${response.statusCode} ${response.body}`);
  }
  return `haven_session=${cookie.value}`;
}

describe('signing in', () => {
  it('sets an HttpOnly SameSite=Strict cookie and returns the user, permissions and CSRF token', async () => {
    const { username } = await newUser();
    const response = await signIn(username, PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'haven_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(response.json()).toMatchObject({
      user: { username, role: 'registrar', isDemo: false },
      // The registrar's permissions as the policy table gives them (issue 5 added check-in).
      permissions: [...ACCESS_POLICY.registrar.permissions],
      csrfToken: expect.any(String),
    });
    expect(response.body).not.toContain('password');
  });

  it('stores only the hash of the session token and an argon2id hash of the password', async () => {
    const { username } = await newUser();
    const cookie = sessionCookie(await signIn(username, PASSWORD));
    const token = cookie.split('=')[1] ?? '';
    const sessions = await queryRows<{ token_hash: string }>(
      api.database.db,
      sql`SELECT token_hash FROM sessions`,
    );
    expect(sessions.map((s) => s.token_hash)).not.toContain(token);
    const [user] = await queryRows<{ password_hash: string }>(
      api.database.db,
      sql`SELECT password_hash FROM users WHERE username = ${username}`,
    );
    expect(user?.password_hash).toMatch(
      /^\$argon2id\$v=19\$(?=[^$]*m=19456)(?=[^$]*t=2)(?=[^$]*p=1)[^$]+\$/,
    );
  });

  it('gives the same answer for a wrong password and an unknown name', async () => {
    const { username } = await newUser();
    const wrong = await signIn(username, 'not the password');
    const unknown = await signIn(`nobody.${randomUUID().slice(0, 6)}`, 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().title).toBe(unknown.json().title);
  });

  it('locks a name after repeated failures, even with the right password', async () => {
    const { username } = await newUser();
    for (let attempt = 0; attempt < MAX_FAILURES; attempt++) {
      expect((await signIn(username, 'guess')).statusCode).toBe(401);
    }
    const locked = await signIn(username, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('issues a new session at sign-in and ends the one presented (no session fixation)', async () => {
    const { username } = await newUser();
    const planted = sessionCookie(await signIn(username, PASSWORD));
    const second = await signIn(username, PASSWORD, planted);
    const fresh = sessionCookie(second);
    expect(fresh).not.toBe(planted);
    const withPlanted = await api.get('/api/v1/session', { cookie: planted });
    expect(withPlanted.statusCode).toBe(401);
    expect((await api.get('/api/v1/session', { cookie: fresh })).statusCode).toBe(200);
  });

  it('signs out: the cookie stops working', async () => {
    const { username } = await newUser();
    const response = await signIn(username, PASSWORD);
    const cookie = sessionCookie(response);
    const out = await api.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie, 'x-csrf-token': response.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await api.get('/api/v1/session', { cookie })).statusCode).toBe(401);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a cookie-authenticated write without the CSRF token, accepts it with', async () => {
    const { username } = await newUser();
    const response = await signIn(username, PASSWORD);
    const cookie = sessionCookie(response);
    const headers = { cookie, 'content-type': 'application/json', 'idempotency-key': randomUUID() };
    const body = JSON.stringify({ username: 'x', password: 'y' });
    const without = await api.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf');
    const wrong = await api.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { ...headers, 'x-csrf-token': 'forged' },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    expect((await api.get('/api/v1/session', { cookie })).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('refuses an expired token', async () => {
    const { id } = await newUser();
    const token = await createApiToken(api.database.db, id, {
      name: 'old',
      permissions: ['persons:read'],
      expiresInDays: 1,
    });
    await api.database.db.execute(
      sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${token.id}`,
    );
    const response = await api.get('/api/v1/registrations', {
      authorization: `Bearer ${token.token}`,
    });
    expect(response.statusCode).toBe(401);
  });

  it('acts within the permissions it was narrowed to', async () => {
    const { id } = await newUser();
    const token = await createApiToken(api.database.db, id, {
      name: 'read only',
      permissions: ['persons:read'],
      expiresInDays: 1,
    });
    const headers = { authorization: `Bearer ${token.token}` };
    expect((await api.get('/api/v1/registrations', headers)).statusCode).toBe(200);
    const write = await api.post('/api/v1/registrations', {}, headers);
    expect(write.statusCode).toBe(403);
  });

  it('cannot be created with a permission the role lacks', async () => {
    const registrar = await api.as('registrar');
    const response = await api.post(
      '/api/v1/tokens',
      { name: 'escalate', permissions: ['users:manage'], expiresInDays: 1 },
      registrar,
    );
    expect(response.statusCode).toBe(403);
  });
});

describe('privilege escalation', () => {
  it('a registrar cannot change their own role', async () => {
    const { id, username } = await newUser();
    const session = await signIn(username, PASSWORD);
    const response = await api.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: {
        cookie: sessionCookie(session),
        'x-csrf-token': session.json().csrfToken,
        'content-type': 'application/json',
      },
      payload: { role: 'administrator' },
    });
    expect(response.statusCode).toBe(403);
    const [row] = await queryRows<{ role: string }>(
      api.database.db,
      sql`SELECT role FROM users WHERE id = ${id}`,
    );
    expect(row?.role).toBe('registrar');
  });

  it('an administrator cannot widen their own role or scope', async () => {
    const { id, username } = await newUser('administrator');
    const session = await signIn(username, PASSWORD);
    const response = await api.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: {
        cookie: sessionCookie(session),
        'x-csrf-token': session.json().csrfToken,
        'content-type': 'application/json',
      },
      payload: { countries: ['PL', 'RO'] },
    });
    expect(response.statusCode).toBe(403);
  });

  it("a change of role ends the user's sessions and tokens at once", async () => {
    const { id, username } = await newUser();
    const cookie = sessionCookie(await signIn(username, PASSWORD));
    const token = await createApiToken(api.database.db, id, {
      name: 'integration',
      permissions: ['persons:read'],
      expiresInDays: 1,
    });
    const change = await api.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { ...api.admin, 'content-type': 'application/json' },
      payload: { role: 'analyst' },
    });
    expect(change.statusCode).toBe(200);
    expect((await api.get('/api/v1/session', { cookie })).statusCode).toBe(401);
    const withToken = await api.get('/api/v1/registrations', {
      authorization: `Bearer ${token.token}`,
    });
    expect(withToken.statusCode).toBe(401);
  });
});
