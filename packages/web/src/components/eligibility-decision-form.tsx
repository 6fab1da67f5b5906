import {
  EligibilityDecisionInput,
  type EligibilityAssessment,
  type EligibilityRecommendation,
} from '@haven/contract';
import { PROTECTION_CATEGORIES, type ProtectionCategory } from '@haven/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describedByOf, LabelledField } from './labelled-field.js';
import { Refusal } from './refusal.js';

type Choice = 'confirm' | 'override';

const isCategory = (value: string): value is ProtectionCategory =>
  PROTECTION_CATEGORIES.some((category) => category === value);

/** Whether confirming settles anything: a recommendation still missing evidence decides nothing. */
export function isConfirmable(recommendation: EligibilityRecommendation): boolean {
  return recommendation.kind !== 'needs-evidence';
}

interface EligibilityDecisionFormProps {
  readonly assessment: EligibilityAssessment;
  readonly onDecide: (input: EligibilityDecisionInput) => void;
  readonly isPending: boolean;
  readonly error: Error | null;
}

/**
 * The caseworker's decision on a recommendation (GDPR Art. 22: no decision about a person by the
 * machine alone): confirm it, or override it with a reason, which is always required. A
 * recommendation that still needs evidence cannot be confirmed, only overridden.
 */
export function EligibilityDecisionForm({
  assessment,
  onDecide,
  isPending,
  error,
}: EligibilityDecisionFormProps) {
  const { t } = useTranslation();
  const canConfirm = isConfirmable(assessment.recommendation);
  const [choice, setChoice] = useState<Choice>(canConfirm ? 'confirm' : 'override');
  const [eligible, setEligible] = useState<'' | 'yes' | 'no'>('');
  const [category, setCategory] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const id = `decision-${assessment.id}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (choice === 'override') {
      if (eligible === '') {
        found.eligible = t('protection.decision.eligibleRequired');
      }
      if (eligible === 'yes' && !isCategory(category)) {
        found.category = t('protection.decision.categoryRequired');
      }
      if (!reason.trim()) {
        found.reason = t('protection.decision.reasonRequired');
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`${id}-${Object.keys(found)[0] ?? ''}`)?.focus();
      return;
    }
    const input: EligibilityDecisionInput =
      choice === 'confirm'
        ? { outcome: 'confirmed', ...(reason.trim() ? { reason: reason.trim() } : {}) }
        : {
            outcome: 'overridden',
            eligible: eligible === 'yes',
            category: eligible === 'yes' && isCategory(category) ? category : null,
            reason: reason.trim(),
          };
    // The same schema the server checks the body with.
    const checked = EligibilityDecisionInput.safeParse(input);
    if (checked.success) {
      onDecide(checked.data);
    }
  };

  return (
    <form className="decision-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('protection.decision.title')}</h4>
      <p className="hint">{t('protection.decision.intro')}</p>
      <fieldset>
        <legend>{t('protection.decision.choice')}</legend>
        {canConfirm && (
          <div className="checkbox">
            <input
              type="radio"
              id={`${id}-confirm`}
              name={`${id}-choice`}
              checked={choice === 'confirm'}
              onChange={() => setChoice('confirm')}
            />
            <label htmlFor={`${id}-confirm`}>{t('protection.decision.confirm')}</label>
          </div>
        )}
        <div className="checkbox">
          <input
            type="radio"
            id={`${id}-override`}
            name={`${id}-choice`}
            checked={choice === 'override'}
            onChange={() => setChoice('override')}
          />
          <label htmlFor={`${id}-override`}>{t('protection.decision.override')}</label>
        </div>
      </fieldset>
      {choice === 'override' && (
        <div className="grid">
          <LabelledField
            id={`${id}-eligible`}
            label={t('protection.decision.eligible')}
            error={errors.eligible}
          >
            <select
              id={`${id}-eligible`}
              value={eligible}
              onChange={(event) => {
                const value = event.target.value;
                setEligible(value === 'yes' || value === 'no' ? value : '');
              }}
              {...describedByOf(`${id}-eligible`, { error: errors.eligible })}
            >
              <option value="">{t('common.choose')}</option>
              <option value="yes">{t('protection.decision.eligibleYes')}</option>
              <option value="no">{t('protection.decision.eligibleNo')}</option>
            </select>
          </LabelledField>
          {eligible === 'yes' && (
            <LabelledField
              id={`${id}-category`}
              label={t('protection.category')}
              error={errors.category}
            >
              <select
                id={`${id}-category`}
                value={category}
                onChange={(event) => setCategory(event.target.value)}
                {...describedByOf(`${id}-category`, { error: errors.category })}
              >
                <option value="">{t('common.choose')}</option>
                {PROTECTION_CATEGORIES.map((code) => (
                  <option key={code} value={code}>
                    {code} — {t(`protection.categories.${code}`)}
                  </option>
                ))}
              </select>
            </LabelledField>
          )}
        </div>
      )}
      <LabelledField
        id={`${id}-reason`}
        label={t(
          choice === 'override'
            ? 'protection.decision.reasonOverride'
            : 'protection.decision.reasonConfirm',
        )}
        hint={t('protection.decision.reasonHint')}
        error={errors.reason}
        isOptional={choice === 'confirm'}
      >
        <textarea
          id={`${id}-reason`}
          name="reason"
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          {...describedByOf(`${id}-reason`, { hasHint: true, error: errors.reason })}
        />
      </LabelledField>
      <Refusal error={error} />
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={isPending || undefined}>
          {isPending
            ? t('protection.decision.saving')
            : t(
                choice === 'confirm'
                  ? 'protection.decision.submitConfirm'
                  : 'protection.decision.submitOverride',
              )}
        </button>
      </div>
    </form>
  );
}
