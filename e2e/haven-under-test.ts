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
  type NewUser,
} from '@haven/server';
import type { FastifyInstance } from 'fastify';
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
  readonly app: FastifyInstance;
  readonly browser: Browser;
  readonly baseUrl: string;
  close(): Promise<void>;
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
  const app = await buildApp({
    db: database.db,
    keyring: createEphemeralKeyring(),
    webRoot: WEB_ROOT,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    database,
    app,
    browser,
    baseUrl,
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
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('haven_session='));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  if (!cookie) {
    throw new Error('Signing in set no haven_session cookie');
  }
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

/** Signs in through the sign-in page the app sends a signed-out visitor to. */
export async function signInInBrowser(
  page: Page,
  { username, password }: Pick<NewUser, 'username' | 'password'>,
): Promise<void> {
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR) {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }
}
