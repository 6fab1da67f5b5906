import type { FieldError, Problem } from '@haven/contract';

/** An HTTP error answered by the API, carrying its RFC 9457 problem details. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';

  constructor(
    readonly problem: Problem,
    /** How long the server asks to wait before trying again (Retry-After), in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.title);
  }

  /** The stable machine-readable code, e.g. 'unauthenticated' or 'locked'. */
  get code(): string {
    return this.problem.code;
  }

  get status(): number {
    return this.problem.status;
  }

  /** Every invalid field the server named. */
  get errors(): readonly FieldError[] {
    return this.problem.errors ?? [];
  }
}

/** A request that never got an answer: offline, DNS, connection reset. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}

/** Worth resending unchanged: no answer at all, or the server asked for a retry (503). */
export function isRetryable(error: unknown): boolean {
  return isNetworkError(error) || (error instanceof ProblemError && error.status === 503);
}

/** The server no longer knows who is asking: the session expired or was ended elsewhere. */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ProblemError && error.status === 401 && error.code === 'unauthenticated';
}

/** The server refused an unsafe request whose CSRF token is not the session's (OWASP ASVS 4.2.2). */
export function isCsrfRefused(error: unknown): boolean {
  return error instanceof ProblemError && error.status === 403 && error.code === 'csrf';
}

/** The session was signed in by password alone and must pass the second factor first. */
export function isSecondFactorRequired(error: unknown): boolean {
  return error instanceof ProblemError && error.status === 403 && error.code === 'mfa-required';
}
