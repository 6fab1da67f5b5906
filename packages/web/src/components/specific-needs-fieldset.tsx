import { SPECIFIC_NEED_CATEGORIES } from '@haven/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { needCategoryLabel, needLabel } from '../i18n/code-labels.js';
import { fieldId } from '../forms/form-errors.js';
import { noErrors, type ErrorsAt } from '../forms/errors-at.js';
import type { NeedDraft } from '../forms/registration-draft.js';
import { FieldErrors, describedBy } from './field-errors.js';
import { SensitivityBadge } from './sensitivity-badge.js';

interface SpecificNeedsFieldsetProps {
  /** The member's field path, e.g. 'household.members[0]'. */
  readonly at: string;
  readonly needs: readonly NeedDraft[];
  readonly onChange: (needs: readonly NeedDraft[]) => void;
  readonly errorsAt?: ErrorsAt;
}

const categoryOf = (code: string): string => code.split('-')[0] ?? code;

const NOTE_MAX_CHARS = 2000;

/**
 * UNHCR specific needs, one collapsible group per category so the long list stays out of the
 * way; each category says how sensitive its data is (GDPR Art. 9 health data, protection).
 * A ticked need takes an optional note, which the server stores encrypted (issue #4).
 */
export function SpecificNeedsFieldset({
  at,
  needs,
  onChange,
  errorsAt = noErrors,
}: SpecificNeedsFieldsetProps) {
  const { t } = useTranslation();
  const group = `${at}.specificNeeds`;
  const id = fieldId(group);
  const groupErrors = errorsAt(group);
  const codes = needs.map((need) => need.code);
  const [openCategories, setOpenCategories] = useState<ReadonlySet<string>>(
    () => new Set(codes.map(categoryOf)),
  );
  const toggleCode = (code: string, isChecked: boolean) =>
    onChange(
      isChecked ? [...needs, { code, note: '' }] : needs.filter((need) => need.code !== code),
    );
  const setNote = (code: string, note: string) =>
    onChange(needs.map((need) => (need.code === code ? { ...need, note } : need)));
  const toggleCategory = (category: string, isOpen: boolean) =>
    setOpenCategories((current) => {
      if (current.has(category) === isOpen) {
        return current;
      }
      const next = new Set(current);
      if (isOpen) {
        next.add(category);
      } else {
        next.delete(category);
      }
      return next;
    });
  return (
    <fieldset
      className="subgroup needs"
      id={id}
      tabIndex={-1}
      aria-describedby={describedBy(`${id}-hint`, groupErrors.length > 0 && `${id}-error`)}
      data-has-error={groupErrors.length > 0 || undefined}
    >
      <legend>
        {t('needs.legend')}
        {codes.length > 0 && (
          <span className="count"> · {t('needs.selected', { count: codes.length })}</span>
        )}
      </legend>
      <p id={`${id}-hint`} className="hint">
        {t('needs.hint')}
      </p>
      <FieldErrors id={`${id}-error`} errors={groupErrors} />
      {SPECIFIC_NEED_CATEGORIES.map((category) => {
        const summaryId = `${id}-${category.code}`;
        const selected = codes.filter((code) => categoryOf(code) === category.code).length;
        return (
          <details
            key={category.code}
            open={openCategories.has(category.code)}
            onToggle={(event) => toggleCategory(category.code, event.currentTarget.open)}
          >
            <summary id={summaryId}>
              <span className="summary-label">{needCategoryLabel(category.code, t)}</span>
              <SensitivityBadge sensitivity={category.sensitivity} />
              {selected > 0 && (
                <span className="count">{t('needs.selected', { count: selected })}</span>
              )}
            </summary>
            <div className="checkboxes" role="group" aria-labelledby={summaryId}>
              {Object.keys(category.details).map((detail) => {
                const code = `${category.code}-${detail}`;
                const inputId = `${id}-${code}`;
                const index = codes.indexOf(code);
                const need = needs[index];
                return (
                  <div className="need" key={code}>
                    <div className="checkbox">
                      <input
                        type="checkbox"
                        id={inputId}
                        checked={need !== undefined}
                        onChange={(event) => toggleCode(code, event.target.checked)}
                      />
                      <label htmlFor={inputId}>{needLabel(code, t)}</label>
                    </div>
                    {need && (
                      <NeedNote
                        field={`${group}[${index}].note`}
                        needText={needLabel(code, t)}
                        value={need.note}
                        onChange={(note) => setNote(code, note)}
                        errorsAt={errorsAt}
                      />
                    )}
                  </div>
                );
              })}
            </div>
          </details>
        );
      })}
    </fieldset>
  );
}

interface NeedNoteProps {
  readonly field: string;
  readonly needText: string;
  readonly value: string;
  readonly onChange: (note: string) => void;
  readonly errorsAt: ErrorsAt;
}

/** Free text about one need; several lines allowed. Labelled with its need for screen readers. */
function NeedNote({ field, needText, value, onChange, errorsAt }: NeedNoteProps) {
  const { t } = useTranslation();
  const id = fieldId(field);
  const errors = errorsAt(field);
  const isInvalid = errors.length > 0;
  return (
    <div className="field need-note" data-invalid={isInvalid || undefined}>
      <label htmlFor={id}>
        {t('needs.note')}
        <span className="visually-hidden">: {needText}</span>
        <span className="optional"> ({t('common.optional')})</span>
      </label>
      <p id={`${id}-hint`} className="hint">
        {t('needs.noteHint')}
      </p>
      <textarea
        id={id}
        name={field}
        value={value}
        rows={3}
        maxLength={NOTE_MAX_CHARS}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={isInvalid || undefined}
        aria-describedby={describedBy(`${id}-hint`, isInvalid && `${id}-error`)}
      />
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
