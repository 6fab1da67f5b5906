import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface LabelledFieldProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: ReactNode;
  /** The message, already in the page's language. */
  readonly error?: string | undefined;
  readonly isOptional?: boolean;
  /** The control, with id `id`, described by `${id}-hint` and `${id}-error` (see {@link describedByOf}). */
  readonly children: ReactNode;
}

/**
 * Label, hint and error around one control of the protection and cash forms, whose messages are
 * written for each field rather than mapped from the contract's wording.
 */
export function LabelledField({
  id,
  label,
  hint,
  error,
  isOptional = false,
  children,
}: LabelledFieldProps) {
  const { t } = useTranslation();
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      <label htmlFor={id}>
        {label}
        {isOptional && <span className="optional"> ({t('common.optional')})</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <div id={`${id}-error`} className="field-error">
          <p>{error}</p>
        </div>
      )}
    </div>
  );
}

/** The aria attributes of a control inside {@link LabelledField}. */
export function describedByOf(
  id: string,
  { hasHint = false, error }: { readonly hasHint?: boolean; readonly error?: string | undefined },
): { 'aria-describedby'?: string; 'aria-invalid'?: true } {
  const ids = [hasHint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return {
    ...(ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {}),
    ...(error ? { 'aria-invalid': true } : {}),
  };
}
