import { UKRAINE_ADMIN_UNITS, type UkraineAdminUnit } from '@haven/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { adminUnitName, adminUnitOptionLabel } from '../i18n/code-labels.js';
import { fieldId, type FormError } from '../forms/form-errors.js';
import { SelectField } from './select-field.js';

interface OriginPickerProps {
  readonly oblastPcode: string;
  readonly raionPcode: string;
  readonly onChange: (origin: { oblastPcode: string; raionPcode: string }) => void;
  readonly errors?: readonly FormError[];
}

function sortedByName(units: readonly UkraineAdminUnit[], language: string): UkraineAdminUnit[] {
  return [...units].sort((a, b) =>
    adminUnitName(a, language).localeCompare(adminUnitName(b, language), language),
  );
}

/**
 * Where the household comes from, as an OCHA P-code (COD-AB): the oblast, then the raion when
 * the person knows it. Names show in both languages.
 */
export function OriginPicker({
  oblastPcode,
  raionPcode,
  onChange,
  errors = [],
}: OriginPickerProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const oblasts = useMemo(
    () =>
      sortedByName(
        UKRAINE_ADMIN_UNITS.filter((unit) => unit.level === 1),
        language,
      ),
    [language],
  );
  const raions = useMemo(
    () =>
      sortedByName(
        UKRAINE_ADMIN_UNITS.filter((unit) => unit.level === 2 && unit.parent === oblastPcode),
        language,
      ),
    [language, oblastPcode],
  );
  return (
    <>
      <SelectField
        field="originPcode"
        label={t('register.oblast')}
        value={oblastPcode}
        onChange={(value) => onChange({ oblastPcode: value, raionPcode: '' })}
        errors={errors}
      >
        {oblasts.map((unit) => (
          <option key={unit.pcode} value={unit.pcode}>
            {adminUnitOptionLabel(unit, language)}
          </option>
        ))}
      </SelectField>
      <SelectField
        field="originPcode"
        id={`${fieldId('originPcode')}-raion`}
        label={t('register.raion')}
        value={raionPcode}
        onChange={(value) => onChange({ oblastPcode, raionPcode: value })}
        isOptional
        isDisabled={raions.length === 0}
        placeholder={t('register.wholeOblast')}
      >
        {raions.map((unit) => (
          <option key={unit.pcode} value={unit.pcode}>
            {adminUnitOptionLabel(unit, language)}
          </option>
        ))}
      </SelectField>
    </>
  );
}
