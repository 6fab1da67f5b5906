import type { Site } from '@haven/contract';
import { useTranslation } from 'react-i18next';
import { useSites } from '../api/queries.js';
import { countryName } from '../i18n/code-labels.js';
import type { FormError } from '../forms/form-errors.js';
import { SelectField } from './select-field.js';

interface SiteSelectProps {
  readonly field: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (siteId: string) => void;
  readonly errors?: readonly FormError[];
  /** Text of the empty choice, e.g. 'All sites' in a search. */
  readonly placeholder?: string;
  readonly isOptional?: boolean;
  /** Only the sites where the signed-in user may register (the server decides: `canRegister`). */
  readonly isRegisteringOnly?: boolean;
}

function byCountry(sites: readonly Site[]): Map<string, Site[]> {
  const groups = new Map<string, Site[]>();
  for (const site of sites) {
    groups.set(site.countryCode, [...(groups.get(site.countryCode) ?? []), site]);
  }
  return groups;
}

/** The sites from GET /sites, grouped by host country. */
export function SiteSelect({
  field,
  label,
  value,
  onChange,
  errors,
  placeholder,
  isOptional,
  isRegisteringOnly = false,
}: SiteSelectProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const sites = useSites();
  const offered = (sites.data ?? []).filter((site) => !isRegisteringOnly || site.canRegister);
  const groups = byCountry(offered);
  const hint = sites.isPending
    ? t('register.sitesLoading')
    : sites.isError
      ? t('problems.network')
      : sites.data.length === 0
        ? t('register.noSites')
        : offered.length === 0
          ? t('register.noRegisterableSites')
          : undefined;
  return (
    <SelectField
      field={field}
      label={label}
      value={value}
      onChange={onChange}
      errors={errors}
      hint={hint}
      placeholder={placeholder}
      isOptional={isOptional}
    >
      {[...groups].map(([countryCode, countrySites]) => (
        <optgroup key={countryCode} label={countryName(countryCode, language)}>
          {countrySites.map((site) => (
            <option key={site.id} value={site.id}>
              {`${site.name} — ${t(`codes.siteKind.${site.kind}`)}`}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}
