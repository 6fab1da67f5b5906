import type { FieldError, Problem } from '@haven/contract';

/** An HTTP error answered by the API, carrying its RFC 9457 problem details. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';

  constructor(readonly problem: Problem) {
    super(problem.title);
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
