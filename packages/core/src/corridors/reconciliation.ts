/**
 * Reconciliation of an evacuation run (issue 5 item 4): who boarded, who arrived, and who is
 * missing — boarded, not checked in, and now past the expected arrival plus the run's margin.
 * Evaluated at any `now`, so the answer is live; the server also persists alerts from it.
 */
export const DEFAULT_ARRIVAL_MARGIN_MINUTES = 120;

export interface ReconciledRun {
  readonly status: 'planned' | 'departed' | 'arrived' | 'cancelled';
  /** ISO 8601 instant. */
  readonly expectedArrivalAt: string;
  readonly arrivalMarginMinutes: number;
}

export interface ReconciledPerson {
  readonly id: string;
  readonly arrivedAt: string | null;
  /** Checked in without being on the manifest. */
  readonly unexpected: boolean;
}

export interface RunReconciliation {
  readonly boarded: number;
  readonly arrived: number;
  readonly notYetArrived: number;
  readonly missing: number;
  readonly unexpected: number;
  readonly isOverdue: boolean;
  readonly missingIds: readonly string[];
  readonly unexpectedIds: readonly string[];
}

/** The instant after which a boarded person not arrived is missing. */
export function arrivalDeadline(
  run: Pick<ReconciledRun, 'expectedArrivalAt' | 'arrivalMarginMinutes'>,
): Date {
  return new Date(Date.parse(run.expectedArrivalAt) + run.arrivalMarginMinutes * 60_000);
}

/**
 * Boarded vs arrived for one run at `now`. A cancelled run has nobody missing (nobody left).
 * @example reconcileRun({ status: 'departed', expectedArrivalAt: '2022-03-10T12:00:00Z', arrivalMarginMinutes: 120 }, [{ id: 'a', arrivedAt: null, unexpected: false }], new Date('2022-03-10T14:01:00Z')).missingIds // ['a']
 */
export function reconcileRun(
  run: ReconciledRun,
  persons: readonly ReconciledPerson[],
  now: Date,
): RunReconciliation {
  const onManifest = persons.filter((p) => !p.unexpected);
  const notArrived = onManifest.filter((p) => p.arrivedAt === null);
  const isOverdue = run.status !== 'cancelled' && now.getTime() > arrivalDeadline(run).getTime();
  const missingIds = isOverdue ? notArrived.map((p) => p.id) : [];
  const unexpectedIds = persons.filter((p) => p.unexpected).map((p) => p.id);
  return {
    boarded: onManifest.length,
    arrived: onManifest.length - notArrived.length,
    notYetArrived: notArrived.length - missingIds.length,
    missing: missingIds.length,
    unexpected: unexpectedIds.length,
    isOverdue,
    missingIds,
    unexpectedIds,
  };
}
