import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { Database } from '../db/open.js';
import { createEphemeralKeyring } from '../protection/keyring.js';
import { openTestDatabase } from '../test-support/database.js';
import { testUser } from '../test-support/factories.js';

let database: Database;
let plain: FastifyInstance;
let behindTls: FastifyInstance;
let caseworker: Record<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  const keyring = createEphemeralKeyring();
  plain = await buildApp({ db: database.db, keyring, requestsPerMinute: 5 });
  behindTls = await buildApp({
    db: database.db,
    keyring,
    trustProxy: true,
    corsOrigins: ['https://partner.example'],
  });
  caseworker = (await testUser(database.db, 'caseworker', { countries: ['PL'], siteIds: [] }))
    .headers;
});
afterAll(async () => {
  await plain.close();
  await behindTls.close();
  await database.close();
});

describe('security headers', () => {
  it('forbid framing, sniffing, referrers and foreign scripts', async () => {
    const response = await behindTls.inject({ method: 'GET', url: '/api/v1/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('ask for HTTPS only when a TLS proxy fronts Haven, so a plain-HTTP field laptop still works', async () => {
    const tls = await behindTls.inject({ method: 'GET', url: '/api/v1/health' });
    expect(tls.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(String(tls.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    const http = await plain.inject({ method: 'GET', url: '/api/v1/health' });
    expect(http.headers['strict-transport-security']).toBeUndefined();
    expect(String(http.headers['content-security-policy'])).not.toContain(
      'upgrade-insecure-requests',
    );
  });
});

describe('CORS', () => {
  it('lets no other origin read the API by default', async () => {
    const response = await plain.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured origins', async () => {
    const allowed = await behindTls.inject({
      method: 'OPTIONS',
      url: '/api/v1/registrations',
      headers: { origin: 'https://partner.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://partner.example');
    const other = await behindTls.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('limits and errors', () => {
  it('refuses a body over a megabyte with a problem, before reading it whole', async () => {
    const response = await behindTls.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: {
        ...caseworker,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      payload: JSON.stringify({ filler: 'x'.repeat(1_100_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers broken JSON with a problem that shows no stack trace or internals', async () => {
    const response = await behindTls.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: {
        ...caseworker,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      payload: '{"siteId": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).not.toMatch(/at .*\.(?:js|ts):\d+|node_modules|SELECT|INSERT/);
  });

  it('limits requests per client address with a 429 problem', async () => {
    // `plain` allows 5 requests a minute; earlier tests in this file used some of them.
    const responses = [];
    for (let i = 0; i < 6; i += 1) {
      responses.push(
        await plain.inject({ method: 'GET', url: '/api/v1/countries', headers: caseworker }),
      );
    }
    const last = responses.at(-1);
    expect(last?.statusCode).toBe(429);
    expect(last?.headers['content-type']).toContain('application/problem+json');
    expect(last?.json()).toMatchObject({ status: 429, code: 'rate-limited' });
  });
});
