/**
 * Operational secrecy of evacuations (issue 5 item 6). Convoy positions, checkpoint passages,
 * incidents, vehicles and timings tell an armed party where a convoy will be: only evacuation
 * coordinators with the run in scope see them, never analysts, registrars, figures or exports.
 */
import { can, isInScope, type Principal, type RecordPlace } from '../access/policy.js';

/**
 * Where a run belongs for scope: its destination site (when it ends at one) and that country,
 * and the site it was diverted to: those expecting it there must see it too.
 */
export interface RunPlace {
  readonly siteId: string | null;
  readonly countryCode: string;
  readonly divertedTo?: RecordPlace | null;
}

/** Is the run in the principal's scope? A run without a Haven site is outside every site scope. */
export function isRunInScope(principal: Principal, place: RunPlace): boolean {
  return (
    isInScope(principal, { siteId: place.siteId ?? '', countryCode: place.countryCode }) ||
    (place.divertedTo !== undefined &&
      place.divertedTo !== null &&
      isInScope(principal, place.divertedTo))
  );
}

/** May the principal see the operational fields of this run? */
export function seesOperational(principal: Principal, place: RunPlace): boolean {
  return can(principal, 'evacuations:operational') && isRunInScope(principal, place);
}
