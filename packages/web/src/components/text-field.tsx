import type { HTMLInputTypeAttribute, ReactNode } from 'react';
import { fieldId, type FormError } from '../forms/form-errors.js';
import { describedBy } from './field-errors.js';
import { FieldFrame } from './field-frame.js';

interface TextFieldProps {
  /** The API's name of the field, e.g. 'household.members[0].givenName'. */
  readonly field: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly errors?: readonly FormError[];
  readonly hint?: ReactNode;
  readonly isOptional?: boolean;
  readonly type?: HTMLInputTypeAttribute;
  readonly inputMode?: 'text' | 'numeric' | 'search';
  readonly autoComplete?: string;
  readonly placeholder?: string;
  readonly maxLength?: number;
  readonly lang?: string;
  readonly max?: string;
  /** Shown below the input and read with it, e.g. the Latin form of a name. */
  readonly below?: ReactNode;
  readonly className?: string;
}

export function TextField({
  field,
  label,
  value,
  onChange,
  errors = [],
  hint,
  isOptional = false,
  below,
  className,
  ...input
}: TextFieldProps) {
  const id = fieldId(field);
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
      <input
        id={id}
        name={field}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={isInvalid || undefined}
        aria-describedby={describedBy(
          hint ? `${id}-hint` : undefined,
          below ? `${id}-below` : undefined,
          isInvalid && `${id}-error`,
        )}
        spellCheck={false}
        {...input}
      />
      {below && (
        <div id={`${id}-below`} className="below">
          {below}
        </div>
      )}
    </FieldFrame>
  );
}
