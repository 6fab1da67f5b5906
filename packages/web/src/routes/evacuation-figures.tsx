import { useTranslation } from 'react-i18next';
import { useEvacuationFigures } from '../api/corridors.js';
import { EvacuationsChart } from '../components/chart-evacuations.js';
import { CorridorMap } from '../components/corridor-map.js';
import { LoadFailure } from '../components/load-failure.js';

/**
 * Evacuated per corridor per day and in total (issue 5 item 5): a chart with its table, and the
 * corridors on the map. Counts only; nobody is named here.
 */
export function EvacuationFiguresPage() {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language);
  const figures = useEvacuationFigures();
  return (
    <>
      <title>{`${t('corridors.figures.title')} · ${t('app.name')}`}</title>
      <h1>{t('corridors.figures.title')}</h1>
      {figures.isPending && <p role="status">{t('common.loading')}</p>}
      {figures.isError && (
        <LoadFailure error={figures.error} onRetry={() => void figures.refetch()} />
      )}
      {figures.isSuccess && (
        <>
          <ul className="figure-cards" aria-label={t('corridors.figures.totals')}>
            <li>
              <span className="figure">{format.format(figures.data.total)}</span>
              {t('corridors.figures.evacuatedTotal')}
            </li>
            <li>
              <span className="figure">{format.format(figures.data.corridorCount)}</span>
              {t('corridors.figures.corridorCount')}
            </li>
          </ul>
          <p className="muted">{t('corridors.figures.method')}</p>
          <h2>{t('corridors.figures.perDay')}</h2>
          <EvacuationsChart
            rows={figures.data.corridors.flatMap((corridor) =>
              corridor.days.map((day) => ({
                corridorId: corridor.corridorId,
                corridorName: corridor.name,
                date: day.day,
                evacuated: day.evacuated,
              })),
            )}
          />
          <h2>{t('corridors.figures.map')}</h2>
          <CorridorMap
            isLinked
            corridors={figures.data.corridors.map((corridor) => ({
              id: corridor.corridorId,
              name: corridor.name,
              status: corridor.status,
              origin: { ...corridor.origin, label: corridor.origin.name },
              destination: { ...corridor.destination, label: corridor.destination.name },
              route: corridor.route,
              evacuated: corridor.total,
            }))}
          />
        </>
      )}
    </>
  );
}
