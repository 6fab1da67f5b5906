import type { TFunction } from 'i18next';
import { ProblemError } from '../api/problem-error.js';

/** What went wrong with a request, in the current language, by the problem's stable code. */
export function problemText(error: unknown, t: TFunction): string {
  if (!(error instanceof ProblemError)) {
    return t('problems.network');
  }
  switch (error.code) {
    case 'forbidden':
      return t('problems.forbidden');
    case 'csrf':
      return t('problems.csrf');
    default:
      return t('problems.server', { title: error.problem.title });
  }
}
