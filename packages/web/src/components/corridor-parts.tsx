import type { CorridorStatus } from '@haven/contract';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem-error.js';
import { fieldId, fieldName, firstErrorPerField, type FormError } from '../forms/form-errors.js';
import { formatTimestamp } from '../i18n/code-labels.js';
import { evacuationProblemText, manifestProblemText } from '../i18n/evacuation-problems.js';
import { colourOfStatus } from './map-types.js';

/** A corridor's status as a coloured label; the colour matches its line on the map. */
export function CorridorStatusBadge({ status }: { readonly status: CorridorStatus }) {
  const { t } = useTranslation();
  return (
    <span className="status-badge" style={{ backgroundColor: colourOfStatus(status) }}>
      {t(`corridors.status.${status}`)}
    </span>
  );
}

/** A timestamp in the reader's language, or a dash for none. */
export function When({ at }: { readonly at: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!at) {
    return <>–</>;
  }
  return <time dateTime={at}>{formatTimestamp(at, i18n.resolvedLanguage ?? i18n.language)}</time>;
}

/**
 * '2022-03-05T09:30' as a datetime-local input gives it (the device's time zone) to an ISO
 * timestamp with offset, as the contract's Timestamp wants; '' stays undefined.
 */
export function timestampOf(local: string): string | undefined {
  if (local.trim() === '') {
    return undefined;
  }
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

/** An ISO timestamp as a datetime-local input shows it, in the device's time zone. */
export function localInputOf(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The field errors of a zod check, one per field, as the forms show them. */
export function formErrorsOf(
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[],
): FormError[] {
  return firstErrorPerField(
    issues.map((issue) => ({
      field: fieldName(issue.path),
      message: issue.message,
      ...(issue.code === undefined ? {} : { code: issue.code }),
    })),
  );
}

/**
 * A field error of this area in the current language. Messages the server words for this area
 * and the contract's table does not know yet are shown as they are rather than as 'not valid'.
 */
export function areaErrorText(error: Pick<FormError, 'message' | 'code'>, t: TFunction): string {
  return manifestProblemText(error, t);
}

/** The messages of one field, under its input (ids as in field-errors.tsx). */
export function AreaFieldErrors({
  id,
  errors,
}: {
  readonly id: string;
  readonly errors: readonly FormError[];
}) {
  const { t } = useTranslation();
  if (errors.length === 0) {
    return null;
  }
  return (
    <div id={id} className="field-error">
      {errors.map((error, i) => (
        <p key={i}>{areaErrorText(error, t)}</p>
      ))}
    </div>
  );
}

/** A failed write in words: the problem's field errors go to the form, the rest here. */
export function WriteFailure({ error }: { readonly error: Error | null }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  const isFieldProblem = error instanceof ProblemError && error.errors.length > 0;
  return (
    <div className="banner banner-error" role="alert">
      <p>{isFieldProblem ? t('corridors.form.fixFields') : evacuationProblemText(error, t)}</p>
    </div>
  );
}

/** The field errors a failed write carries, for the form to place under its inputs. */
export function fieldErrorsOfFailure(error: unknown): FormError[] {
  return error instanceof ProblemError ? firstErrorPerField(error.errors) : [];
}

/** The agreed time window of a status: start and end, in the device's time zone. */
export function WindowFields({
  start,
  end,
  onChange,
  errorsAt,
}: {
  readonly start: string;
  readonly end: string;
  readonly onChange: (window: { windowStart: string; windowEnd: string }) => void;
  readonly errorsAt: (field: string) => readonly FormError[];
}) {
  const { t } = useTranslation();
  return (
    <>
      {(['windowStart', 'windowEnd'] as const).map((field) => {
        const id = fieldId(field);
        const errors = errorsAt(field);
        return (
          <div key={field} className="field" data-invalid={errors.length > 0 || undefined}>
            <label htmlFor={id}>
              {t(`corridors.fields.${field}`)}{' '}
              <span className="optional">({t('common.optional')})</span>
            </label>
            <input
              id={id}
              name={field}
              type="datetime-local"
              value={field === 'windowStart' ? start : end}
              onChange={(event) =>
                onChange({
                  windowStart: field === 'windowStart' ? event.target.value : start,
                  windowEnd: field === 'windowEnd' ? event.target.value : end,
                })
              }
              aria-invalid={errors.length > 0 || undefined}
              aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
            />
            <AreaFieldErrors id={`${id}-error`} errors={errors} />
          </div>
        );
      })}
    </>
  );
}
