import {
  Household,
  PROBLEM_CONTENT_TYPE,
  Problem,
  Registration,
  RegistrationPage,
  Site,
  type RegistrationInput,
  type RegistrationQuery,
} from '@haven/contract';
import { ProblemError } from './problem-error.js';
import type { HouseholdData, RegistrationPageData } from './types.js';

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

async function request<T>(path: string, parser: Parser<T>, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${API_PREFIX}${path}`, {
    ...init,
    headers: { accept: 'application/json', ...init.headers },
  });
  if (!response.ok) {
    throw new ProblemError(await problemOf(response));
  }
  return parser.parse(await response.json());
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

export function getHousehold(id: string): Promise<HouseholdData> {
  return request(`/households/${encodeURIComponent(id)}`, Household);
}
