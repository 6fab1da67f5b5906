import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import type { Database } from './db/open.js';
import { createEphemeralKeyring } from './protection/keyring.js';
import { openTestDatabase } from './test-support/database.js';

let database: Database;
let app: FastifyInstance;
let webRoot: string;

beforeAll(async () => {
  webRoot = await mkdtemp(join(tmpdir(), 'haven-web-'));
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Haven</title>');
  database = await openTestDatabase();
  app = await buildApp({ db: database.db, keyring: createEphemeralKeyring(), webRoot });
});
afterAll(async () => {
  await app.close();
  await database.close();
  await rm(webRoot, { recursive: true, force: true });
});

describe('serving the web app beside the API', () => {
  it('loads the single-page app for any page a browser asks for', async () => {
    for (const url of ['/', '/registrations/new', '/households/123']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<title>Haven</title>');
    }
  });

  it('answers unknown API paths and non-HTML requests with a problem, not the page', async () => {
    for (const [url, accept] of [
      ['/api/v1/nothing', 'text/html'],
      ['/nothing.json', 'application/json'],
    ]) {
      const response = await app.inject({ method: 'GET', url, headers: { accept } });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
