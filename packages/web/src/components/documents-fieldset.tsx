import { DOCUMENT_TYPES } from '@haven/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../forms/form-errors.js';
import { noErrors, type ErrorsAt } from '../forms/errors-at.js';
import { emptyDocument, type DocumentDraft } from '../forms/registration-draft.js';
import { FieldErrors } from './field-errors.js';
import { SelectField } from './select-field.js';
import { TextField } from './text-field.js';

interface DocumentsFieldsetProps {
  /** The member's field path, e.g. 'household.members[0]'. */
  readonly at: string;
  readonly documents: readonly DocumentDraft[];
  readonly onChange: (documents: readonly DocumentDraft[]) => void;
  readonly errorsAt?: ErrorsAt;
}

/** The identity documents a member shows; a document is identified by type, issuing country and number. */
export function DocumentsFieldset({
  at,
  documents,
  onChange,
  errorsAt = noErrors,
}: DocumentsFieldsetProps) {
  const { t } = useTranslation();
  const addButton = useRef<HTMLButtonElement>(null);
  const group = `${at}.documents`;
  const groupErrors = errorsAt(group);
  const change = (index: number, patch: Partial<DocumentDraft>) =>
    onChange(documents.map((document, i) => (i === index ? { ...document, ...patch } : document)));
  const add = () => {
    onChange([...documents, emptyDocument()]);
  };
  const remove = (index: number) => {
    onChange(documents.filter((_, i) => i !== index));
    // The removed row took the focus with it; keep the registrar's place in the form.
    addButton.current?.focus();
  };
  return (
    <fieldset
      className="subgroup"
      id={fieldId(group)}
      tabIndex={-1}
      data-has-error={groupErrors.length > 0 || undefined}
    >
      <legend>{t('document.legend')}</legend>
      <FieldErrors id={`${fieldId(group)}-error`} errors={groupErrors} />
      {documents.length === 0 && <p className="muted">{t('document.none')}</p>}
      {documents.map((document, j) => {
        const item = `${group}[${j}]`;
        const number = j + 1;
        return (
          <div
            className="document grid"
            key={document.key}
            role="group"
            aria-label={t('document.item', { number })}
          >
            <SelectField
              field={`${item}.type`}
              label={t('document.type')}
              value={document.type}
              onChange={(value) =>
                change(j, { type: DOCUMENT_TYPES.find((type) => type === value) ?? '' })
              }
              errors={errorsAt(`${item}.type`)}
            >
              {DOCUMENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`codes.documentType.${type}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              field={`${item}.issuingCountry`}
              label={t('document.issuingCountry')}
              hint={t('document.issuingCountryHint')}
              value={document.issuingCountry}
              onChange={(value) => change(j, { issuingCountry: value.toUpperCase() })}
              errors={errorsAt(`${item}.issuingCountry`)}
              autoComplete="off"
              maxLength={3}
            />
            <TextField
              field={`${item}.number`}
              label={t('document.number')}
              value={document.number}
              onChange={(value) => change(j, { number: value })}
              errors={errorsAt(`${item}.number`)}
              autoComplete="off"
              maxLength={40}
            />
            <div className="row-action">
              <button type="button" className="secondary" onClick={() => remove(j)}>
                {t('document.remove', { number })}
              </button>
            </div>
          </div>
        );
      })}
      <button type="button" className="secondary" ref={addButton} onClick={add}>
        {t('document.add')}
      </button>
    </fieldset>
  );
}
