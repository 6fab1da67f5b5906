import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test-support/factories.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 generated from the contract schemas, with every route', async () => {
    const response = await api.get('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/registrations',
        '/api/v1/registrations/{id}',
        '/api/v1/households/{id}',
        '/api/v1/sites',
        '/api/v1/countries',
      ]),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'NewRegistration',
        'Registration',
        'Problem',
        'NewPerson',
        'Household',
      ]),
    );
    const create = document.paths['/api/v1/registrations'].post;
    expect(create.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true }),
      ]),
    );
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '409']));
  });

  it('says how to sign in and what each operation requires, from the endpoint policy', async () => {
    const document = (await api.get('/api/v1/openapi.json')).json();
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual([
      'apiToken',
      'session',
    ]);
    expect(document.paths['/api/v1/health'].get.security).toEqual([]);
    const read = document.paths['/api/v1/registrations/{id}'].get;
    expect(read.security).toEqual([{ session: [] }, { apiToken: [] }]);
    expect(read['x-required-permission']).toBe('persons:read');
  });

  it('is browsable', async () => {
    const response = await api.get('/api/v1/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});
