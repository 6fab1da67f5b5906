import type { ProtectionCase, ProtectionCaseResolution } from '@haven/contract';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { countryName, formatTimestamp } from '../i18n/code-labels.js';
import { CalendarDate } from './calendar-date.js';
import { describedByOf, LabelledField } from './labelled-field.js';
import { Refusal } from './refusal.js';

const OUTCOMES = ['grant-here-cease-elsewhere', 'keep-existing', 'not-same-person'] as const;
type Outcome = (typeof OUTCOMES)[number];
const isOutcome = (value: string): value is Outcome =>
  OUTCOMES.some((outcome) => outcome === value);

interface ProtectionCaseCardProps {
  readonly protectionCase: ProtectionCase;
  readonly canResolve: boolean;
  readonly onResolve: (input: ProtectionCaseResolution) => void;
  readonly isPending: boolean;
  readonly error: Error | null;
  /** Link to the person's protection page (left out on that page itself). */
  readonly isLinked?: boolean;
}

/**
 * A grant held because the same identity already holds protection in another country (one active
 * status across countries, TPD Art. 26): both statuses, and the caseworker's resolution.
 */
export function ProtectionCaseCard({
  protectionCase,
  canResolve,
  onResolve,
  isPending,
  error,
  isLinked = false,
}: ProtectionCaseCardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const id = `case-${protectionCase.id}`;
  const { heldEvent, resolution } = protectionCase;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!isOutcome(outcome)) {
      found.outcome = t('protection.cases.outcomeRequired');
    }
    if (!reason.trim()) {
      found.reason = t('protection.cases.reasonRequired');
    }
    setErrors(found);
    if (isOutcome(outcome) && reason.trim()) {
      onResolve({ outcome, reason: reason.trim() });
    }
  };

  return (
    <article className="card protection-case" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t(
          protectionCase.kind === 'active-after-grant'
            ? 'protection.cases.afterGrantTitle'
            : 'protection.cases.heldTitle',
          {
            status: t(`protection.statuses.${heldEvent.status}`),
            country: countryName(protectionCase.countryCode, language),
          },
        )}
      </h3>
      <dl className="facts">
        <dt>{t('protection.cases.requested')}</dt>
        <dd>
          {t(`protection.statuses.${heldEvent.status}`)}
          {heldEvent.category && ` (${heldEvent.category})`}, {t('protection.timeline.from')}{' '}
          <CalendarDate value={heldEvent.effectiveOn} />
        </dd>
        <dt>{t('protection.cases.activeElsewhere')}</dt>
        <dd>
          <ul className="plain">
            {protectionCase.conflicting.map((other) => (
              <li key={`${other.personId}-${other.countryCode}`}>
                {countryName(other.countryCode, language)}:{' '}
                {t(`protection.statuses.${other.status}`)}
                {other.category && ` (${other.category})`}, {t('protection.timeline.from')}{' '}
                <CalendarDate value={other.effectiveOn} />{' '}
                <span className="muted">
                  {other.samePerson
                    ? t('protection.cases.samePerson')
                    : t('protection.cases.sameIdentity')}
                </span>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('protection.cases.opened')}</dt>
        <dd>
          {protectionCase.openedBy.name}, {formatTimestamp(protectionCase.openedAt, language)}
        </dd>
      </dl>
      {isLinked && protectionCase.personId !== null && (
        <p>
          <Link to={`/persons/${protectionCase.personId}/protection`}>
            {t('protection.cases.openPerson')}
          </Link>
        </p>
      )}
      {resolution ? (
        <p className="decided-by">
          <strong>
            {t('protection.cases.resolvedBy', {
              name: resolution.resolvedBy.name,
              at: formatTimestamp(resolution.resolvedAt, language),
            })}
          </strong>{' '}
          {t(`protection.caseOutcomes.${resolution.outcome}`)}. {resolution.reason}
        </p>
      ) : (
        canResolve && (
          <form onSubmit={submit} noValidate aria-label={t('protection.cases.resolveLabel')}>
            <LabelledField
              id={`${id}-outcome`}
              label={t('protection.cases.outcome')}
              error={errors.outcome}
            >
              <select
                id={`${id}-outcome`}
                value={outcome}
                onChange={(event) => setOutcome(event.target.value)}
                {...describedByOf(`${id}-outcome`, { error: errors.outcome })}
              >
                <option value="">{t('common.choose')}</option>
                {OUTCOMES.map((option) => (
                  <option key={option} value={option}>
                    {t(`protection.caseOutcomes.${option}`)}
                  </option>
                ))}
              </select>
            </LabelledField>
            <LabelledField
              id={`${id}-reason`}
              label={t('protection.cases.reason')}
              error={errors.reason}
            >
              <textarea
                id={`${id}-reason`}
                maxLength={500}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                {...describedByOf(`${id}-reason`, { error: errors.reason })}
              />
            </LabelledField>
            <Refusal error={error} />
            <button type="submit" className="primary" aria-disabled={isPending || undefined}>
              {t('protection.cases.resolve')}
            </button>
          </form>
        )
      )}
    </article>
  );
}
