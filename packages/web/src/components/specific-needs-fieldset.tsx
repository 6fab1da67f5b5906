import { SPECIFIC_NEED_CATEGORIES } from '@haven/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { needCategoryLabel, needLabel } from '../i18n/code-labels.js';
import { fieldId } from '../forms/form-errors.js';
import { noErrors, type ErrorsAt } from '../forms/errors-at.js';
import { FieldErrors, describedBy } from './field-errors.js';
import { SensitivityBadge } from './sensitivity-badge.js';

interface SpecificNeedsFieldsetProps {
  /** The member's field path, e.g. 'household.members[0]'. */
  readonly at: string;
  readonly codes: readonly string[];
  readonly onChange: (codes: readonly string[]) => void;
  readonly errorsAt?: ErrorsAt;
}

const categoryOf = (code: string): string => code.split('-')[0] ?? code;

/**
 * UNHCR specific needs, one collapsible group per category so the long list stays out of the
 * way; each category says how sensitive its data is (GDPR Art. 9 health data, protection).
 */
export function SpecificNeedsFieldset({
  at,
  codes,
  onChange,
  errorsAt = noErrors,
}: SpecificNeedsFieldsetProps) {
  const { t } = useTranslation();
  const group = `${at}.specificNeeds`;
  const id = fieldId(group);
  const groupErrors = errorsAt(group);
  const [openCategories, setOpenCategories] = useState<ReadonlySet<string>>(
    () => new Set(codes.map(categoryOf)),
  );
  const toggleCode = (code: string, isChecked: boolean) =>
    onChange(isChecked ? [...codes, code] : codes.filter((c) => c !== code));
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
                return (
                  <div className="checkbox" key={code}>
                    <input
                      type="checkbox"
                      id={inputId}
                      checked={codes.includes(code)}
                      onChange={(event) => toggleCode(code, event.target.checked)}
                    />
                    <label htmlFor={inputId}>{needLabel(code, t)}</label>
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
