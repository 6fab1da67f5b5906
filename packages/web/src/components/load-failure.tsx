import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem-error.js';

/** A page's data could not be loaded: say why in words and offer to try again. */
export function LoadFailure({
  error,
  onRetry,
}: {
  readonly error: Error;
  readonly onRetry: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-error" role="alert">
      <p>
        {error instanceof ProblemError
          ? t('problems.server', { title: error.problem.title })
          : t('problems.network')}
      </p>
      <button type="button" className="secondary" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
