import type { TFunction } from 'i18next';
import { ProblemError } from '../api/problem-error.js';
import { problemText } from '../i18n/problem-text.js';

const minutesOf = (seconds: number): number => Math.max(1, Math.ceil(seconds / 60));

/**
 * What a failed sign-in step says above its form: nothing when the fields carry the errors, how
 * long a locked name waits, or the problem's own text.
 */
export function signInFailureText(failure: Error | null, t: TFunction): string | undefined {
  if (failure === null || (failure instanceof ProblemError && failure.errors.length > 0)) {
    return undefined;
  }
  if (failure instanceof ProblemError && failure.code === 'locked') {
    return failure.retryAfterSeconds === undefined
      ? t('signIn.lockedLater')
      : t('signIn.locked', { count: minutesOf(failure.retryAfterSeconds) });
  }
  return problemText(failure, t);
}
