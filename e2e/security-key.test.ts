import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  enterPassword,
  isBrowserTestSkipped,
  screenshot,
  startHaven,
  type HavenUnderTest,
} from './haven-under-test.js';

const REGISTRAR = {
  username: 'k.melnyk',
  displayName: 'Kateryna Melnyk',
  password: 'a long password for the test',
  role: 'registrar' as const,
  countries: ['PL'],
  siteIds: [],
};

let haven: HavenUnderTest;

describe.skipIf(isBrowserTestSkipped)('a security key as the second factor', () => {
  beforeAll(async () => {
    haven = await startHaven();
    await addUser(haven, REGISTRAR);
  });
  afterAll(() => haven.close());

  it('is set up at the first sign-in and then passes the second step with a touch', async () => {
    const context = await haven.browser.newContext();
    const page = await context.newPage();
    // Chromium's virtual authenticator (DevTools protocol) stands in for a USB key. WebAuthn
    // binds keys to a name, never an IP address: the app is opened as localhost.
    const devtools = await context.newCDPSession(page);
    await devtools.send('WebAuthn.enable');
    await devtools.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'usb',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const origin = haven.baseUrl.replace('127.0.0.1', 'localhost');

    await page.goto(`${origin}/registrations`);
    await enterPassword(page, REGISTRAR);
    await page.waitForURL(/\/login\/authenticator/);
    await page.getByLabel('Name of the key').fill('Blue key');
    await page.getByRole('button', { name: 'Set up a security key' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('listitem')
          .filter({ hasText: /^[A-Z0-9]{4}-/ })
          .count(),
      )
      .toBe(10);
    await screenshot(page, 'security-key-recovery-codes');
    await page.getByLabel('I have saved these recovery codes').check();
    await page.getByRole('button', { name: 'Continue to Haven' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registrations' }).waitFor();

    // A later sign-in: the second step offers the key.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${origin}/registrations`);
    await enterPassword(page, REGISTRAR);
    await page.waitForURL(/\/login\/second-factor/);
    await page.getByRole('button', { name: 'Use my security key' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registrations' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/registrations');
    await context.close();
  });
});
