import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { seriesColour, type EvacuationSeries } from './chart-types.js';

// Only the parts this chart uses: chart.js tree-shakes the rest away.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

interface ChartCanvasProps {
  readonly series: EvacuationSeries;
  readonly label: string;
  readonly language: string;
}

/** A stacked bar per day, one colour per corridor; the table beside it holds the same numbers. */
export function ChartCanvas({ series, label, language }: ChartCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const seriesKey = JSON.stringify(series);

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) {
      return;
    }
    const drawn = JSON.parse(seriesKey) as EvacuationSeries;
    const format = new Intl.NumberFormat(language);
    const chart = new Chart(context, {
      type: 'bar',
      data: {
        labels: [...drawn.dates],
        datasets: drawn.corridors.map((corridor, i) => ({
          label: corridor.name,
          data: [...corridor.counts],
          backgroundColor: seriesColour(i),
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: language,
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              footer: (items) =>
                format.format(items.reduce((sum, item) => sum + Number(item.raw ?? 0), 0)),
            },
          },
        },
      },
    });
    return () => {
      chart.destroy();
    };
  }, [seriesKey, language]);

  return (
    <div className="chart-frame">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
