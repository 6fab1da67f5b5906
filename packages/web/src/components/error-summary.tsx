import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel } from '../forms/field-label.js';
import { fieldId, placedFieldOf, type PlacedErrors } from '../forms/form-errors.js';
import { validationText } from '../forms/validation-message.js';

interface ErrorSummaryProps {
  readonly placed: PlacedErrors;
  readonly ref?: Ref<HTMLDivElement>;
}

/** Every error of the form in one list, each linked to its input (GOV.UK error-summary pattern). */
export function ErrorSummary({ placed, ref }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const errors = placed.inFormOrder;
  if (errors.length === 0) {
    return null;
  }
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('register.errorSummary')}</h2>
      <p>{t('register.errorCount', { count: errors.length })}</p>
      <ul>
        {errors.map((error, i) => {
          const text = `${fieldLabel(error.field, t)}: ${validationText(error, t)}`;
          const field = placedFieldOf(error, placed);
          if (field === undefined) {
            return <li key={i}>{text}</li>;
          }
          const id = fieldId(field);
          return (
            <li key={i}>
              <a
                href={`#${id}`}
                onClick={(event) => {
                  event.preventDefault();
                  const target = document.getElementById(id);
                  target?.scrollIntoView({ block: 'center' });
                  target?.focus();
                }}
              >
                {text}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
