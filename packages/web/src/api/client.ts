import {
  HostCountry,
  Household,
  IdentityMatches,
  IdentityReviewPage,
  IdentityReviewPair,
  type IdentityReviewDecisionInput,
  MfaEnrolled,
  MfaEnrolment,
  PROBLEM_CONTENT_TYPE,
  Problem,
  Registration,
  RegistrationCreated,
  RegistrationPage,
  SecurityKeyEnrolled,
  Session,
  WebAuthnOptions,
  Site,
  User,
  type LoginInput,
  type MfaVerification,
  type RegistrationInput,
  type RegistrationQuery,
  type UserChange,
  type UserInput,
} from '@haven/contract';
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
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

/** Sends one request to the API; a refusal throws a {@link ProblemError}. */
export async function send(path: string, init: RequestInit = {}): Promise<Response> {
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

/** Sends one request and checks the answer against its contract schema. */
export async function request<T>(
  path: string,
  parser: Parser<T>,
  init: RequestInit = {},
): Promise<T> {
  const response = await send(path, init);
  return parser.parse(await response.json());
}

export const jsonBody = (method: string, body: unknown): RequestInit => ({
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

/** Starts setting up an authenticator app: a new secret and its otpauth:// URI. */
export function startMfaEnrolment(): Promise<MfaEnrolment> {
  return request('/session/mfa/enrolment', MfaEnrolment, { method: 'POST' });
}

/**
 * Confirms the authenticator with its first code. The server answers with a new session (new
 * cookie and CSRF token: the password-only one is ended) and the recovery codes, shown once.
 */
export async function confirmMfaEnrolment(code: string): Promise<MfaEnrolled> {
  const enrolled = await request(
    '/session/mfa/enrolment/confirmation',
    MfaEnrolled,
    jsonBody('POST', { code }),
  );
  csrfToken = enrolled.session.csrfToken;
  return enrolled;
}

/** Passes the second factor with a code or a recovery code; a new session comes back. */
export async function verifySecondFactor(input: MfaVerification): Promise<Session> {
  const session = await request('/session/mfa/verification', Session, jsonBody('POST', input));
  csrfToken = session.csrfToken;
  return session;
}

/**
 * Sets up a security key or passkey: the server's options, the browser's ceremony (a touch of
 * the key), the server's check. A new session comes back, with recovery codes when this is the
 * first second factor.
 */
export async function enrolSecurityKey(name: string): Promise<SecurityKeyEnrolled> {
  const options = await request('/session/security-keys/registration-options', WebAuthnOptions, {
    method: 'POST',
  });
  // The server's options are the spec's JSON form; the library reads them as such.
  const credential = await startRegistration({ optionsJSON: options as never });
  const enrolled = await request(
    '/session/security-keys',
    SecurityKeyEnrolled,
    jsonBody('POST', { name, credential }),
  );
  csrfToken = enrolled.session.csrfToken;
  return enrolled;
}

/** Passes the second factor with a security key; a new session comes back. */
export async function passWithSecurityKey(): Promise<Session> {
  const options = await request('/session/security-keys/authentication-options', WebAuthnOptions, {
    method: 'POST',
  });
  const credential = await startAuthentication({ optionsJSON: options as never });
  const session = await request(
    '/session/security-keys/authentication',
    Session,
    jsonBody('POST', { credential }),
  );
  csrfToken = session.csrfToken;
  return session;
}

/** Removes a user's authenticator (a lost phone); they set up a new one at the next sign-in. */
export async function resetSecondFactor(userId: string): Promise<void> {
  await send(`/users/${encodeURIComponent(userId)}/mfa`, { method: 'DELETE' });
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
): Promise<RegistrationCreated> {
  return request('/registrations', RegistrationCreated, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(input),
  });
}

/** Earlier registrations that may be the household's members; the server stores nothing. */
export function previewRegistration(
  input: RegistrationInput,
  signal?: AbortSignal,
): Promise<IdentityMatches> {
  return request('/registrations/preview', IdentityMatches, {
    ...jsonBody('POST', input),
    ...(signal ? { signal } : {}),
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

/** Pending pairs of the identity review queue in the user's scope, most likely duplicates first. */
export function listReviewPairs(cursor?: string): Promise<IdentityReviewPage> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return request(`/identity-review/pairs${query}`, IdentityReviewPage);
}

export function getReviewPair(id: string): Promise<IdentityReviewPair> {
  return request(`/identity-review/pairs/${encodeURIComponent(id)}`, IdentityReviewPair);
}

/** Records a reviewer's decision; sending the standing decision again changes nothing. */
export function decideReviewPair(
  id: string,
  input: IdentityReviewDecisionInput,
): Promise<IdentityReviewPair> {
  return request(
    `/identity-review/pairs/${encodeURIComponent(id)}/decision`,
    IdentityReviewPair,
    jsonBody('POST', input),
  );
}
