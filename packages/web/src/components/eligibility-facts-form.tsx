import type { FieldError } from '@haven/contract';
import {
  ANCHOR_CATEGORIES,
  EVIDENCE_KINDS,
  FAMILY_RELATIONSHIPS,
  UKRAINE_RESIDENCE_TITLES,
  type AnchorCategory,
  type EvidenceKind,
  type FamilyRelationship,
  type UkraineResidenceTitle,
} from '@haven/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem-error.js';
import type { EligibilityAssessmentBody } from '../api/temporary-protection.js';
import { countryName } from '../i18n/code-labels.js';
import { describedByOf, LabelledField } from './labelled-field.js';
import { Refusal } from './refusal.js';

type Known = '' | 'yes' | 'no';

const knownOf = (value: Known): boolean | null => (value === '' ? null : value === 'yes');
const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  list.some((item) => item === value);

interface Facts {
  readonly countryCode: string;
  readonly birthDate: string;
  readonly nationality: string;
  readonly resided: Known;
  readonly title: string;
  readonly leftUkraineOn: string;
  readonly arrivedOn: string;
  readonly canReturnSafely: Known;
  readonly hasFamilyLink: boolean;
  readonly relationship: string;
  readonly anchorCategory: string;
  readonly familyResided: Known;
  readonly unmarried: Known;
  readonly livedInFamilyUnit: Known;
  readonly dependent: Known;
  readonly evidence: readonly EvidenceKind[];
}

/** What the caseworker knows of the person already: the registration's facts. */
export interface KnownPerson {
  readonly birthDate: string;
  readonly nationality: string;
  readonly arrivedOn: string | null;
}

interface EligibilityFactsFormProps {
  readonly countries: readonly string[];
  readonly defaultCountry: string;
  readonly person: KnownPerson | undefined;
  readonly onAssess: (input: EligibilityAssessmentBody) => void;
  readonly isPending: boolean;
  readonly error: Error | null;
}

/**
 * The facts eligibility is assessed from (Decision 2022/382 Art. 2 and the country's variant):
 * nationality and residence in Ukraine before 24 February 2022, the day of leaving, whether the
 * person can return safely, a family link, and the evidence seen. "Not known" is a valid answer:
 * the recommendation then says what is missing.
 */
export function EligibilityFactsForm({
  countries,
  defaultCountry,
  person,
  onAssess,
  isPending,
  error,
}: EligibilityFactsFormProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [facts, setFacts] = useState<Facts>({
    countryCode: defaultCountry,
    birthDate: person?.birthDate ?? '',
    nationality: person?.nationality ?? '',
    resided: '',
    title: '',
    leftUkraineOn: '',
    arrivedOn: person?.arrivedOn ?? '',
    canReturnSafely: '',
    hasFamilyLink: false,
    relationship: '',
    anchorCategory: '',
    familyResided: '',
    unmarried: '',
    livedInFamilyUnit: '',
    dependent: '',
    evidence: [],
  });
  const set =
    <K extends keyof Facts>(name: K) =>
    (value: Facts[K]) =>
      setFacts((current) => ({ ...current, [name]: value }));
  const isUkrainian = facts.nationality.trim().toUpperCase() === 'UKR';
  const serverErrors: readonly FieldError[] = error instanceof ProblemError ? error.errors : [];
  const errorAt = (field: string): string | undefined => {
    const found = serverErrors.find(
      (fieldError) => fieldError.field === field || fieldError.field === `facts.${field}`,
    );
    return found ? found.message : undefined;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const relationship = isOneOf<FamilyRelationship>(FAMILY_RELATIONSHIPS, facts.relationship)
      ? facts.relationship
      : undefined;
    const anchorCategory = isOneOf<AnchorCategory>(ANCHOR_CATEGORIES, facts.anchorCategory)
      ? facts.anchorCategory
      : undefined;
    const title = isOneOf<UkraineResidenceTitle>(UKRAINE_RESIDENCE_TITLES, facts.title)
      ? facts.title
      : null;
    onAssess({
      countryCode: facts.countryCode,
      facts: {
        birthDate: facts.birthDate.trim(),
        nationality: facts.nationality.trim().toUpperCase(),
        residedInUkraineBeforeInvasion: knownOf(facts.resided),
        ukraineResidenceTitle: isUkrainian ? null : title,
        leftUkraineOn: facts.leftUkraineOn || null,
        arrivedOn: facts.arrivedOn || null,
        canReturnSafely: isUkrainian ? null : knownOf(facts.canReturnSafely),
        familyLink:
          facts.hasFamilyLink && relationship && anchorCategory
            ? {
                relationship,
                anchorCategory,
                anchorPersonId: null,
                familyResidedInUkraineBeforeInvasion: knownOf(facts.familyResided),
                unmarried: relationship === 'minor-child' ? knownOf(facts.unmarried) : null,
                livedInFamilyUnit:
                  relationship === 'dependent-relative' ? knownOf(facts.livedInFamilyUnit) : null,
                whollyOrMainlyDependent:
                  relationship === 'dependent-relative' ? knownOf(facts.dependent) : null,
              }
            : null,
        evidence: [...facts.evidence],
      },
    });
  };

  const knownSelect = (id: string, label: string, value: Known, onChange: (v: Known) => void) => (
    <LabelledField id={id} label={label} error={errorAt(id.replace(/^facts-/, ''))}>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const next = event.target.value;
          onChange(next === 'yes' || next === 'no' ? next : '');
        }}
      >
        <option value="">{t('protection.assess.notKnown')}</option>
        <option value="yes">{t('protection.assess.yes')}</option>
        <option value="no">{t('protection.assess.no')}</option>
      </select>
    </LabelledField>
  );

  return (
    <form className="assessment-form" onSubmit={submit} noValidate aria-labelledby="assess-title">
      <h3 id="assess-title">{t('protection.assess.title')}</h3>
      <p className="hint">{t('protection.assess.intro')}</p>
      <div className="grid">
        <LabelledField id="assess-country" label={t('protection.assess.country')}>
          <select
            id="assess-country"
            value={facts.countryCode}
            onChange={(event) => set('countryCode')(event.target.value)}
          >
            {countries.map((code) => (
              <option key={code} value={code}>
                {countryName(code, language)}
              </option>
            ))}
          </select>
        </LabelledField>
        <LabelledField
          id="facts-birthDate"
          label={t('protection.facts.birthDate')}
          hint={t('protection.assess.birthDateHint')}
          error={errorAt('birthDate')}
        >
          <input
            id="facts-birthDate"
            value={facts.birthDate}
            inputMode="numeric"
            maxLength={10}
            onChange={(event) => set('birthDate')(event.target.value)}
            {...describedByOf('facts-birthDate', { hasHint: true, error: errorAt('birthDate') })}
          />
        </LabelledField>
        <LabelledField
          id="facts-nationality"
          label={t('protection.facts.nationality')}
          hint={t('protection.assess.nationalityHint')}
          error={errorAt('nationality')}
        >
          <input
            id="facts-nationality"
            value={facts.nationality}
            maxLength={3}
            onChange={(event) => set('nationality')(event.target.value)}
            {...describedByOf('facts-nationality', {
              hasHint: true,
              error: errorAt('nationality'),
            })}
          />
        </LabelledField>
        {knownSelect(
          'facts-residedInUkraineBeforeInvasion',
          t('protection.facts.residedInUkraineBeforeInvasion'),
          facts.resided,
          set('resided'),
        )}
        {!isUkrainian && (
          <LabelledField
            id="facts-ukraineResidenceTitle"
            label={t('protection.facts.ukraineResidenceTitle')}
            error={errorAt('ukraineResidenceTitle')}
          >
            <select
              id="facts-ukraineResidenceTitle"
              value={facts.title}
              onChange={(event) => set('title')(event.target.value)}
            >
              <option value="">{t('protection.assess.notKnown')}</option>
              {UKRAINE_RESIDENCE_TITLES.map((title) => (
                <option key={title} value={title}>
                  {t(`protection.residenceTitles.${title}`)}
                </option>
              ))}
            </select>
          </LabelledField>
        )}
        <LabelledField
          id="facts-leftUkraineOn"
          label={t('protection.facts.leftUkraineOn')}
          error={errorAt('leftUkraineOn')}
          isOptional
        >
          <input
            id="facts-leftUkraineOn"
            type="date"
            value={facts.leftUkraineOn}
            onChange={(event) => set('leftUkraineOn')(event.target.value)}
            {...describedByOf('facts-leftUkraineOn', { error: errorAt('leftUkraineOn') })}
          />
        </LabelledField>
        <LabelledField
          id="facts-arrivedOn"
          label={t('protection.facts.arrivedOn')}
          error={errorAt('arrivedOn')}
          isOptional
        >
          <input
            id="facts-arrivedOn"
            type="date"
            value={facts.arrivedOn}
            onChange={(event) => set('arrivedOn')(event.target.value)}
            {...describedByOf('facts-arrivedOn', { error: errorAt('arrivedOn') })}
          />
        </LabelledField>
        {!isUkrainian &&
          knownSelect(
            'facts-canReturnSafely',
            t('protection.facts.canReturnSafely'),
            facts.canReturnSafely,
            set('canReturnSafely'),
          )}
      </div>

      <fieldset className="subgroup">
        <legend>{t('protection.assess.familyTitle')}</legend>
        <div className="checkbox">
          <input
            type="checkbox"
            id="facts-hasFamilyLink"
            checked={facts.hasFamilyLink}
            onChange={(event) => set('hasFamilyLink')(event.target.checked)}
          />
          <label htmlFor="facts-hasFamilyLink">{t('protection.assess.hasFamilyLink')}</label>
        </div>
        {facts.hasFamilyLink && (
          <div className="grid">
            <LabelledField id="facts-relationship" label={t('protection.facts.relationship')}>
              <select
                id="facts-relationship"
                value={facts.relationship}
                onChange={(event) => set('relationship')(event.target.value)}
              >
                <option value="">{t('common.choose')}</option>
                {FAMILY_RELATIONSHIPS.map((relationship) => (
                  <option key={relationship} value={relationship}>
                    {t(`protection.relationships.${relationship}`)}
                  </option>
                ))}
              </select>
            </LabelledField>
            <LabelledField id="facts-anchorCategory" label={t('protection.facts.anchorCategory')}>
              <select
                id="facts-anchorCategory"
                value={facts.anchorCategory}
                onChange={(event) => set('anchorCategory')(event.target.value)}
              >
                <option value="">{t('common.choose')}</option>
                {ANCHOR_CATEGORIES.map((category) => (
                  <option key={category} value={category}>
                    {category} — {t(`protection.categories.${category}`)}
                  </option>
                ))}
              </select>
            </LabelledField>
            {knownSelect(
              'facts-familyResidedInUkraineBeforeInvasion',
              t('protection.facts.familyResidedInUkraineBeforeInvasion'),
              facts.familyResided,
              set('familyResided'),
            )}
            {facts.relationship === 'minor-child' &&
              knownSelect(
                'facts-unmarried',
                t('protection.facts.unmarried'),
                facts.unmarried,
                set('unmarried'),
              )}
            {facts.relationship === 'dependent-relative' && (
              <>
                {knownSelect(
                  'facts-livedInFamilyUnit',
                  t('protection.facts.livedInFamilyUnit'),
                  facts.livedInFamilyUnit,
                  set('livedInFamilyUnit'),
                )}
                {knownSelect(
                  'facts-whollyOrMainlyDependent',
                  t('protection.facts.whollyOrMainlyDependent'),
                  facts.dependent,
                  set('dependent'),
                )}
              </>
            )}
          </div>
        )}
      </fieldset>

      <fieldset className="subgroup">
        <legend>{t('protection.assess.evidenceTitle')}</legend>
        <p className="hint">{t('protection.assess.evidenceHint')}</p>
        <div className="checkboxes">
          {EVIDENCE_KINDS.map((kind) => (
            <div className="checkbox" key={kind}>
              <input
                type="checkbox"
                id={`evidence-${kind}`}
                checked={facts.evidence.includes(kind)}
                onChange={(event) =>
                  set('evidence')(
                    event.target.checked
                      ? [...facts.evidence, kind]
                      : facts.evidence.filter((seen) => seen !== kind),
                  )
                }
              />
              <label htmlFor={`evidence-${kind}`}>{t(`protection.evidence.${kind}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>

      <Refusal error={error} />
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={isPending || undefined}>
          {isPending ? t('protection.assess.assessing') : t('protection.assess.submit')}
        </button>
      </div>
    </form>
  );
}
