import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test-support/factories.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const site = (overrides: Record<string, unknown> = {}) => ({
  name: 'Siret',
  countryCode: 'RO',
  kind: 'border-crossing',
  latitude: 47.9531,
  longitude: 26.0625,
  ...overrides,
});

describe('sites', () => {
  it('lists the host countries', async () => {
    const response = await api.get('/api/v1/countries');
    expect(response.json().map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['PL', 'RO', 'HU', 'SK', 'MD']),
    );
  });

  it('creates a site once per idempotency key and lists it by country', async () => {
    const key = randomUUID();
    const asAdmin = { ...api.admin, 'idempotency-key': key };
    const first = await api.post('/api/v1/sites', site(), asAdmin);
    const again = await api.post('/api/v1/sites', site(), asAdmin);
    expect(first.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const listed = await api.get('/api/v1/sites?countryCode=RO', api.admin);
    expect(listed.json()).toEqual([first.json()]);
  });

  it.each([
    ['an unknown country code', { countryCode: 'XX' }, 'countryCode'],
    ['a country that is not a host country here', { countryCode: 'US' }, 'countryCode'],
    ['a latitude off the globe', { latitude: 123 }, 'latitude'],
    ['an unknown kind', { kind: 'airport' }, 'kind'],
    ['an empty name', { name: '' }, 'name'],
  ])('refuses %s, naming the field', async (_label, overrides, field) => {
    const response = await api.post('/api/v1/sites', site(overrides), api.admin);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });
});
