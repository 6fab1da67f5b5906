import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormError } from '../forms/form-errors.js';
import { FieldErrors } from './field-errors.js';

interface FieldFrameProps {
  readonly id: string;
  readonly label: string;
  readonly errors: readonly FormError[];
  readonly hint?: ReactNode;
  readonly isOptional: boolean;
  readonly className?: string | undefined;
  /** The control itself, described by `${id}-hint` and `${id}-error`. */
  readonly children: ReactNode;
}

/** The label, hint and errors around one form control, the same for every kind of input. */
export function FieldFrame({
  id,
  label,
  errors,
  hint,
  isOptional,
  className,
  children,
}: FieldFrameProps) {
  const { t } = useTranslation();
  return (
    <div
      className={['field', className].filter(Boolean).join(' ')}
      data-invalid={errors.length > 0 || undefined}
    >
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
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
