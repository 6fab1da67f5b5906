import type { StatusEvent } from '@haven/contract';
import { useTranslation } from 'react-i18next';
import { formatTimestamp } from '../i18n/code-labels.js';
import { CalendarDate } from './calendar-date.js';

/** A country's protection statuses, oldest first, each with who recorded it and why. */
export function StatusTimeline({
  events,
  countryLabel,
}: {
  readonly events: readonly StatusEvent[];
  readonly countryLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  if (events.length === 0) {
    return <p className="muted">{t('protection.timeline.empty')}</p>;
  }
  return (
    <ol className="timeline" aria-label={t('protection.timeline.label', { country: countryLabel })}>
      {events.map((event) => (
        <li key={event.id} className={`timeline-event status-${event.status}`}>
          <p className="timeline-status">
            <strong>{t(`protection.statuses.${event.status}`)}</strong>{' '}
            <span className="muted">
              {t('protection.timeline.from')} <CalendarDate value={event.effectiveOn} />
            </span>
            {event.validUntil && (
              <span className="muted">
                {' '}
                {t('protection.timeline.until')} <CalendarDate value={event.validUntil} />
              </span>
            )}
          </p>
          {event.category && (
            <p>
              {t('protection.category')}: <span className="code">{event.category}</span>
            </p>
          )}
          {event.reason && <p>{t(`protection.reasons.${event.reason}`)}</p>}
          <p className="muted">
            {t('protection.timeline.recordedBy', {
              name: event.recordedBy.name,
              at: formatTimestamp(event.recordedAt, language),
            })}
          </p>
        </li>
      ))}
    </ol>
  );
}
