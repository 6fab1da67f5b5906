import type { Corridor } from '@haven/contract';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCorridors } from '../api/corridors.js';
import { CorridorMap } from '../components/corridor-map.js';
import { CorridorStatusBadge, When } from '../components/corridor-parts.js';
import type { CorridorOnMap } from '../components/map-types.js';
import { LoadFailure } from '../components/load-failure.js';
import { EvacuationAlertsPanel } from './evacuation-alerts-panel.js';
import { hasPermission } from '../session/permissions.js';
import { useSignedIn } from '../session/signed-in.js';

/** A corridor as the map draws it. */
export function corridorOnMap(corridor: Corridor): CorridorOnMap {
  return {
    id: corridor.id,
    name: corridor.name,
    status: corridor.status,
    origin: { ...corridor.origin, label: corridor.origin.name },
    destination: { ...corridor.destination, label: corridor.destination.name },
    route: corridor.route,
    evacuated: corridor.evacuatedTotal,
  };
}

/** Every corridor in scope on a map and in a table, with the open alerts of the coordinator. */
export function CorridorsListPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const corridors = useCorridors();
  const canManage = hasPermission(session, 'evacuations:manage');
  const rows = corridors.data ?? [];
  return (
    <>
      <title>{`${t('corridors.list.title')} · ${t('app.name')}`}</title>
      <h1>{t('corridors.list.title')}</h1>
      <p className="muted">{t('corridors.list.intro')}</p>
      {canManage && (
        <p>
          <Link className="primary" to="/corridors/new">
            {t('corridors.list.new')}
          </Link>
        </p>
      )}
      {hasPermission(session, 'evacuation-alerts:handle') && <EvacuationAlertsPanel />}
      {corridors.isPending && <p role="status">{t('common.loading')}</p>}
      {corridors.isError && (
        <LoadFailure error={corridors.error} onRetry={() => void corridors.refetch()} />
      )}
      {corridors.isSuccess && (
        <>
          <CorridorMap corridors={rows.map(corridorOnMap)} isLinked />
          {rows.length === 0 ? (
            <p role="status">{t('corridors.list.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t('corridors.list.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('corridors.fields.name')}</th>
                    <th scope="col">{t('corridors.fields.route')}</th>
                    <th scope="col">{t('corridors.fields.status')}</th>
                    <th scope="col">{t('corridors.fields.window')}</th>
                    <th scope="col">{t('corridors.fields.evacuated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((corridor) => (
                    <tr key={corridor.id}>
                      <th scope="row">
                        <Link to={`/corridors/${corridor.id}`}>{corridor.name}</Link>
                      </th>
                      <td data-label={t('corridors.fields.route')}>
                        {t('corridors.map.fromTo', {
                          origin: corridor.origin.name,
                          destination: corridor.destination.name,
                        })}
                      </td>
                      <td data-label={t('corridors.fields.status')}>
                        <CorridorStatusBadge status={corridor.status} />
                        {corridor.status === 'open' && !corridor.isWindowOpen && (
                          <span className="muted"> {t('corridors.list.outsideWindow')}</span>
                        )}
                      </td>
                      <td data-label={t('corridors.fields.window')}>
                        <When at={corridor.windowStart} /> – <When at={corridor.windowEnd} />
                      </td>
                      <td data-label={t('corridors.fields.evacuated')}>
                        {corridor.evacuatedTotal}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
