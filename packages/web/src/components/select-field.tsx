import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, type FormError } from '../forms/form-errors.js';
import { describedBy } from './field-errors.js';
import { FieldFrame } from './field-frame.js';

interface SelectFieldProps {
  readonly field: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The <option>s; an empty first option is added unless `placeholder` is false. */
  readonly children: ReactNode;
  readonly errors?: readonly FormError[];
  readonly hint?: ReactNode;
  readonly isOptional?: boolean;
  /** Text of the empty first option; false for none. */
  readonly placeholder?: string | false;
  /** Overrides the id derived from `field` (a second input for the same field). */
  readonly id?: string;
  readonly isDisabled?: boolean;
  readonly className?: string;
}

export function SelectField({
  field,
  label,
  value,
  onChange,
  children,
  errors = [],
  hint,
  isOptional = false,
  placeholder,
  id = fieldId(field),
  isDisabled = false,
  className,
}: SelectFieldProps) {
  const { t } = useTranslation();
  const isInvalid = errors.length > 0;
  return (
    <FieldFrame
      id={id}
      label={label}
      errors={errors}
      hint={hint}
      isOptional={isOptional}
      className={className}
    >
      <select
        id={id}
        name={field}
        value={value}
        disabled={isDisabled}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={isInvalid || undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : undefined, isInvalid && `${id}-error`)}
      >
        {placeholder !== false && <option value="">{placeholder ?? t('common.choose')}</option>}
        {children}
      </select>
    </FieldFrame>
  );
}
