import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/open.js';
import {
  adopt,
  sendAs,
  signInBrowser,
  type CookieBrowser,
} from '../test-support/cookie-browser.js';
import { buildRegistration, startTestApi, type TestApi } from '../test-support/factories.js';
import { SoftAuthenticator } from '../test-support/soft-authenticator.js';
import { createUser } from './users.js';

let api: TestApi;
let householdId: string;
const PASSWORD = 'tram lviv sunflower 42';
const HOST = 'haven.test';
const ORIGIN = `http://${HOST}`;

beforeAll(async () => {
  api = await startTestApi();
  const registered = await api.post('/api/v1/registrations', buildRegistration(api.siteId));
  householdId = registered.json<{ householdId: string }>().householdId;
});
afterAll(() => api.close());

async function newRegistrar() {
  const username = `key.${randomUUID().slice(0, 8)}`;
  const user = await createUser(api.database.db, {
    username,
    displayName: 'Olena Bondar',
    password: PASSWORD,
    role: 'registrar',
    countries: ['PL'],
    siteIds: [api.siteId],
  });
  if (!user) {
    throw new Error('user name taken');
  }
  return { username, id: user.id };
}

const signIn = (username: string, host = HOST) => signInBrowser(api.app, username, PASSWORD, host);
const send = (
  browser: CookieBrowser,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
) => sendAs(api.app, browser, method, url, body);
const readHousehold = (browser: CookieBrowser) =>
  send(browser, 'GET', `/api/v1/households/${householdId}`);

/** Sets up a key as the first second factor from a fresh sign-in. */
async function enrolKey(browser: CookieBrowser, key: SoftAuthenticator, name = 'Blue key') {
  const options = await send(browser, 'POST', '/api/v1/session/security-keys/registration-options');
  expect(options.statusCode, options.body).toBe(200);
  expect(options.json()).toMatchObject({ rp: { id: HOST, name: 'Haven' } });
  const registered = await send(browser, 'POST', '/api/v1/session/security-keys', {
    name,
    credential: key.create(options.json<{ challenge: string }>()),
  });
  expect(registered.statusCode, registered.body).toBe(200);
  adopt(browser, registered);
  return registered.json<{ recoveryCodes: string[]; session: { secondFactor: string } }>();
}

async function passWithKey(browser: CookieBrowser, key: SoftAuthenticator) {
  const options = await send(
    browser,
    'POST',
    '/api/v1/session/security-keys/authentication-options',
  );
  expect(options.statusCode, options.body).toBe(200);
  return send(browser, 'POST', '/api/v1/session/security-keys/authentication', {
    credential: key.get(options.json<{ challenge: string }>()),
  });
}

describe('a security key as the second factor', () => {
  it('can be the first factor: recovery codes once, then every sign-in asks for the key', async () => {
    const user = await newRegistrar();
    const key = new SoftAuthenticator(ORIGIN, HOST);
    const first = await signIn(user.username);
    expect(first.secondFactor).toBe('enrol');
    const enrolled = await enrolKey(first.browser, key);
    expect(enrolled.recoveryCodes).toHaveLength(10);
    expect(enrolled.session.secondFactor).toBe('passed');
    expect((await readHousehold(first.browser)).statusCode).toBe(200);

    const later = await signIn(user.username);
    expect(later.secondFactor).toBe('verify');
    const session = await send(later.browser, 'GET', '/api/v1/session');
    expect(session.json()).toMatchObject({ secondFactorMethods: ['security-key'] });
    expect((await readHousehold(later.browser)).statusCode).toBe(403);
    const passed = await passWithKey(later.browser, key);
    expect(passed.statusCode, passed.body).toBe(200);
    expect(passed.json()).toMatchObject({ secondFactor: 'passed' });
    adopt(later.browser, passed);
    expect((await readHousehold(later.browser)).statusCode).toBe(200);

    const audit = await queryRows<{ action: string; detail: Record<string, unknown> }>(
      api.database.db,
      sql`SELECT action, detail FROM audit_log WHERE resource_id = ${user.id} ORDER BY seq`,
    );
    expect(audit.map((entry) => [entry.action, entry.detail.method])).toEqual(
      expect.arrayContaining([
        ['mfa.enrol', 'security-key'],
        ['mfa.verify', 'security-key'],
      ]),
    );
  });

  it('refuses another person’s key, a replayed answer and a cloned key', async () => {
    const user = await newRegistrar();
    const key = new SoftAuthenticator(ORIGIN, HOST);
    await enrolKey((await signIn(user.username)).browser, key);

    // A key of someone else, signing this session's challenge.
    const stranger = new SoftAuthenticator(ORIGIN, HOST);
    stranger.create({ challenge: 'x' });
    const { browser } = await signIn(user.username);
    const refused = await passWithKey(browser, stranger);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'security-key-refused',
      errors: [{ field: 'credential' }],
    });

    // The right key, answering a challenge already used: each is answered once.
    const options = await send(
      browser,
      'POST',
      '/api/v1/session/security-keys/authentication-options',
    );
    const answer = { credential: key.get(options.json<{ challenge: string }>()) };
    const passed = await send(
      browser,
      'POST',
      '/api/v1/session/security-keys/authentication',
      answer,
    );
    expect(passed.statusCode).toBe(200);
    const again = await signIn(user.username);
    const replayed = await send(
      again.browser,
      'POST',
      '/api/v1/session/security-keys/authentication',
      answer,
    );
    expect(replayed.statusCode).toBe(409);

    // A clone: a valid signature with a counter that went backwards.
    key.rewindCounter(answer.credential.id);
    const cloned = await passWithKey(again.browser, key);
    expect(cloned.statusCode).toBe(400);
  });

  it('is bound to the address the key was set up at (phishing-resistant)', async () => {
    const user = await newRegistrar();
    const key = new SoftAuthenticator(ORIGIN, HOST);
    await enrolKey((await signIn(user.username)).browser, key);
    // The same key used through a look-alike address: its signature names the wrong site.
    const { browser } = await signIn(user.username, 'haven-login.test');
    const options = await send(
      browser,
      'POST',
      '/api/v1/session/security-keys/authentication-options',
    );
    const refused = await send(browser, 'POST', '/api/v1/session/security-keys/authentication', {
      credential: key.get(options.json<{ challenge: string }>()),
    });
    expect(refused.statusCode).toBe(400);
  });

  it('cannot be added by a session that has not passed the existing second factor', async () => {
    const user = await newRegistrar();
    await enrolKey((await signIn(user.username)).browser, new SoftAuthenticator(ORIGIN, HOST));
    const { browser } = await signIn(user.username);
    const options = await send(
      browser,
      'POST',
      '/api/v1/session/security-keys/registration-options',
    );
    expect(options.statusCode).toBe(409);
    // Nor an authenticator app in its place.
    const app = await send(browser, 'POST', '/api/v1/session/mfa/enrolment');
    expect(app.statusCode).toBe(409);
  });

  it('can be listed and removed by its owner, and the key no longer passes', async () => {
    const user = await newRegistrar();
    const key = new SoftAuthenticator(ORIGIN, HOST);
    const { browser } = await signIn(user.username);
    await enrolKey(browser, key, 'Yellow key');
    const listed = await send(browser, 'GET', '/api/v1/session/security-keys');
    const [item] = listed.json<{ items: { id: string; name: string }[] }>().items;
    expect(item?.name).toBe('Yellow key');
    const removed = await send(
      browser,
      'DELETE',
      `/api/v1/session/security-keys/${item?.id ?? ''}`,
    );
    expect(removed.statusCode).toBe(204);
    const later = await signIn(user.username);
    expect(later.secondFactor).toBe('enrol');
  });

  it('says why it cannot work when Haven is opened by IP address', async () => {
    const user = await newRegistrar();
    const { browser } = await signIn(user.username, '10.0.0.5:3000');
    const options = await send(
      browser,
      'POST',
      '/api/v1/session/security-keys/registration-options',
    );
    expect(options.statusCode).toBe(409);
    expect(options.json()).toMatchObject({ code: 'security-keys-unavailable' });
  });
});
