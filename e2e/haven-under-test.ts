import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Site } from '@haven/contract';
import {
  buildApp,
  createEphemeralKeyring,
  createUser,
  migrate,
  openDatabase,
  type Database,
  type Keyring,
  type NewUser,
} from '@haven/server';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser, type Page } from 'playwright-core';

// Debian's chromium (apt-get install chromium): playwright-core drives it, nothing is downloaded.
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WEB_ROOT = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
/** Set to a folder to keep screenshots of the pages the tests pass through. */
const SCREENSHOT_DIR = process.env.HAVEN_E2E_SCREENSHOTS;

export const hasChromium = existsSync(CHROMIUM);
// In CI a missing browser is a broken machine, not a reason to skip (see .ci/run).
export const isBrowserTestSkipped = !hasChromium && !process.env.CI;
if (isBrowserTestSkipped) {
  console.warn(`Skipping the browser tests: ${CHROMIUM} not found (apt-get install chromium).`);
}

/** Haven on a fresh database, serving the built web app on 127.0.0.1, and a browser to use it. */
export interface HavenUnderTest {
  readonly database: Database;
  /** The data keys the server seals with, for tests that call server functions directly. */
  readonly keyring: Keyring;
  readonly app: FastifyInstance;
  readonly browser: Browser;
  readonly baseUrl: string;
  /** The authenticator app of each user who set one up: their secret, as a phone holds it. */
  readonly authenticators: Map<string, Authenticator>;
  close(): Promise<void>;
}

export interface Authenticator {
  readonly secret: string;
  /** The time step of the last code used: the server accepts each code once. */
  lastStep: number;
}

const STEP_MS = 30_000;
const SAFETY_MS = 10_000;

/**
 * The next code of a user's authenticator app that the server has not seen: codes of the
 * previous, current and next 30-second step are accepted, each once (RFC 6238, replay refused).
 * Waits for the clock when all three were used.
 */
export async function nextCode(haven: HavenUnderTest, username: string): Promise<string> {
  const authenticator = haven.authenticators.get(username);
  if (!authenticator) {
    throw new Error(`${username} has no authenticator app`);
  }
  const nowStep = Math.floor(Date.now() / STEP_MS);
  // The previous step's code expires at the end of this step: use it only with time to spare, or
  // a slow request crosses the boundary and is refused (seen once near a 30-second mark).
  const earliest = Date.now() % STEP_MS < STEP_MS - SAFETY_MS ? nowStep - 1 : nowStep;
  const step = Math.max(earliest, authenticator.lastStep + 1);
  const waitMs = (step - 1) * STEP_MS - Date.now();
  if (waitMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, waitMs + 100));
  }
  authenticator.lastStep = step;
  return new TOTP({ secret: Secret.fromBase32(authenticator.secret) }).generate({
    timestamp: step * STEP_MS,
  });
}

/** Keeps the secret a user's authenticator app was given (the key shown beside the QR code). */
export function rememberAuthenticator(
  haven: HavenUnderTest,
  username: string,
  secret: string,
): void {
  haven.authenticators.set(username, { secret, lastStep: 0 });
}

export async function startHaven(): Promise<HavenUnderTest> {
  if (!hasChromium) {
    throw new Error(
      `CI needs Debian chromium at ${CHROMIUM} for the browser tests (apt-get install chromium).`,
    );
  }
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`No built web app in ${WEB_ROOT}: run \`npm run build -w @haven/web\` first.`);
  }
  const database = await openDatabase();
  await migrate(database);
  const keyring = createEphemeralKeyring();
  const app = await buildApp({
    db: database.db,
    keyring,
    webRoot: WEB_ROOT,
    // As a real deployment: staff who read people pass a second factor.
    requireMfa: true,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    database,
    keyring,
    app,
    browser,
    baseUrl,
    authenticators: new Map(),
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/** A user created directly in the database, as `haven admin create` does; the password is theirs. */
export async function addUser(haven: HavenUnderTest, user: NewUser): Promise<NewUser> {
  const created = await createUser(haven.database.db, user);
  if (!created) {
    throw new Error(`The username ${user.username} is taken`);
  }
  return user;
}

/** A signed-in API client: the session cookie and CSRF token a browser would hold. */
export interface ApiSession {
  request(method: string, path: string, body?: unknown): Promise<Response>;
}

/** The cookie and CSRF token of a session's answer. */
function sessionOf(
  response: Response,
  csrfToken: string,
  previous?: string,
): { cookie: string; csrfToken: string } {
  const cookie =
    response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('haven_session=')) ?? previous;
  if (!cookie) {
    throw new Error('The answer set no haven_session cookie');
  }
  return { cookie, csrfToken };
}

/**
 * Signs in over the API as the web app does: the password, then the second factor when the
 * session owes it (setting up the user's authenticator app the first time).
 */
export async function signInOverApi(
  haven: HavenUnderTest,
  { username, password }: Pick<NewUser, 'username' | 'password'>,
): Promise<ApiSession> {
  const response = await fetch(`${haven.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) {
    throw new Error(`Signing in as ${username} answered ${response.status}`);
  }
  const signedIn = (await response.json()) as { csrfToken: string; secondFactor: string };
  let session = sessionOf(response, signedIn.csrfToken);
  const post = (path: string, body?: unknown) =>
    fetch(`${haven.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  if (signedIn.secondFactor === 'enrol') {
    const started = await post('/session/mfa/enrolment');
    rememberAuthenticator(haven, username, ((await started.json()) as { secret: string }).secret);
    const confirmed = await post('/session/mfa/enrolment/confirmation', {
      code: await nextCode(haven, username),
    });
    if (confirmed.status !== 200) {
      throw new Error(`Setting up the authenticator of ${username} answered ${confirmed.status}`);
    }
    const { session: upgraded } = (await confirmed.json()) as { session: { csrfToken: string } };
    session = sessionOf(confirmed, upgraded.csrfToken, session.cookie);
  } else if (signedIn.secondFactor === 'verify') {
    const verified = await post('/session/mfa/verification', {
      code: await nextCode(haven, username),
    });
    if (verified.status !== 200) {
      throw new Error(`The second factor of ${username} answered ${verified.status}`);
    }
    const upgraded = (await verified.json()) as { csrfToken: string };
    session = sessionOf(verified, upgraded.csrfToken, session.cookie);
  }
  const { cookie, csrfToken } = session;
  return {
    request: (method, path, body) =>
      fetch(`${haven.baseUrl}/api/v1${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          'idempotency-key': randomUUID(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

export async function createSite(
  admin: ApiSession,
  site: { name: string; countryCode: string; latitude: number; longitude: number },
): Promise<Site> {
  const response = await admin.request('POST', '/sites', { ...site, kind: 'border-crossing' });
  if (response.status !== 201) {
    throw new Error(`Creating the site ${site.name} answered ${response.status}`);
  }
  return (await response.json()) as Site;
}

/** Signs in with the password on the sign-in page the app sends a signed-out visitor to. */
export async function enterPassword(
  page: Page,
  { username, password }: Pick<NewUser, 'username' | 'password'>,
): Promise<void> {
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** Gives the code of the user's authenticator app on the second-step page. */
export async function enterSecondFactor(
  haven: HavenUnderTest,
  page: Page,
  username: string,
): Promise<void> {
  await page.getByLabel('Code from the authenticator app').fill(await nextCode(haven, username));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Sets up an authenticator app on the set-up page: the key as typed by hand, a first code. */
export async function setUpAuthenticator(
  haven: HavenUnderTest,
  page: Page,
  username: string,
): Promise<void> {
  await page.getByRole('button', { name: 'Set up the authenticator app' }).click();
  await page.getByRole('img', { name: 'QR code to scan with the authenticator app' }).waitFor();
  await screenshot(page, 'authenticator-qr');
  const key = await page.getByLabel('Key for the authenticator app').textContent();
  rememberAuthenticator(haven, username, (key ?? '').replace(/\s+/g, ''));
  await page.getByLabel('Code from the authenticator app').fill(await nextCode(haven, username));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('list', { name: 'Your recovery codes' }).waitFor();
  await screenshot(page, 'recovery-codes');
  await page.getByLabel('I have saved these recovery codes').check();
  await page.getByRole('button', { name: 'Continue to Haven' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Signs in through the pages a signed-out visitor is sent to: password, then second factor. */
export async function signInInBrowser(
  haven: HavenUnderTest,
  page: Page,
  user: Pick<NewUser, 'username' | 'password'>,
): Promise<void> {
  await enterPassword(page, user);
  const { pathname } = new URL(page.url());
  if (pathname === '/login/second-factor') {
    await enterSecondFactor(haven, page, user.username);
  } else if (pathname === '/login/authenticator') {
    await setUpAuthenticator(haven, page, user.username);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR) {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }
}
