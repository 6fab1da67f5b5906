import {
  HostCountry,
  Household,
  PROBLEM_CONTENT_TYPE,
  Problem,
  Registration,
  RegistrationPage,
  Session,
  Site,
  User,
  type LoginInput,
  type RegistrationInput,
  type RegistrationQuery,
  type UserChange,
  type UserInput,
} from '@haven/contract';
import { ProblemError } from './problem-error.js';
import type { HostCountryData, HouseholdData, RegistrationPageData } from './types.js';

export const API_PREFIX = '/api/v1';

/** Search filters as they travel in the query string; empty ones are left out. */
export type RegistrationSearch = Partial<Record<keyof RegistrationQuery, string>>;

interface Parser<T> {
  parse(data: unknown): T;
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes(PROBLEM_CONTENT_TYPE) || type.includes('application/json')) {
    const parsed = Problem.safeParse(await response.json().catch(() => undefined));
    if (parsed.success) {
      return parsed.data;
    }
  }
  // A proxy or captive portal answered instead of Haven.
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: 'http-error',
  };
}

/** Seconds the server asks to wait (RFC 9110 Retry-After, delay-seconds form only). */
function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after') ?? Number.NaN);
  return Number.isInteger(seconds) && seconds >= 0 ? seconds : undefined;
}

// The session's CSRF token, kept in memory only: the session cookie is HttpOnly and SameSite, and
// a token a script on another origin cannot read proves each unsafe request comes from this app
// (OWASP CSRF cheat sheet, synchronizer token pattern).
let csrfToken: string | undefined;

const isUnsafe = (method: string | undefined): boolean =>
  method !== undefined && !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) {
    headers.set('accept', 'application/json');
  }
  if (csrfToken && isUnsafe(init.method)) {
    headers.set('x-csrf-token', csrfToken);
  }
  const response = await fetch(`${API_PREFIX}${path}`, {
    ...init,
    credentials: 'same-origin',
    headers,
  });
  if (!response.ok) {
    throw new ProblemError(await problemOf(response), retryAfterOf(response));
  }
  return response;
}

async function request<T>(path: string, parser: Parser<T>, init: RequestInit = {}): Promise<T> {
  const response = await send(path, init);
  return parser.parse(await response.json());
}

const jsonBody = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The signed-in session, or null when nobody is signed in. */
export async function getSession(): Promise<Session | null> {
  try {
    const session = await request('/session', Session);
    csrfToken = session.csrfToken;
    return session;
  } catch (error) {
    if (error instanceof ProblemError && error.status === 401) {
      csrfToken = undefined;
      return null;
    }
    throw error;
  }
}

export async function signIn(input: LoginInput): Promise<Session> {
  const session = await request('/session', Session, jsonBody('POST', input));
  csrfToken = session.csrfToken;
  return session;
}

export async function signOut(): Promise<void> {
  try {
    await send('/session', { method: 'DELETE' });
  } finally {
    csrfToken = undefined;
  }
}

/** Forgets the CSRF token once the server says the session is gone. */
export function forgetSession(): void {
  csrfToken = undefined;
}

function queryString(search: RegistrationSearch): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) {
    if (value !== undefined && value !== '') {
      params.set(name, value);
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function listSites(): Promise<Site[]> {
  return request('/sites', Site.array());
}

/**
 * Registers a household. The idempotency key belongs to this exact body: resending it after a
 * lost answer stores the registration once and returns the original.
 */
export function registerHousehold(
  input: RegistrationInput,
  idempotencyKey: string,
): Promise<Registration> {
  return request('/registrations', Registration, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(input),
  });
}

export function listRegistrations(search: RegistrationSearch): Promise<RegistrationPageData> {
  return request(`/registrations${queryString(search)}`, RegistrationPage);
}

export function getRegistration(id: string): Promise<Registration> {
  return request(`/registrations/${encodeURIComponent(id)}`, Registration);
}

export function listHostCountries(): Promise<HostCountryData[]> {
  return request('/countries', HostCountry.array());
}

export function listUsers(): Promise<User[]> {
  return request('/users', User.array());
}

export function createUser(input: UserInput): Promise<User> {
  return request('/users', User, jsonBody('POST', input));
}

export function changeUser(id: string, change: UserChange): Promise<User> {
  return request(`/users/${encodeURIComponent(id)}`, User, jsonBody('PATCH', change));
}

export function getHousehold(id: string): Promise<HouseholdData> {
  return request(`/households/${encodeURIComponent(id)}`, Household);
}
