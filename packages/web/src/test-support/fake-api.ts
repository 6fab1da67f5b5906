import type { SecondFactorMethod, SecondFactorStatus, Session } from '@haven/contract';
import type { Permission, Role } from '@haven/core';
import { vi } from 'vitest';

export interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  readonly credentials: RequestCredentials | undefined;
  readonly body: unknown;
}

export interface FakeReply {
  readonly status?: number;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
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
      credentials: init.credentials,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const reply = await handler(request);
    const status = reply.status ?? 200;
    // A 204 has no body at all (the Fetch standard refuses one).
    return new Response(status === 204 ? null : JSON.stringify(reply.body ?? null), {
      status,
      headers: {
        'content-type':
          reply.contentType ?? (status >= 400 ? 'application/problem+json' : 'application/json'),
        ...reply.headers,
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
  canRegister: true,
} as const;

export const CSRF_TOKEN = 'csrf-token-of-the-test-session';

/** A signed-in session; by default a registrar at {@link SITE}. */
export function buildSession(
  overrides: {
    role?: Role;
    permissions?: readonly Permission[];
    isDemo?: boolean;
    secondFactor?: SecondFactorStatus;
    secondFactorMethods?: readonly SecondFactorMethod[];
  } = {},
): Session {
  return {
    user: {
      id: '7d4c1d2e-3b5a-4f6e-8a9b-0c1d2e3f4a5b',
      username: 'olena.k',
      displayName: 'Olena Kovalenko',
      role: overrides.role ?? 'registrar',
      countries: ['PL'],
      siteIds: [SITE.id],
      isDemo: overrides.isDemo ?? false,
      disabled: false,
      createdAt: '2026-01-10T08:00:00.000Z',
    },
    permissions: [...(overrides.permissions ?? ['registrations:create', 'persons:read'])],
    secondFactor: overrides.secondFactor ?? 'passed',
    secondFactorMethods: [...(overrides.secondFactorMethods ?? ['authenticator-app'])],
    csrfToken: CSRF_TOKEN,
    expiresAt: '2099-01-01T00:00:00.000Z',
  };
}

export const UNAUTHENTICATED: FakeReply = {
  status: 401,
  body: {
    type: 'about:blank',
    title: 'Sign in first',
    status: 401,
    code: 'unauthenticated',
  },
};

/** A minimal API: a signed-in registrar, one site, no registrations. Anything else is a 404 problem. */
export const quietApi: Handler = ({ method, path }) => {
  if (method === 'GET' && path === '/api/v1/session') {
    return { body: buildSession() };
  }
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
