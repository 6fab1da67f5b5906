/** People evacuated through one corridor on one day ('YYYY-MM-DD'). */
export interface EvacuatedOnDay {
  readonly corridorId: string;
  readonly corridorName: string;
  readonly date: string;
  readonly evacuated: number;
}

export interface EvacuationSeries {
  /** Every day from the first to the last, gaps filled, so the axis reads as a calendar. */
  readonly dates: readonly string[];
  readonly corridors: readonly {
    readonly id: string;
    readonly name: string;
    /** One number per date in `dates`. */
    readonly counts: readonly number[];
    readonly total: number;
  }[];
  /** All corridors, one number per date. */
  readonly totals: readonly number[];
  readonly total: number;
}

const DAY_MS = 86_400_000;

function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (
    let at = Date.parse(`${first}T00:00:00Z`);
    at <= Date.parse(`${last}T00:00:00Z`);
    at += DAY_MS
  ) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

/** Daily counts per corridor as a chart draws them: one row per corridor, one column per day. */
export function evacuationSeriesOf(rows: readonly EvacuatedOnDay[]): EvacuationSeries {
  const sortedDates = [...new Set(rows.map((row) => row.date))].sort();
  const first = sortedDates[0];
  const last = sortedDates.at(-1);
  const dates = first && last ? daysBetween(first, last) : [];
  const indexOf = new Map(dates.map((date, i) => [date, i]));
  const byCorridor = new Map<string, { id: string; name: string; counts: number[] }>();
  for (const row of rows) {
    const corridor = byCorridor.get(row.corridorId) ?? {
      id: row.corridorId,
      name: row.corridorName,
      counts: dates.map(() => 0),
    };
    const i = indexOf.get(row.date);
    if (i !== undefined) {
      corridor.counts[i] = (corridor.counts[i] ?? 0) + row.evacuated;
    }
    byCorridor.set(row.corridorId, corridor);
  }
  const corridors = [...byCorridor.values()]
    .map((corridor) => ({ ...corridor, total: corridor.counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const totals = dates.map((_, i) => corridors.reduce((sum, c) => sum + (c.counts[i] ?? 0), 0));
  return { dates, corridors, totals, total: totals.reduce((a, b) => a + b, 0) };
}

/** Distinct, colour-blind-safe colours (Okabe–Ito), one per corridor in turn. */
export const SERIES_COLOURS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#000000',
] as const;

export const seriesColour = (index: number): string =>
  SERIES_COLOURS[index % SERIES_COLOURS.length] ?? '#000000';
