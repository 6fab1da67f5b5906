import type { NewStatusEvent, StatusEventOutcome } from '@haven/contract';
import {
  PROTECTION_STATUSES,
  REASONS_BY_STATUS,
  STATUS_REASONS,
  type ProtectionStatus,
  type StatusReason,
} from '@haven/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describedByOf, LabelledField } from './labelled-field.js';
import { Refusal } from './refusal.js';

const isStatus = (value: string): value is ProtectionStatus =>
  PROTECTION_STATUSES.some((status) => status === value);
const isReason = (value: string): value is StatusReason =>
  STATUS_REASONS.some((reason) => reason === value);

/** Today in UTC as 'YYYY-MM-DD', the day a change takes effect unless the caseworker says otherwise. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

interface StatusChangeFormProps {
  readonly countryCode: string;
  readonly countryLabel: string;
  /** Only the statuses the timeline allows next (the server refuses the rest anyway). */
  readonly nextStatuses: readonly ProtectionStatus[];
  readonly onRecord: (input: NewStatusEvent) => void;
  readonly isPending: boolean;
  readonly error: Error | null;
  readonly outcome: StatusEventOutcome | undefined;
}

/** The next step of a country's status timeline: only allowed steps, a reason where the law asks one. */
export function StatusChangeForm({
  countryCode,
  countryLabel,
  nextStatuses,
  onRecord,
  isPending,
  error,
  outcome,
}: StatusChangeFormProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(todayIso);
  const [validUntil, setValidUntil] = useState('');
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const id = `status-${countryCode}`;
  const reasons = isStatus(status) ? (REASONS_BY_STATUS[status] ?? []) : [];
  const isReasonRequired = ['suspended', 'lapsed', 'ceased'].includes(status);

  if (nextStatuses.length === 0) {
    return <p className="muted">{t('protection.change.noneAllowed')}</p>;
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!isStatus(status)) {
      found.status = t('protection.change.statusRequired');
    }
    if (isReasonRequired && !isReason(reason)) {
      found.reason = t('protection.change.reasonRequired');
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveOn)) {
      found.effectiveOn = t('protection.change.dateRequired');
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !isStatus(status)) {
      return;
    }
    onRecord({
      countryCode,
      status,
      effectiveOn,
      ...(isReason(reason) && reasons.includes(reason) ? { reason } : {}),
      ...(validUntil ? { validUntil } : {}),
    });
  };

  return (
    <form className="status-change" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('protection.change.title', { country: countryLabel })}</h4>
      <div className="grid">
        <LabelledField
          id={`${id}-status`}
          label={t('protection.change.status')}
          error={errors.status}
        >
          <select
            id={`${id}-status`}
            value={status}
            onChange={(event) => {
              setStatus(event.target.value);
              setReason('');
            }}
            {...describedByOf(`${id}-status`, { error: errors.status })}
          >
            <option value="">{t('common.choose')}</option>
            {nextStatuses.map((next) => (
              <option key={next} value={next}>
                {t(`protection.statuses.${next}`)}
              </option>
            ))}
          </select>
        </LabelledField>
        {reasons.length > 0 && (
          <LabelledField
            id={`${id}-reason`}
            label={t('protection.change.reason')}
            error={errors.reason}
            isOptional={!isReasonRequired}
          >
            <select
              id={`${id}-reason`}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              {...describedByOf(`${id}-reason`, { error: errors.reason })}
            >
              <option value="">{t('common.choose')}</option>
              {reasons.map((code) => (
                <option key={code} value={code}>
                  {t(`protection.reasons.${code}`)}
                </option>
              ))}
            </select>
          </LabelledField>
        )}
        <LabelledField
          id={`${id}-effectiveOn`}
          label={t('protection.change.effectiveOn')}
          error={errors.effectiveOn}
        >
          <input
            id={`${id}-effectiveOn`}
            type="date"
            value={effectiveOn}
            onChange={(event) => setEffectiveOn(event.target.value)}
            {...describedByOf(`${id}-effectiveOn`, { error: errors.effectiveOn })}
          />
        </LabelledField>
        <LabelledField
          id={`${id}-validUntil`}
          label={t('protection.change.validUntil')}
          hint={t('protection.change.validUntilHint')}
          isOptional
        >
          <input
            id={`${id}-validUntil`}
            type="date"
            value={validUntil}
            onChange={(event) => setValidUntil(event.target.value)}
            {...describedByOf(`${id}-validUntil`, { hasHint: true })}
          />
        </LabelledField>
      </div>
      {outcome?.outcome === 'held' && (
        <div className="banner banner-error" role="alert">
          <p>{t('protection.change.held')}</p>
        </div>
      )}
      {outcome?.outcome === 'recorded' && (
        <div className="banner banner-success" role="status">
          <p>
            {t('protection.change.recorded', {
              status: t(`protection.statuses.${outcome.event.status}`),
            })}
          </p>
        </div>
      )}
      <Refusal error={error} />
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={isPending || undefined}>
          {isPending ? t('protection.change.recording') : t('protection.change.submit')}
        </button>
      </div>
    </form>
  );
}
