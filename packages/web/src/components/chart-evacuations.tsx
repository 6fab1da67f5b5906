import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evacuationSeriesOf, type EvacuatedOnDay } from './chart-types.js';
import './corridor-styles.css';

const ChartCanvas = lazy(() =>
  import('./chart-canvas.js').then((module) => ({ default: module.ChartCanvas })),
);

/** Whether a 2D canvas is there to draw on (happy-dom and some locked-down browsers have none). */
function canDrawChart(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/**
 * Evacuated per corridor per day as a stacked bar chart, and the same numbers as a table: the
 * table is the accessible form, and the only one where a canvas cannot be drawn.
 */
export function EvacuationsChart({ rows }: { readonly rows: readonly EvacuatedOnDay[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [isDrawable] = useState(canDrawChart);
  const series = evacuationSeriesOf(rows);
  const format = new Intl.NumberFormat(language);
  if (series.dates.length === 0) {
    return <p className="muted">{t('corridors.figures.noEvacuations')}</p>;
  }
  return (
    <>
      {isDrawable && (
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <ChartCanvas
            series={series}
            language={language}
            label={t('corridors.figures.chartLabel', { total: format.format(series.total) })}
          />
        </Suspense>
      )}
      <details className="chart-table" open={!isDrawable}>
        <summary>{t('corridors.figures.tableSummary')}</summary>
        <div className="table-scroll">
          <table>
            <caption>{t('corridors.figures.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('corridors.figures.date')}</th>
                {series.corridors.map((corridor) => (
                  <th scope="col" key={corridor.id}>
                    {corridor.name}
                  </th>
                ))}
                <th scope="col">{t('corridors.figures.total')}</th>
              </tr>
            </thead>
            <tbody>
              {series.dates.map((date, i) => (
                <tr key={date}>
                  <th scope="row" className="nowrap">
                    {date}
                  </th>
                  {series.corridors.map((corridor) => (
                    <td key={corridor.id}>{format.format(corridor.counts[i] ?? 0)}</td>
                  ))}
                  <td>
                    <strong>{format.format(series.totals[i] ?? 0)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('corridors.figures.total')}</th>
                {series.corridors.map((corridor) => (
                  <td key={corridor.id}>{format.format(corridor.total)}</td>
                ))}
                <td>
                  <strong>{format.format(series.total)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </details>
    </>
  );
}
