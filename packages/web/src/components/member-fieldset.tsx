import { CHILD_CARE_STATUSES, RELATIONSHIPS, SEXES, transliterateUkrainian } from '@haven/core';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../forms/form-errors.js';
import { noErrors, type ErrorsAt } from '../forms/errors-at.js';
import type { MemberDraft } from '../forms/registration-draft.js';
import { FieldErrors } from './field-errors.js';
import { DocumentsFieldset } from './documents-fieldset.js';
import { SelectField } from './select-field.js';
import { SpecificNeedsFieldset } from './specific-needs-fieldset.js';
import { TextField } from './text-field.js';

interface MemberFieldsetProps {
  readonly index: number;
  readonly member: MemberDraft;
  readonly onChange: (change: Partial<MemberDraft>) => void;
  /** Absent for the only member: a household has at least one. */
  readonly onRemove?: (() => void) | undefined;
  readonly errorsAt?: ErrorsAt;
}

type NameField = 'familyName' | 'givenName' | 'patronymic';
// Surname first, as on Ukrainian documents and in the registers people are used to.
const NAME_FIELDS: readonly NameField[] = ['familyName', 'givenName', 'patronymic'];

function nameChange(name: NameField, value: string): Partial<MemberDraft> {
  switch (name) {
    case 'familyName':
      return { familyName: value };
    case 'givenName':
      return { givenName: value };
    case 'patronymic':
      return { patronymic: value };
  }
}

/** One person of the household: names in their own script with the passport (KMU-55) Latin form beside. */
export function MemberFieldset({
  index,
  member,
  onChange,
  onRemove,
  errorsAt = noErrors,
}: MemberFieldsetProps) {
  const { t } = useTranslation();
  const at = `household.members[${index}]`;
  const number = index + 1;
  const groupErrors = errorsAt(at);
  return (
    <fieldset
      className="member"
      id={fieldId(at)}
      tabIndex={-1}
      data-has-error={groupErrors.length > 0 || undefined}
    >
      <legend>{t('member.legend', { number })}</legend>
      {onRemove && (
        <button type="button" className="secondary remove" onClick={onRemove}>
          {t('member.remove', { number })}
        </button>
      )}
      <FieldErrors id={`${fieldId(at)}-error`} errors={groupErrors} />
      <div className="grid">
        {NAME_FIELDS.map((name) => {
          const latin = transliterateUkrainian(member[name].trim());
          return (
            <TextField
              key={name}
              field={`${at}.${name}`}
              label={t(`member.${name}`)}
              value={member[name]}
              onChange={(value) => onChange(nameChange(name, value))}
              errors={errorsAt(`${at}.${name}`)}
              isOptional={name === 'patronymic'}
              autoComplete="off"
              maxLength={100}
              below={
                latin ? (
                  <span className="latin">{t('member.latinForm', { latin })}</span>
                ) : undefined
              }
            />
          );
        })}
      </div>
      <div className="grid">
        <SelectField
          field={`${at}.sex`}
          label={t('member.sex')}
          value={member.sex}
          onChange={(value) => onChange({ sex: SEXES.find((sex) => sex === value) ?? '' })}
          errors={errorsAt(`${at}.sex`)}
        >
          {SEXES.map((sex) => (
            <option key={sex} value={sex}>
              {t(`codes.sex.${sex}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          field={`${at}.birthDate`}
          label={t('member.birthDate')}
          hint={t('member.birthDateHint')}
          value={member.birthDate}
          onChange={(value) => onChange({ birthDate: value })}
          errors={errorsAt(`${at}.birthDate`)}
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('member.birthDatePlaceholder')}
          maxLength={10}
        />
        <TextField
          field={`${at}.nationality`}
          label={t('member.nationality')}
          hint={t('member.nationalityHint')}
          value={member.nationality}
          onChange={(value) => onChange({ nationality: value.toUpperCase() })}
          errors={errorsAt(`${at}.nationality`)}
          autoComplete="off"
          maxLength={3}
          className="narrow"
        />
      </div>
      <div className="grid wide">
        <SelectField
          field={`${at}.relationshipToHead`}
          label={t('member.relationshipToHead')}
          value={member.relationshipToHead}
          onChange={(value) =>
            onChange({
              relationshipToHead:
                RELATIONSHIPS.find((relationship) => relationship === value) ?? '',
            })
          }
          errors={errorsAt(`${at}.relationshipToHead`)}
        >
          {RELATIONSHIPS.map((relationship) => (
            <option key={relationship} value={relationship}>
              {t(`codes.relationship.${relationship}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          field={`${at}.childCareStatus`}
          label={t('member.childCareStatus')}
          value={member.childCareStatus}
          onChange={(value) =>
            onChange({
              childCareStatus: CHILD_CARE_STATUSES.find((status) => status === value) ?? '',
            })
          }
          errors={errorsAt(`${at}.childCareStatus`)}
          placeholder={t('member.childCareStatusNone')}
        >
          {CHILD_CARE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`codes.childCareStatus.${status}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <DocumentsFieldset
        at={at}
        documents={member.documents}
        onChange={(documents) => onChange({ documents })}
        errorsAt={errorsAt}
      />
      <SpecificNeedsFieldset
        at={at}
        needs={member.specificNeeds}
        onChange={(specificNeeds) => onChange({ specificNeeds })}
        errorsAt={errorsAt}
      />
    </fieldset>
  );
}
