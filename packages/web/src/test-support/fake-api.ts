import { vi } from 'vitest';

export interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface FakeReply {
  readonly status?: number;
  readonly body?: unknown;
  readonly contentType?: string;
}

type Handler = (request: SentRequest) => FakeReply | Promise<FakeReply>;

/**
 * Replaces fetch, the app's only way out, with a fake Haven API. The handler answers by method
 * and path (query string included); every request is recorded for assertions.
 */
export function fakeApi(handler: Handler): { readonly requests: SentRequest[] } {
  const requests: SentRequest[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const request: SentRequest = {
      method: init.method ?? 'GET',
      path: input,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const reply = await handler(request);
    const status = reply.status ?? 200;
    return new Response(JSON.stringify(reply.body ?? null), {
      status,
      headers: {
        'content-type':
          reply.contentType ?? (status >= 400 ? 'application/problem+json' : 'application/json'),
      },
    });
  });
  return { requests };
}

export const SITE = {
  id: '5b0c3e0e-8f5a-4c55-9d76-3f0f2f4d9a11',
  name: 'Medyka',
  countryCode: 'PL',
  kind: 'border-crossing',
  latitude: 49.8044,
  longitude: 22.9339,
} as const;

/** A minimal API: one site, no registrations. Anything else is a 404 problem. */
export const quietApi: Handler = ({ method, path }) => {
  if (method === 'GET' && path === '/api/v1/sites') {
    return { body: [SITE] };
  }
  if (method === 'GET' && path.startsWith('/api/v1/registrations?')) {
    return { body: { items: [], nextCursor: null } };
  }
  return {
    status: 404,
    body: { type: 'about:blank', title: 'No such resource', status: 404, code: 'not-found' },
  };
};
