import type { Site } from '@haven/contract';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  createSite,
  isBrowserTestSkipped,
  screenshot,
  signInInBrowser,
  signInOverApi,
  startHaven,
  type HavenUnderTest,
} from './haven-under-test.js';

const PASSWORD = 'a long password for the test';
const HOUR_MS = 3_600_000;

const FAMILIES = [
  ['Шевченко', 'Олена', 'Петро', 'Марія'],
  ['Коваленко', 'Ірина', 'Андрій', 'Софія'],
  ['Бондаренко', 'Наталія', 'Олег', 'Дарина'],
  ['Ткаченко', 'Оксана', 'Сергій', 'Анна'],
  ['Кравченко', 'Тетяна', 'Василь', 'Вікторія'],
  ['Олійник', 'Людмила', 'Іван', 'Катерина'],
  ['Шевчук', 'Світлана', 'Микола', 'Поліна'],
  ['Поліщук', 'Юлія', 'Дмитро', 'Єва'],
  ['Бойко', 'Галина', 'Юрій', 'Злата'],
  ['Ковальчук', 'Валентина', 'Роман', 'Мілана'],
  ['Мельник', 'Лариса', 'Богдан', 'Вероніка'],
  ['Лисенко', 'Ганна', 'Тарас', 'Аліна'],
  ['Савченко', 'Марина', 'Ігор', 'Ольга'],
  ['Руденко', 'Алла', 'Віктор', 'Христина'],
  ['Марченко', 'Зоя', 'Максим', 'Емілія'],
  ['Мороз', 'Віра', 'Артем', 'Ангеліна'],
  ['Павленко', 'Надія', 'Євген', 'Діана'],
  ['Кузьменко', 'Раїса', 'Олександр', 'Валерія'],
  ['Гончаренко', 'Любов', 'Павло', 'Ярослава'],
  ['Клименко', 'Ніна', 'Степан', 'Соломія'],
] as const;

/**
 * A coordinator's manifest as they keep it: 20 households of a mother, a father and a child,
 * 60 people. Columns as MANIFEST_CSV_REQUIRED_COLUMNS, with the optional relationship.
 */
function manifestCsv(): string {
  const rows = FAMILIES.flatMap(([family, mother, father, child], i) => {
    const household = `H${String(i + 1).padStart(2, '0')}`;
    return [
      [household, mother, family, 'female', `198${i % 10}-03-14`, 'head'],
      [household, father, family, 'male', `197${i % 10}-07-02`, 'spouse'],
      [household, child, family, 'female', `201${i % 10}-11-20`, 'child'],
    ].map((row) => row.join(','));
  });
  return ['household,given_name,family_name,sex,birth_date,relationship', ...rows].join('\n');
}

/** A datetime-local value in the browser's time zone (the contexts below run in UTC). */
const localInput = (at: number): string => new Date(at).toISOString().slice(0, 16);

/** Console errors and uncaught exceptions of a page, to assert a page loads cleanly. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

let haven: HavenUnderTest;
let site: Site;

describe.skipIf(isBrowserTestSkipped)('an evacuation convoy in the browser (issue 5)', () => {
  beforeAll(async () => {
    haven = await startHaven();
    const admin = await addUser(haven, {
      username: 'admin',
      displayName: 'Site Administrator',
      password: PASSWORD,
      role: 'administrator',
      countries: ['PL'],
      siteIds: [],
    });
    site = await createSite(await signInOverApi(haven, admin), {
      name: 'Przemyśl reception centre',
      countryCode: 'PL',
      latitude: 49.7838,
      longitude: 22.7678,
    });
    await addUser(haven, {
      username: 'iryna.c',
      displayName: 'Iryna Coordinator',
      password: PASSWORD,
      role: 'evacuation-coordinator',
      countries: ['PL'],
      siteIds: [],
    });
    await addUser(haven, {
      username: 'piotr.r',
      displayName: 'Piotr Registrar',
      password: PASSWORD,
      role: 'registrar',
      countries: ['PL'],
      siteIds: [site.id],
    });
  });

  afterAll(async () => {
    await haven?.close();
  });

  it('opens a corridor, runs a 60-person convoy, checks 58 in and alerts on the 2 missing', async () => {
    const now = Date.now();
    // A laptop in a tent; UTC so the times typed below mean what they say.
    const coordinatorContext = await haven.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    const coordinator = await coordinatorContext.newPage();
    await coordinator.goto(`${haven.baseUrl}/corridors`);
    await signInInBrowser(haven, coordinator, { username: 'iryna.c', password: PASSWORD });
    await coordinator.waitForURL(/\/corridors$/);

    // A new corridor, planned, then opened for an agreed window.
    await coordinator.getByRole('link', { name: 'New corridor' }).click();
    await coordinator.getByLabel('Name', { exact: true }).fill('Mariupol – Przemyśl');
    await coordinator.getByLabel('Managed in').selectOption('PL');
    const origin = coordinator.getByRole('group', { name: 'Origin' });
    await origin.getByLabel('Place name').fill('Mariupol');
    await origin.getByLabel('Oblast (P-code)').selectOption('UA14');
    await origin.getByLabel('Latitude').fill('47.0971');
    await origin.getByLabel('Longitude').fill('37.5434');
    const destination = coordinator.getByRole('group', { name: 'Destination' });
    await destination.getByLabel('Fill from a reception site').selectOption(site.id);
    expect(await destination.getByLabel('Place name').inputValue()).toBe(site.name);
    await coordinator.getByLabel('Points along the route').fill('47.84, 35.14\n49.84, 24.03');
    await coordinator.getByLabel(/^Guarantors/).fill('ICRC\nUnited Nations');
    await coordinator.getByRole('button', { name: 'Create corridor' }).click();
    await coordinator.waitForURL(/\/corridors\/[0-9a-f-]{36}$/);
    await coordinator.getByRole('heading', { level: 1, name: 'Mariupol – Przemyśl' }).waitFor();

    const changeStatus = coordinator.getByRole('form', { name: 'Change the status' });
    await changeStatus.getByLabel('New status').selectOption('open');
    // A window that ends before it starts is refused under its field.
    await changeStatus.getByLabel(/^Window starts/).fill(localInput(now + 2 * HOUR_MS));
    await changeStatus.getByLabel(/^Window ends/).fill(localInput(now - 24 * HOUR_MS));
    await changeStatus.getByRole('button', { name: 'Save the status' }).click();
    await changeStatus.getByText('The window must end after it starts').waitFor();
    await changeStatus.getByLabel(/^Window starts/).fill(localInput(now - 24 * HOUR_MS));
    await changeStatus.getByLabel(/^Window ends/).fill(localInput(now + 24 * HOUR_MS));
    await changeStatus.getByLabel(/^Reason/).fill('Agreed by both parties through the ICRC');
    await changeStatus.getByRole('button', { name: 'Save the status' }).click();
    await coordinator.getByText('Status changed.').waitFor();
    const history = coordinator.getByRole('table', { name: 'Status history' });
    expect(await history.getByRole('row').nth(1).textContent()).toContain('iryna.c');
    expect(await history.getByRole('row').nth(1).textContent()).toContain('Open');
    await coordinator.getByText('Open now, inside its agreed window.').waitFor();

    // A convoy bound for the reception site. There is no clock to move on the server: the run
    // is entered after the fact, its expected arrival plus margin already past.
    await coordinator.getByRole('link', { name: 'New evacuation run' }).click();
    await coordinator.getByLabel('Run', { exact: true }).fill('Convoy 1');
    await coordinator.getByLabel(/^Reception site/).selectOption(site.id);
    await coordinator.getByLabel('Planned departure').fill(localInput(now - 5 * HOUR_MS));
    await coordinator.getByLabel('Expected arrival').fill(localInput(now - 3 * HOUR_MS));
    await coordinator.getByLabel('Margin before missing (minutes)').fill('60');
    await coordinator.getByLabel('Seats').fill('60');
    await coordinator.getByRole('button', { name: 'Create the run' }).click();
    await coordinator.waitForURL(/\/evacuations\/[0-9a-f-]{36}$/);
    const runUrl = coordinator.url();
    await coordinator.getByRole('heading', { level: 1, name: 'Convoy 1' }).waitFor();

    await coordinator.getByLabel('Manifest file (CSV, .xlsx, .ods)').setInputFiles({
      name: 'convoy-1.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(manifestCsv(), 'utf8'),
    });
    await coordinator.getByRole('button', { name: 'Import the manifest' }).click();
    await coordinator.getByText('Imported 60 people in 20 households.').waitFor();
    await coordinator.getByText('60 boarded in 20 households, 0 arrived').waitFor();
    await screenshot(coordinator, 'evacuation-run-imported');

    // The registrar of the reception site checks the convoy in as it arrives.
    const registrarContext = await haven.browser.newContext({
      viewport: { width: 768, height: 1024 },
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    const registrar = await registrarContext.newPage();
    await registrar.goto(`${haven.baseUrl}/reception`);
    await signInInBrowser(haven, registrar, { username: 'piotr.r', password: PASSWORD });
    await registrar.waitForURL(/\/reception/);
    await registrar.getByLabel('Reception site').selectOption(site.id);
    await registrar.getByRole('link', { name: 'Convoy 1' }).click();
    await registrar.waitForURL(/\/reception\/runs\/[0-9a-f-]{36}$/);
    for (const index of FAMILIES.keys()) {
      if (index === FAMILIES.length - 1) {
        break;
      }
      const household = `H${String(index + 1).padStart(2, '0')}`;
      const button = registrar.getByRole('button', {
        name: `Check in household ${household} (3 people)`,
      });
      await button.click();
      await button.waitFor({ state: 'detached' });
    }
    // Of the last household only the mother arrives; she is found by name.
    await registrar.getByLabel('Find by name').fill('Клименко');
    await registrar.getByText('1 household shown').waitFor();
    await registrar.getByRole('button', { name: 'Check in Клименко Ніна' }).click();
    await registrar.getByText('Checked in: Клименко Ніна.').waitFor();
    await registrar.getByText('58', { exact: true }).waitFor();
    // Checking her in again records nothing twice (the button is gone; the API is idempotent).
    expect(await registrar.getByRole('button', { name: 'Check in Клименко Ніна' }).count()).toBe(0);

    // On to her registration, filled in from the manifest.
    await registrar.getByRole('button', { name: 'Register this household' }).click();
    await registrar.waitForURL(/\/registrations\/new$/);
    await registrar.getByText(/Filled in from the manifest of Convoy 1/).waitFor();
    const head = registrar.getByRole('group', { name: 'Member 1', exact: true });
    expect(await head.getByLabel('Family name', { exact: true }).inputValue()).toBe('Клименко');
    expect(await head.getByLabel('Given name', { exact: true }).inputValue()).toBe('Ніна');
    await screenshot(registrar, 'registration-prefilled');
    // The registrar asks for consent and registers; the manifest person is tied to the record.
    await registrar.getByLabel('Registration for protection and assistance').check();
    await registrar.getByLabel('Consent given by').selectOption('0');
    await registrar.getByLabel('How consent was given').selectOption('verbal');
    await registrar.getByRole('button', { name: 'Register household' }).click();
    await registrar.waitForURL(/\/households\/[0-9a-f-]{36}$/);
    await registrar.getByText('Household registered.').waitFor();

    // The coordinator sees exactly the two who boarded and did not arrive, raised as alerts.
    await coordinator.goto(runUrl);
    const missing = coordinator.getByRole('list', { name: 'Missing after the arrival window' });
    await missing.waitFor();
    expect(await missing.getByRole('listitem').count()).toBe(2);
    expect(await missing.textContent()).toContain('Клименко Степан');
    expect(await missing.textContent()).toContain('Клименко Соломія');
    await coordinator
      .getByRole('heading', { name: 'Missing after the arrival window (2)' })
      .waitFor();
    const figures = coordinator.getByRole('list', { name: 'Boarded and arrived' });
    expect(await figures.textContent()).toContain('60Boarded');
    expect(await figures.textContent()).toContain('58Arrived');
    expect(await figures.textContent()).toContain('2Missing');
    await screenshot(coordinator, 'evacuation-run-missing');
    const nina = coordinator.getByRole('row').filter({ hasText: 'Клименко Ніна' });
    expect(await nina.textContent()).toContain('Registered');

    // Acknowledging says someone is on it; the alert stays listed until they arrive.
    await missing
      .getByRole('button', { name: /Acknowledge the alert about Клименко Степан/ })
      .click();
    await missing.getByText('Acknowledged by iryna.c').waitFor();

    await registrarContext.close();
    await coordinatorContext.close();
  });

  it('draws the corridors map and the figures without console errors', async () => {
    const context = await haven.browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(`${haven.baseUrl}/evacuation-figures`);
    await signInInBrowser(haven, page, { username: 'iryna.c', password: PASSWORD });
    await page.waitForURL(/\/evacuation-figures$/);
    // Signing in answers 401 before the session exists: watch only from here.
    const errors = watchErrors(page);
    const basemap = page.waitForResponse((response) => response.url().includes('/basemap/'));
    await page.reload();
    expect((await basemap).status()).toBe(200);
    // Drawn: the bundled outlines and the corridor rendered by MapLibre's worker under the CSP.
    await page.locator('.map-canvas[data-map-state="drawn"] canvas.maplibregl-canvas').waitFor();
    await page.getByText('58', { exact: true }).first().waitFor();
    await page
      .getByRole('list', { name: 'Corridors on the map' })
      .getByText('Mariupol – Przemyśl')
      .waitFor();
    await page.getByText('The numbers as a table').click();
    const table = page.getByRole('table', { name: 'People evacuated per corridor per day' });
    expect(await table.getByRole('row').last().textContent()).toContain('58');
    await screenshot(page, 'evacuation-figures');

    await page.getByRole('navigation').getByRole('link', { name: 'Corridors' }).click();
    await page.waitForURL(/\/corridors$/);
    await page.locator('.map-canvas[data-map-state="drawn"]').waitFor();
    await page.getByRole('link', { name: 'Mariupol – Przemyśl' }).first().waitFor();
    await screenshot(page, 'corridors-map');
    expect(errors).toEqual([]);
    await context.close();
  });
});
