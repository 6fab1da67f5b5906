/**
 * Who may do what (issue #4): the one declarative table that the API enforces on every route,
 * every list and search query, and every field. The web app only mirrors it to hide buttons.
 *
 * Least privilege after the ICRC handbook and UNHCR policy: a role reads people only within its
 * scope (its sites or its countries); analysts see aggregates, never a person; the protection
 * class of specific needs (SGBV, torture, legal/physical protection) only caseworkers see.
 */
import type { Sensitivity } from '../registration/specific-needs.js';

export const ROLES = [
  'registrar',
  'evacuation-coordinator',
  'caseworker',
  'housing-coordinator',
  'education-officer',
  'welfare-officer',
  'analyst',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Register a household at a site in scope. */
  'registrations:create',
  /** Read people, households and registrations in scope (list, search, one record). */
  'persons:read',
  /** Everything held on one person, for a data-subject access request. */
  'persons:subject-access',
  /** Erase or pseudonymise a person on request. */
  'persons:erase',
  /** Aggregate figures: counts, never a person. */
  'statistics:read',
  'sites:manage',
  'users:manage',
  'tokens:manage',
  'audit:read',
  /**
   * Decide whether two registrations in the identity review queue are one person (#3 item 6);
   * the caller must have both records in scope.
   */
  'identity:review',
  /**
   * Humanitarian corridors and evacuations (issue 5). Corridors, their status and route, runs
   * without their operational fields, and aggregate evacuation figures (counts only).
   */
  'corridors:read',
  /** Create and change corridors, evacuation runs and manifests in scope (coordinators). */
  'evacuations:manage',
  /**
   * Convoy positions, checkpoint passages, incidents, vehicles and timings of runs: operationally
   * sensitive (a convoy's timing can get it shelled), so ONLY evacuation coordinators in scope.
   * Never in analyst or registrar views, figures, or exports without it.
   */
  'evacuations:operational',
  /** Names on the manifests of runs in scope (a registrar's scope: runs bound for their sites). */
  'manifests:read',
  /** Check arrivals in at a reception site in scope and pre-fill their registration. */
  'arrivals:check-in',
  /** See and acknowledge evacuation alerts (missing after arrival window, unaccompanied child). */
  'evacuation-alerts:handle',
  /**
   * Temporary protection (#6): read a person's eligibility assessments, status timeline, rights
   * and conflict cases, within scope (the registration country or the status's country).
   */
  'protection:read',
  /**
   * Assess eligibility and decide on it (confirm or override — GDPR Art. 22: a named person
   * decides), record status changes, resolve conflict cases, record work authorisations.
   */
  'protection:decide',
  /** Request and update a minor's school enrolment (TPD Art. 14). */
  'school-enrolments:record',
  /**
   * Cash assistance (#6 item 4): read programmes, enrolments, batches, held payments and the
   * ledger of programmes in the caller's countries.
   */
  'cash:read',
  /** Enrol a household with an active protection status in a cash programme of its country. */
  'cash:enrol',
  /**
   * Run cash programmes in the caller's countries: create programmes, build disbursement batches,
   * decide held payments (release or cancel, with a reason), export for the payment provider and
   * import its reconciliation file. Welfare officers only: the money side is kept apart from the
   * caseworkers who decide protection.
   */
  'cash:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * 'site': what the user's sites registered; 'country': everything registered in the user's
 * countries. Nobody is global: an administrator holds an explicit list of countries, so a new
 * host country never widens anyone's scope silently.
 */
export type ScopeLevel = 'site' | 'country';

export interface RolePolicy {
  readonly scope: ScopeLevel;
  readonly permissions: readonly Permission[];
  /** Specific-needs classes this role may read; needs of other classes are left out of answers. */
  readonly readsNeeds: readonly Sensitivity[];
}

export const ACCESS_POLICY: Readonly<Record<Role, RolePolicy>> = {
  registrar: {
    scope: 'site',
    permissions: [
      'registrations:create',
      'persons:read',
      // Who to expect at their site and checking them in; never convoy positions or timings.
      'corridors:read',
      'manifests:read',
      'arrivals:check-in',
    ],
    readsNeeds: ['standard', 'health'],
  },
  'evacuation-coordinator': {
    scope: 'country',
    permissions: [
      'persons:read',
      'statistics:read',
      'corridors:read',
      'evacuations:manage',
      'evacuations:operational',
      'manifests:read',
      'arrivals:check-in',
      'evacuation-alerts:handle',
    ],
    readsNeeds: ['standard'],
  },
  caseworker: {
    scope: 'country',
    permissions: [
      'registrations:create',
      'persons:read',
      'persons:subject-access',
      'identity:review',
      // Child protection: unaccompanied children flagged on arrival, people missing from a run.
      'corridors:read',
      'evacuation-alerts:handle',
      'protection:read',
      'protection:decide',
      'school-enrolments:record',
      'cash:read',
      'cash:enrol',
    ],
    readsNeeds: ['standard', 'health', 'protection'],
  },
  'housing-coordinator': {
    scope: 'country',
    permissions: ['persons:read', 'statistics:read'],
    readsNeeds: ['standard', 'health'],
  },
  'education-officer': {
    scope: 'country',
    permissions: ['persons:read', 'statistics:read', 'protection:read', 'school-enrolments:record'],
    readsNeeds: ['standard'],
  },
  'welfare-officer': {
    scope: 'country',
    permissions: [
      'persons:read',
      'statistics:read',
      'protection:read',
      'cash:read',
      'cash:enrol',
      'cash:manage',
    ],
    readsNeeds: ['standard', 'health'],
  },
  analyst: {
    scope: 'country',
    // corridors:read gives corridors and evacuation figures, never operational fields.
    permissions: ['statistics:read', 'corridors:read'],
    readsNeeds: [],
  },
  administrator: {
    scope: 'country',
    permissions: [
      'persons:subject-access',
      'persons:erase',
      'statistics:read',
      'sites:manage',
      'users:manage',
      'tokens:manage',
      'audit:read',
    ],
    readsNeeds: [],
  },
};

/** A signed-in user or API token as the policy sees it. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  /** ISO 3166-1 alpha-2 codes of the host countries in scope. */
  readonly countries: readonly string[];
  /** Sites in scope; only site-scoped roles use them. */
  readonly siteIds: readonly string[];
  /** An API token may narrow the role's permissions, never widen them. */
  readonly tokenPermissions?: readonly Permission[] | undefined;
}

/** The permissions a principal holds: its role's, narrowed by its token's when it has one. */
export function permissionsOf(principal: Principal): readonly Permission[] {
  const granted = ACCESS_POLICY[principal.role].permissions;
  const narrowed = principal.tokenPermissions;
  return narrowed ? granted.filter((permission) => narrowed.includes(permission)) : granted;
}

export function can(principal: Principal, permission: Permission): boolean {
  return permissionsOf(principal).includes(permission);
}

/** Where a record was registered, as the scope check needs it. */
export interface RecordPlace {
  readonly siteId: string;
  readonly countryCode: string;
}

/**
 * The scope as a filter for queries: the sites or countries whose registrations a principal sees.
 * The same rule answers "is this one record in scope" ({@link isInScope}).
 */
export type ScopeFilter =
  | { readonly level: 'site'; readonly siteIds: readonly string[] }
  | { readonly level: 'country'; readonly countries: readonly string[] };

export function scopeFilter(principal: Principal): ScopeFilter {
  return ACCESS_POLICY[principal.role].scope === 'site'
    ? { level: 'site', siteIds: principal.siteIds }
    : { level: 'country', countries: principal.countries };
}

/** The countries a principal reaches records of by country; none for a site-scoped role. */
export function countriesInScope(principal: Principal): readonly string[] {
  const filter = scopeFilter(principal);
  return filter.level === 'country' ? filter.countries : [];
}

/**
 * The cross-country details rule (issue 6): where a person's record in one host country meets a
 * record in another — a cash hold paid elsewhere, a duplicate active status, an identity pair —
 * a caller sees that the other record exists with its country code, period and status kind
 * (enough to adjudicate), but its person id, names and documents only when their scope covers
 * that country. `callerCountries` is {@link countriesInScope}, or null for an operator command.
 */
export function seesPersonDetailsIn(
  callerCountries: readonly string[] | null,
  countryCode: string | null,
): boolean {
  return (
    callerCountries === null || (countryCode !== null && callerCountries.includes(countryCode))
  );
}

/**
 * A record of another country as {@link seesPersonDetailsIn} lets the caller see it: whole, or
 * with its person id withheld (null). Records here carry no names or documents at all.
 * @example crossCountryView(['PL'], { personId: 'p-ro', countryCode: 'RO', period: '2022-06' })
 *   // { personId: null, countryCode: 'RO', period: '2022-06' }
 */
export function crossCountryView<
  T extends { readonly personId: string; readonly countryCode: string },
>(
  callerCountries: readonly string[] | null,
  record: T,
): Omit<T, 'personId'> & { readonly personId: string | null } {
  return seesPersonDetailsIn(callerCountries, record.countryCode)
    ? record
    : { ...record, personId: null };
}

export function isInScope(principal: Principal, place: RecordPlace): boolean {
  const filter = scopeFilter(principal);
  return filter.level === 'site'
    ? filter.siteIds.includes(place.siteId)
    : filter.countries.includes(place.countryCode);
}

/**
 * May this principal read a specific need of this class about a person registered at `place`?
 * Protection-class needs are readable only by caseworkers whose countries include the record's.
 */
export function canReadNeed(
  principal: Principal,
  sensitivity: Sensitivity,
  place: RecordPlace,
): boolean {
  return (
    ACCESS_POLICY[principal.role].readsNeeds.includes(sensitivity) &&
    (sensitivity !== 'protection' || principal.countries.includes(place.countryCode)) &&
    isInScope(principal, place)
  );
}

/** Roles whose holders read people: they must pass a second factor once MFA exists (#7). */
export function readsPersons(role: Role): boolean {
  return ACCESS_POLICY[role].permissions.includes('persons:read');
}
