import { describe, expect, it } from 'vitest';
import { evacuationSeriesOf } from './chart-types.js';

describe('evacuation series', () => {
  it('fills the days nobody arrived with zeros, so the axis reads as a calendar', () => {
    const series = evacuationSeriesOf([
      { corridorId: 'b', corridorName: 'Sumy – Poltava', date: '2022-03-08', evacuated: 5000 },
      {
        corridorId: 'a',
        corridorName: 'Mariupol – Zaporizhzhia',
        date: '2022-03-05',
        evacuated: 120,
      },
      {
        corridorId: 'a',
        corridorName: 'Mariupol – Zaporizhzhia',
        date: '2022-03-07',
        evacuated: 30,
      },
    ]);

    expect(series.dates).toEqual(['2022-03-05', '2022-03-06', '2022-03-07', '2022-03-08']);
    expect(series.corridors.map(({ name, counts, total }) => ({ name, counts, total }))).toEqual([
      { name: 'Mariupol – Zaporizhzhia', counts: [120, 0, 30, 0], total: 150 },
      { name: 'Sumy – Poltava', counts: [0, 0, 0, 5000], total: 5000 },
    ]);
    expect(series.totals).toEqual([120, 0, 30, 5000]);
    expect(series.total).toBe(5150);
  });
});
