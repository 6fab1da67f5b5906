import { CONSENT_METHODS, CONSENT_PURPOSES } from '@haven/core';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../forms/form-errors.js';
import { noErrors, type ErrorsAt } from '../forms/errors-at.js';
import type { ConsentDraft, MemberDraft } from '../forms/registration-draft.js';
import { FieldErrors, describedBy } from './field-errors.js';
import { SelectField } from './select-field.js';

interface ConsentFieldsetProps {
  readonly consent: ConsentDraft;
  readonly members: readonly MemberDraft[];
  readonly onChange: (change: Partial<ConsentDraft>) => void;
  readonly errorsAt?: ErrorsAt;
}

/** What the person agreed to, who agreed (a guardian for a child) and how (GDPR Art. 7). */
export function ConsentFieldset({
  consent,
  members,
  onChange,
  errorsAt = noErrors,
}: ConsentFieldsetProps) {
  const { t } = useTranslation();
  const purposesId = fieldId('consent.purposes');
  const purposeErrors = errorsAt('consent.purposes');
  const isPurposesInvalid = purposeErrors.length > 0;
  const memberName = (member: MemberDraft, index: number): string => {
    const name = [member.familyName, member.givenName, member.patronymic]
      .map((part) => part.trim())
      .join(' ')
      .trim();
    return `${index + 1}. ${name || t('member.legend', { number: index + 1 })}`;
  };
  return (
    <fieldset className="section">
      <legend>{t('consent.legend')}</legend>
      <fieldset
        className="subgroup"
        id={purposesId}
        aria-describedby={describedBy(
          `${purposesId}-hint`,
          isPurposesInvalid && `${purposesId}-error`,
        )}
      >
        <legend>{t('consent.purposes')}</legend>
        <p id={`${purposesId}-hint`} className="hint">
          {t('consent.purposesHint')}
        </p>
        <FieldErrors id={`${purposesId}-error`} errors={purposeErrors} />
        <div className="checkboxes">
          {CONSENT_PURPOSES.map((purpose) => (
            <div className="checkbox" key={purpose}>
              <input
                type="checkbox"
                id={`${purposesId}-${purpose}`}
                checked={consent.purposes.includes(purpose)}
                aria-invalid={isPurposesInvalid || undefined}
                onChange={(event) =>
                  onChange({
                    purposes: event.target.checked
                      ? CONSENT_PURPOSES.filter(
                          (p) => p === purpose || consent.purposes.includes(p),
                        )
                      : consent.purposes.filter((p) => p !== purpose),
                  })
                }
              />
              <label htmlFor={`${purposesId}-${purpose}`}>
                {t(`codes.consentPurpose.${purpose}`)}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="grid">
        <SelectField
          field="consent.givenByMember"
          label={t('consent.givenBy')}
          hint={t('consent.givenByHint')}
          value={String(consent.givenByMember)}
          onChange={(value) => onChange({ givenByMember: Number(value) })}
          errors={errorsAt('consent.givenByMember')}
          placeholder={false}
        >
          {members.map((member, index) => (
            <option key={member.key} value={index}>
              {memberName(member, index)}
            </option>
          ))}
        </SelectField>
        <SelectField
          field="consent.method"
          label={t('consent.method')}
          value={consent.method}
          onChange={(value) =>
            onChange({ method: CONSENT_METHODS.find((method) => method === value) ?? '' })
          }
          errors={errorsAt('consent.method')}
        >
          {CONSENT_METHODS.map((method) => (
            <option key={method} value={method}>
              {t(`codes.consentMethod.${method}`)}
            </option>
          ))}
        </SelectField>
      </div>
    </fieldset>
  );
}
