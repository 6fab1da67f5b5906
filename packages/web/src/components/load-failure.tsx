import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem-error.js';
import { problemText } from '../i18n/problem-text.js';

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
      <p>{problemText(error, t)}</p>
      {/* Asking again changes nothing for a role that may not see this. */}
      {!(error instanceof ProblemError && error.code === 'forbidden') && (
        <button type="button" className="secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
