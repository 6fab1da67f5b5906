import type { Site } from '@haven/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  createSite,
  enterPassword,
  isBrowserTestSkipped,
  screenshot,
  setUpAuthenticator,
  signInOverApi,
  startHaven,
  type HavenUnderTest,
} from './haven-under-test.js';

const PASSWORD = 'a long password for the test';

let haven: HavenUnderTest;
let site: Site;

describe.skipIf(isBrowserTestSkipped)('registering a household in the browser', () => {
  beforeAll(async () => {
    haven = await startHaven();
    // Adding a site takes an administrator (sites:manage); registering, a registrar of the site.
    const admin = await addUser(haven, {
      username: 'admin',
      displayName: 'Site Administrator',
      password: PASSWORD,
      role: 'administrator',
      countries: ['PL'],
      siteIds: [],
    });
    site = await createSite(await signInOverApi(haven, admin), {
      name: 'Medyka',
      countryCode: 'PL',
      latitude: 49.8044,
      longitude: 22.9339,
    });
    await addUser(haven, {
      username: 'anna.n',
      displayName: 'Anna Nowak',
      password: PASSWORD,
      role: 'registrar',
      countries: ['PL'],
      siteIds: [site.id],
    });
  });

  afterAll(async () => {
    await haven?.close();
  });

  it('registers a head and a child in English, then finds them in the Ukrainian list', async () => {
    // Tablet width: registrars work on tablets in tents.
    const context = await haven.browser.newContext({
      viewport: { width: 768, height: 1024 },
      locale: 'en-GB',
    });
    const page = await context.newPage();
    await page.goto(`${haven.baseUrl}/registrations/new`);
    await enterPassword(page, { username: 'anna.n', password: PASSWORD });
    // A registrar reads people: the first sign-in sets up the authenticator app.
    expect(new URL(page.url()).pathname).toBe('/login/authenticator');
    await screenshot(page, 'authenticator-768');
    await setUpAuthenticator(haven, page, 'anna.n');
    await page.waitForURL(/\/registrations\/new$/);

    await page.getByLabel('Site', { exact: true }).selectOption(site.id);
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
    await head
      .getByLabel(/^Note on this need: Woman unaccompanied/)
      .fill('Travels with her daughter; husband stayed in Lviv.');

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
    // The note went through encryption at rest and back to a registrar, who may read the need.
    await page.getByText('Travels with her daughter; husband stayed in Lviv.').waitFor();
    await page.getByText('anna.n').waitFor();
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
