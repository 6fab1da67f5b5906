import { useTranslation } from 'react-i18next';
import type { FormError } from '../forms/form-errors.js';
import { validationText } from '../forms/validation-message.js';

interface FieldErrorsProps {
  readonly id: string;
  readonly errors: readonly FormError[];
}

/** The messages of one field, translated; referenced by the input's aria-describedby. */
export function FieldErrors({ id, errors }: FieldErrorsProps) {
  const { t } = useTranslation();
  if (errors.length === 0) {
    return null;
  }
  return (
    <div id={id} className="field-error">
      {errors.map((error, i) => (
        <p key={i}>{validationText(error, t)}</p>
      ))}
    </div>
  );
}

/** The ids an input is described by, leaving out the ones not rendered. */
export function describedBy(...ids: readonly (string | false | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return present.length > 0 ? present.join(' ') : undefined;
}
