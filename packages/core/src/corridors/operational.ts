/**
 * Operational secrecy of evacuations (issue 5 item 6). Convoy positions, checkpoint passages,
 * incidents, vehicles and timings tell an armed party where a convoy will be: only evacuation
 * coordinators with the run in scope see them, never analysts, registrars, figures or exports.
 */
import { can, isInScope, type Principal } from '../access/policy.js';

/** Where a run belongs for scope: its destination site (when it ends at one) and that country. */
export interface RunPlace {
  readonly siteId: string | null;
  readonly countryCode: string;
}

/** Is the run in the principal's scope? A run without a Haven site is outside every site scope. */
export function isRunInScope(principal: Principal, place: RunPlace): boolean {
  return isInScope(principal, { siteId: place.siteId ?? '', countryCode: place.countryCode });
}

/** May the principal see the operational fields of this run? */
export function seesOperational(principal: Principal, place: RunPlace): boolean {
  return can(principal, 'evacuations:operational') && isRunInScope(principal, place);
}
