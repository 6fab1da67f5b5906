import type { Hold, HoldDecision } from '@haven/contract';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { countryName, formatTimestamp } from '../i18n/code-labels.js';
import { describedByOf, LabelledField } from './labelled-field.js';
import { Refusal } from './refusal.js';

interface HoldCardProps {
  readonly hold: Hold;
  readonly canDecide: boolean;
  readonly onDecide: (input: HoldDecision) => void;
  readonly isPending: boolean;
  readonly error: Error | null;
  /** Show the programme and period (the review list mixes batches). */
  readonly showBatch?: boolean;
}

/**
 * A member's payment held at batch time, with the reason in words and, for a duplicate, where
 * the same person was already paid; a welfare officer releases or cancels it with a reason.
 */
export function HoldCard({
  hold,
  canDecide,
  onDecide,
  isPending,
  error,
  showBatch = false,
}: HoldCardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const id = `hold-${hold.id}`;
  const name = `${hold.familyName} ${hold.givenName}`;

  const decide = (decision: HoldDecision['decision']) => (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(t('cash.holds.reasonRequired'));
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setReasonError(undefined);
    onDecide({ decision, reason: reason.trim() });
  };

  return (
    <li className="card hold" aria-labelledby={`${id}-name`}>
      <h4 id={`${id}-name`}>
        <span className="name">{name}</span>{' '}
        <span className={`badge hold-${hold.state}`}>{t(`cash.holdStates.${hold.state}`)}</span>
      </h4>
      <p className="hold-reason">
        <strong>{t(`cash.holdReasons.${hold.reason}`)}</strong>
        {hold.conflict &&
          ` ${t('cash.holds.conflict', {
            programme: hold.conflict.programmeName,
            country: countryName(hold.conflict.countryCode, language),
            period: hold.conflict.period,
          })}`}
      </p>
      {showBatch && (
        <p className="muted">
          <Link to={`/cash/batches/${hold.batchId}`}>
            {hold.programmeName}, {hold.period}
          </Link>
        </p>
      )}
      {hold.state !== 'open' ? (
        <p className="decided-by">
          {t('cash.holds.decidedBy', {
            decision: t(`cash.holdStates.${hold.state}`),
            name: hold.decidedByName ?? '',
            at: hold.decidedAt ? formatTimestamp(hold.decidedAt, language) : '',
          })}{' '}
          {hold.decisionReason}
        </p>
      ) : (
        canDecide && (
          <form
            onSubmit={decide('cancel')}
            noValidate
            aria-label={t('cash.holds.decideLabel', { name })}
          >
            <LabelledField
              id={`${id}-reason`}
              label={t('cash.holds.reason')}
              hint={t('cash.holds.reasonHint')}
              error={reasonError}
            >
              <textarea
                id={`${id}-reason`}
                maxLength={500}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                {...describedByOf(`${id}-reason`, { hasHint: true, error: reasonError })}
              />
            </LabelledField>
            <Refusal error={error} />
            <div className="actions">
              <button
                type="button"
                className="secondary"
                onClick={decide('release')}
                aria-disabled={isPending || undefined}
              >
                {t('cash.holds.release')}
              </button>
              <button type="submit" className="secondary" aria-disabled={isPending || undefined}>
                {t('cash.holds.cancel')}
              </button>
            </div>
          </form>
        )
      )}
    </li>
  );
}
