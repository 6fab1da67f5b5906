import { useTranslation } from 'react-i18next';
import { hasPermission } from '../session/permissions.js';
import { useSignedIn } from '../session/signed-in.js';

/** Aggregate figures; for now the landing page of roles that never see a person (analysts). */
export function StatisticsPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  return (
    <>
      <title>{`${t('statistics.title')} · ${t('app.name')}`}</title>
      <h1>{t('statistics.title')}</h1>
      {!hasPermission(session, 'persons:read') && <p>{t('statistics.aggregatesOnly')}</p>}
      <p className="muted">{t('statistics.comingLater')}</p>
    </>
  );
}
