/**
 * Corridor status rules (issue 5 item 1). A humanitarian corridor is negotiated between the
 * parties (often through the ICRC or the UN as guarantors) for a time window; it can be
 * suspended when the ceasefire breaks and closed for good. The history is append-only: the
 * current status is the latest change.
 */
export const CORRIDOR_STATUSES = ['planned', 'open', 'suspended', 'closed'] as const;
export type CorridorStatus = (typeof CORRIDOR_STATUSES)[number];

/**
 * Which change may follow which. `open → open` renews the agreed window (corridors in March 2022
 * were re-agreed day by day); a closed corridor can only be planned again (a new negotiation).
 */
const ALLOWED_TRANSITIONS: Readonly<Record<CorridorStatus, readonly CorridorStatus[]>> = {
  planned: ['planned', 'open', 'closed'],
  open: ['open', 'suspended', 'closed'],
  suspended: ['open', 'closed'],
  closed: ['planned'],
};

/** May a corridor go from `from` to `to`? `from` undefined is the first status of a corridor. */
export function canChangeCorridorStatus(
  from: CorridorStatus | undefined,
  to: CorridorStatus,
): boolean {
  return from === undefined
    ? to === 'planned' || to === 'open'
    : ALLOWED_TRANSITIONS[from].includes(to);
}

/** The statuses that may follow `from`, for forms. */
export function nextCorridorStatuses(from: CorridorStatus): readonly CorridorStatus[] {
  return ALLOWED_TRANSITIONS[from];
}

export interface TimeWindow {
  /** ISO 8601 instants. */
  readonly start?: string | undefined;
  readonly end?: string | undefined;
}

/**
 * Checks an agreed window: its end must come strictly after its start. Returns the problem, or
 * undefined when the window is valid (an open-ended window is valid).
 * @example checkTimeWindow({ start: '2022-03-05T09:00Z', end: '2022-03-05T08:00Z' }) // 'end-before-start'
 */
export function checkTimeWindow(window: TimeWindow): 'end-before-start' | undefined {
  if (window.start === undefined || window.end === undefined) {
    return undefined;
  }
  return Date.parse(window.end) <= Date.parse(window.start) ? 'end-before-start' : undefined;
}

export interface CorridorState {
  readonly status: CorridorStatus;
  readonly windowStart: string | null;
  readonly windowEnd: string | null;
}

/**
 * Is the corridor usable at `now`: its latest status is open and `now` lies inside the agreed
 * window (an open-ended side does not limit).
 */
export function isCorridorOpenAt(corridor: CorridorState, now: Date): boolean {
  if (corridor.status !== 'open') {
    return false;
  }
  const t = now.getTime();
  return (
    (corridor.windowStart === null || Date.parse(corridor.windowStart) <= t) &&
    (corridor.windowEnd === null || t < Date.parse(corridor.windowEnd))
  );
}

export const EVACUATION_RUN_STATUSES = ['planned', 'departed', 'arrived', 'cancelled'] as const;
export type EvacuationRunStatus = (typeof EVACUATION_RUN_STATUSES)[number];

const RUN_TRANSITIONS: Readonly<Record<EvacuationRunStatus, readonly EvacuationRunStatus[]>> = {
  planned: ['departed', 'arrived', 'cancelled'],
  departed: ['arrived', 'cancelled'],
  arrived: [],
  cancelled: [],
};

/** May a run go from `from` to `to`? Arrived and cancelled are final; staying put is allowed. */
export function canChangeRunStatus(from: EvacuationRunStatus, to: EvacuationRunStatus): boolean {
  return from === to || RUN_TRANSITIONS[from].includes(to);
}

/**
 * Does the corridor take new runs at `now` without a stated reason: open, and its window (if it
 * has an end) not over. Runs prepared before the window starts are normal and accepted.
 */
export function acceptsRunsAt(corridor: CorridorState, now: Date): boolean {
  return (
    corridor.status === 'open' &&
    (corridor.windowEnd === null || now.getTime() < Date.parse(corridor.windowEnd))
  );
}
