/**
 * Evacuation figures (issue 5 item 5): people evacuated per corridor per day and in total. Counts
 * only. A run's people are counted on the day they arrived: from its manifest check-ins when it
 * has a manifest, otherwise from the headcount reported for it (mass evacuations by train, where
 * only counts are known) on its arrival day. Runs that have not arrived are not counted, so the
 * figures never reveal a convoy on the road.
 */
export interface RunArrivals {
  readonly corridorId: string;
  readonly status: 'planned' | 'departed' | 'arrived' | 'cancelled';
  /** 'YYYY-MM-DD' of the run's arrival; null until it arrived. */
  readonly arrivalDay: string | null;
  readonly reportedHeadcount: number | null;
  /** People on the manifest (excluding unexpected arrivals). */
  readonly boarded: number;
  /** Check-ins (manifest and unexpected) by arrival day. */
  readonly checkInsByDay: readonly { readonly day: string; readonly count: number }[];
}

export interface DailyCount {
  readonly day: string;
  readonly evacuated: number;
}

export interface CorridorFigures {
  readonly corridorId: string;
  readonly total: number;
  readonly days: DailyCount[];
}

/** The days on which one run's evacuees count, by the rule above. */
export function runEvacuatedByDay(run: RunArrivals): DailyCount[] {
  if (run.boarded > 0) {
    return run.checkInsByDay.map(({ day, count }) => ({ day, evacuated: count }));
  }
  if (run.status === 'arrived' && run.arrivalDay !== null && run.reportedHeadcount !== null) {
    return [{ day: run.arrivalDay, evacuated: run.reportedHeadcount }];
  }
  // Check-ins of unexpected arrivals on a run without manifest or headcount still count.
  return run.checkInsByDay.map(({ day, count }) => ({ day, evacuated: count }));
}

const sortedDays = (byDay: Map<string, number>): DailyCount[] =>
  [...byDay]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, evacuated]) => ({ day, evacuated }));

/**
 * Sums runs into per-corridor daily counts and an all-corridor series, within [from, to] days.
 * @example aggregateEvacuationFigures([{ corridorId: 'c', status: 'arrived', arrivalDay: '2022-03-08', reportedHeadcount: 5000, boarded: 0, checkInsByDay: [] }]).total // 5000
 */
export function aggregateEvacuationFigures(
  runs: readonly RunArrivals[],
  range: { readonly from?: string | undefined; readonly to?: string | undefined } = {},
): { total: number; days: DailyCount[]; corridors: CorridorFigures[] } {
  const all = new Map<string, number>();
  const perCorridor = new Map<string, Map<string, number>>();
  for (const run of runs) {
    for (const { day, evacuated } of runEvacuatedByDay(run)) {
      if (
        (range.from !== undefined && day < range.from) ||
        (range.to !== undefined && day > range.to)
      ) {
        continue;
      }
      all.set(day, (all.get(day) ?? 0) + evacuated);
      const days = perCorridor.get(run.corridorId) ?? new Map<string, number>();
      days.set(day, (days.get(day) ?? 0) + evacuated);
      perCorridor.set(run.corridorId, days);
    }
  }
  const days = sortedDays(all);
  return {
    total: days.reduce((sum, d) => sum + d.evacuated, 0),
    days,
    corridors: [...perCorridor].map(([corridorId, byDay]) => {
      const corridorDays = sortedDays(byDay);
      return {
        corridorId,
        total: corridorDays.reduce((sum, d) => sum + d.evacuated, 0),
        days: corridorDays,
      };
    }),
  };
}
