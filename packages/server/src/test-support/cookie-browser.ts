import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** A browser's view of a cookie session: the cookie and the CSRF token of the last answer. */
export interface CookieBrowser {
  cookie: string;
  csrfToken: string;
  /** Each browser its own address: the per-address rate limit is not what tests are about. */
  address: string;
  /** The Host the browser asks for (security keys are bound to it). */
  host: string;
}

const anyAddress = () =>
  `127.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

/** Takes the new cookie and CSRF token from an answer, as a browser and the web app do. */
export function adopt(browser: CookieBrowser, response: LightMyRequestResponse): void {
  const cookie = response.cookies.find((c) => c.name === 'haven_session');
  if (cookie) {
    browser.cookie = `haven_session=${cookie.value}`;
  }
  const body = response.json<{ csrfToken?: string; session?: { csrfToken: string } }>();
  browser.csrfToken = body.session?.csrfToken ?? body.csrfToken ?? browser.csrfToken;
}

/** Signs in by password from a fresh browser. */
export async function signInBrowser(
  app: FastifyInstance,
  username: string,
  password: string,
  host = 'localhost',
): Promise<{ browser: CookieBrowser; secondFactor: string }> {
  const address = anyAddress();
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers: { 'content-type': 'application/json', host },
    payload: { username, password },
    remoteAddress: address,
  });
  expect(response.statusCode, response.body).toBe(200);
  const browser: CookieBrowser = { cookie: '', csrfToken: '', address, host };
  adopt(browser, response);
  return { browser, secondFactor: response.json<{ secondFactor: string }>().secondFactor };
}

export function sendAs(
  app: FastifyInstance,
  browser: CookieBrowser,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
) {
  return app.inject({
    method,
    url,
    remoteAddress: browser.address,
    headers: {
      host: browser.host,
      cookie: browser.cookie,
      'x-csrf-token': browser.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}
