import type { Entitlement } from '@haven/contract';
import { useTranslation } from 'react-i18next';
import { CalendarDate } from './calendar-date.js';
import { LegalCitations } from './legal-citations.js';

/**
 * What a person may claim in a country on a day — work, school, housing, welfare, medical care —
 * each with the law it rests on and the day the status must next be renewed (issue 6 item 3).
 */
export function RightsList({
  entitlements,
  countryLabel,
}: {
  readonly entitlements: readonly Entitlement[];
  readonly countryLabel: string;
}) {
  const { t } = useTranslation();
  if (entitlements.length === 0) {
    return <p className="muted">{t('protection.rights.none')}</p>;
  }
  return (
    <ul className="rights" aria-label={t('protection.rights.listLabel', { country: countryLabel })}>
      {entitlements.map((right) => (
        <li key={right.kind} className="right" data-granted={right.granted}>
          <h4>
            {t(`protection.rightKinds.${right.kind}`)}
            {': '}
            <span className={right.granted ? 'right-granted' : 'right-refused'}>
              {t(right.granted ? 'protection.rights.granted' : 'protection.rights.notGranted')}
            </span>
          </h4>
          {right.conditions.length > 0 && (
            <ul className="conditions">
              {right.conditions.map((condition) => (
                <li key={condition.code}>{condition.text}</li>
              ))}
            </ul>
          )}
          <dl className="facts">
            <dt>{t('protection.rights.legalBasis')}</dt>
            <dd>
              <LegalCitations citations={right.citation} />
            </dd>
            {right.nextRenewalOn && (
              <>
                <dt>{t('protection.rights.nextRenewal')}</dt>
                <dd>
                  <CalendarDate value={right.nextRenewalOn} />
                </dd>
              </>
            )}
            {right.record && (
              <>
                <dt>{t('protection.rights.record')}</dt>
                <dd>
                  {t(`protection.recordTypes.${right.record.type}`)} ({right.record.status})
                </dd>
              </>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}
