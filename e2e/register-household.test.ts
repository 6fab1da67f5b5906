import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApp, migrate, openDatabase, type Database } from '@haven/server';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Debian's chromium (apt-get install chromium): playwright-core drives it, nothing is downloaded.
const CHROMIUM = '/usr/bin/chromium';
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
/** Set to a folder to keep screenshots of the pages the test passes through. */
const SCREENSHOT_DIR = process.env.HAVEN_E2E_SCREENSHOTS;

const hasChromium = existsSync(CHROMIUM);
// In CI a missing browser is a broken machine, not a reason to skip (see .ci/run).
const isSkipped = !hasChromium && !process.env.CI;
if (isSkipped) {
  console.warn(`Skipping the browser test: ${CHROMIUM} not found (apt-get install chromium).`);
}

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

async function createSite(): Promise<{ id: string; name: string }> {
  const response = await fetch(`${baseUrl}/api/v1/sites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      name: 'Medyka',
      countryCode: 'PL',
      kind: 'border-crossing',
      latitude: 49.8044,
      longitude: 22.9339,
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string };
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR) {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }
}

describe.skipIf(isSkipped)('registering a household in the browser', () => {
  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error(
        `CI needs Debian chromium at ${CHROMIUM} for the browser test (apt-get install chromium).`,
      );
    }
    if (!existsSync(join(WEB_ROOT, 'index.html'))) {
      throw new Error(
        `No built web app in ${WEB_ROOT}: run \`npm run build -w @haven/web\` first.`,
      );
    }
    database = await openDatabase();
    await migrate(database);
    app = await buildApp({ db: database.db, webRoot: WEB_ROOT });
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('registers a head and a child in English, then finds them in the Ukrainian list', async () => {
    const site = await createSite();
    // Tablet width: registrars work on tablets in tents.
    const context = await browser.newContext({
      viewport: { width: 768, height: 1024 },
      locale: 'en-GB',
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/registrations/new`);

    await page.getByLabel('Site', { exact: true }).selectOption(site.id);
    await page.getByLabel('Registrar', { exact: true }).fill('Anna Nowak');
    await page.getByLabel('Oblast of origin').selectOption('UA46');
    await page.getByLabel('Arrival mode').selectOption('bus');

    const head = page.getByRole('group', { name: 'Member 1', exact: true });
    await head.getByLabel('Family name', { exact: true }).fill('Шевченко');
    await head.getByLabel('Given name', { exact: true }).fill('Олена');
    await head.getByLabel(/^Patronymic/).fill('Петрівна');
    await head.getByText('Latin (KMU-55): Shevchenko').waitFor();
    await head.getByLabel('Sex', { exact: true }).selectOption('female');
    await head.getByLabel('Birth date', { exact: true }).fill('1985-03-14');
    await head.getByRole('button', { name: 'Add a document' }).click();
    await head.getByLabel('Document type', { exact: true }).selectOption('international-passport');
    await head.getByLabel('Document number', { exact: true }).fill('FE123456');
    await head.getByText('Woman at risk', { exact: true }).click();
    await head.getByLabel('Woman unaccompanied by adult male family member').check();

    await page.getByRole('button', { name: 'Add a member' }).click();
    const child = page.getByRole('group', { name: 'Member 2', exact: true });
    await child.getByLabel('Family name', { exact: true }).fill('Шевченко');
    await child.getByLabel('Given name', { exact: true }).fill('Марʼяна');
    await child.getByLabel('Sex', { exact: true }).selectOption('female');
    await child.getByLabel('Birth date', { exact: true }).fill('2015');
    await child
      .getByLabel('Relationship to the head of household', { exact: true })
      .selectOption('child');

    await page.getByLabel('Registration for protection and assistance').check();
    await page.getByLabel('Consent given by').selectOption('0');
    await page.getByLabel('How consent was given').selectOption('verbal');
    await screenshot(page, 'register-768');
    await page.getByRole('button', { name: 'Register household' }).click();

    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/);
    await page.getByText('Household registered.').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Шевченко Олена Петрівна',
    );
    expect(await page.getByText('Mariana', { exact: false }).count()).toBeGreaterThan(0);
    await page.getByText('FE123456').waitFor();
    await page.getByText('Woman unaccompanied by adult male family member').waitFor();
    await screenshot(page, 'household-768');

    await page.getByRole('button', { name: 'Українська' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'uk');
    await page.getByRole('navigation').getByRole('link', { name: 'Реєстрації' }).click();
    await page.getByLabel('Ім’я або прізвище').fill('Шевченко');
    await page.getByRole('button', { name: 'Шукати' }).click();
    await page.waitForURL(/[?&]q=/);

    const row = page.getByRole('row').filter({ hasText: 'Шевченко Олена' });
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Medyka');
    expect(await row.textContent()).toContain('Львівська');
    await page.getByRole('columnheader', { name: 'Голова домогосподарства' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Реєстрації' }).waitFor();
    await screenshot(page, 'list-uk-768');

    // The choice of language outlives a reload (it is kept in localStorage).
    await page.reload();
    await page.getByRole('button', { name: 'Шукати' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk');
    await context.close();
  });
});
