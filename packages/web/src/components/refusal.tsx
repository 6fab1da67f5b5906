import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem-error.js';
import { problemText } from '../i18n/problem-text.js';

/**
 * Why the server refused a write, in full: its title, its explanation and every field it named
 * (a status change that is not allowed, a payment to a person whose status ceased…).
 */
export function Refusal({
  error,
  labelOf,
}: {
  readonly error: Error | null;
  /** Names a field the way the page shows it (a member's name for 'personIds[2]'). */
  readonly labelOf?: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  const problem = error instanceof ProblemError ? error.problem : undefined;
  return (
    <div className="banner banner-error" role="alert">
      <p>{problemText(error, t)}</p>
      {problem?.detail && <p>{problem.detail}</p>}
      {problem?.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((fieldError) => (
            <li key={`${fieldError.field}-${fieldError.message}`}>
              {labelOf?.(fieldError.field) ?? <span className="code">{fieldError.field}</span>}:{' '}
              {fieldError.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
