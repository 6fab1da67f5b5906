import type { Permission } from '@haven/core';

/**
 * What each endpoint requires: 'public' (no sign-in), 'signed-in' (anyone signed in), or a
 * permission from the role table in @haven/core (access/policy.ts). Every API route must have an
 * entry here: building the app fails otherwise, so a new endpoint cannot ship unguarded.
 * Scope (which sites or countries) and field rules are applied inside the handlers and queries
 * from the same core policy.
 */
export type Requirement = 'public' | 'signed-in' | Permission;

export const ENDPOINT_POLICY = {
  'GET /api/v1/health': 'public',
  'GET /api/v1/openapi.json': 'public',
  // The documentation pages and their assets (everything under /api/v1/docs).
  'GET /api/v1/docs': 'public',
  'POST /api/v1/session': 'public',
  'GET /api/v1/session': 'signed-in',
  'DELETE /api/v1/session': 'signed-in',
  'POST /api/v1/session/mfa/enrolment': 'signed-in',
  'POST /api/v1/session/mfa/enrolment/confirmation': 'signed-in',
  'POST /api/v1/session/mfa/verification': 'signed-in',
  'POST /api/v1/session/security-keys/registration-options': 'signed-in',
  'POST /api/v1/session/security-keys': 'signed-in',
  'POST /api/v1/session/security-keys/authentication-options': 'signed-in',
  'POST /api/v1/session/security-keys/authentication': 'signed-in',
  'GET /api/v1/session/security-keys': 'signed-in',
  'DELETE /api/v1/session/security-keys/:id': 'signed-in',
  'DELETE /api/v1/users/:id/mfa': 'users:manage',
  'GET /api/v1/countries': 'signed-in',
  'GET /api/v1/sites': 'signed-in',
  'POST /api/v1/sites': 'sites:manage',
  'POST /api/v1/registrations': 'registrations:create',
  'POST /api/v1/registrations/preview': 'registrations:create',
  'GET /api/v1/registrations': 'persons:read',
  'GET /api/v1/registrations/:id': 'persons:read',
  'GET /api/v1/households/:id': 'persons:read',
  'GET /api/v1/persons/:id/subject-data': 'persons:subject-access',
  'POST /api/v1/persons/:id/erasure': 'persons:erase',
  'GET /api/v1/statistics/registrations': 'statistics:read',
  'GET /api/v1/users': 'users:manage',
  'POST /api/v1/users': 'users:manage',
  'PATCH /api/v1/users/:id': 'users:manage',
  'GET /api/v1/tokens': 'tokens:manage',
  'POST /api/v1/tokens': 'tokens:manage',
  'DELETE /api/v1/tokens/:id': 'tokens:manage',
  'GET /api/v1/audit/verification': 'audit:read',
  'POST /api/v1/audit/verification': 'audit:read',
  'GET /api/v1/identity-review/pairs': 'identity:review',
  'GET /api/v1/identity-review/pairs/:id': 'identity:review',
  'POST /api/v1/identity-review/pairs/:id/decision': 'identity:review',
  // Corridors and evacuations (issue 5); operational fields are redacted in the handlers.
  'GET /api/v1/corridors': 'corridors:read',
  'POST /api/v1/corridors': 'evacuations:manage',
  'GET /api/v1/corridors/:id': 'corridors:read',
  'POST /api/v1/corridors/:id/status-changes': 'evacuations:manage',
  'PATCH /api/v1/corridors/:id': 'evacuations:manage',
  'GET /api/v1/statistics/evacuations': 'corridors:read',
  'GET /api/v1/evacuation-runs': 'corridors:read',
  'GET /api/v1/evacuation-runs/export': 'corridors:read',
  'POST /api/v1/evacuation-runs': 'evacuations:manage',
  'GET /api/v1/evacuation-runs/:id': 'corridors:read',
  'PATCH /api/v1/evacuation-runs/:id': 'evacuations:manage',
  'POST /api/v1/evacuation-runs/:id/checkpoint-passages': 'evacuations:operational',
  'POST /api/v1/evacuation-runs/:id/incidents': 'evacuations:operational',
  'POST /api/v1/evacuation-runs/:id/diversions': 'evacuations:manage',
  'GET /api/v1/evacuation-runs/:id/manifest': 'manifests:read',
  'POST /api/v1/evacuation-runs/:id/manifest/households': 'evacuations:manage',
  'POST /api/v1/evacuation-runs/:id/manifest/import': 'evacuations:manage',
  'DELETE /api/v1/evacuation-runs/:id/manifest/households/:householdId': 'evacuations:manage',
  'POST /api/v1/evacuation-runs/:id/check-ins': 'arrivals:check-in',
  'GET /api/v1/evacuation-runs/:id/reconciliation': 'manifests:read',
  'POST /api/v1/manifest-persons/:id/registration-link': 'arrivals:check-in',
  'GET /api/v1/evacuation-alerts': 'evacuation-alerts:handle',
  'POST /api/v1/evacuation-alerts/:id/acknowledgement': 'evacuation-alerts:handle',
  // Temporary protection (#6 items 1–3, #7 item 4): see contract/src/temporary-protection.ts.
  'GET /api/v1/protection-rules': 'protection:read',
  'POST /api/v1/persons/:id/eligibility-assessments': 'protection:decide',
  'GET /api/v1/eligibility-assessments/:id': 'protection:read',
  'POST /api/v1/eligibility-assessments/:id/decision': 'protection:decide',
  'GET /api/v1/persons/:id/protection': 'protection:read',
  'POST /api/v1/persons/:id/protection/events': 'protection:decide',
  'GET /api/v1/protection-cases': 'protection:read',
  'GET /api/v1/protection-cases/:id': 'protection:read',
  'POST /api/v1/protection-cases/:id/resolution': 'protection:decide',
  'POST /api/v1/persons/:id/work-authorisations': 'protection:decide',
  'POST /api/v1/persons/:id/school-enrolments': 'school-enrolments:record',
  'PATCH /api/v1/school-enrolments/:id': 'school-enrolments:record',
  'GET /api/v1/protection-duplicates': 'protection:read',
  'POST /api/v1/protection-duplicates/cases': 'protection:decide',
  // Cash assistance (#6 item 4): see contract/src/cash-assistance.ts.
  'GET /api/v1/cash/programme-templates': 'cash:read',
  'GET /api/v1/cash/programmes': 'cash:read',
  'POST /api/v1/cash/programmes': 'cash:manage',
  'GET /api/v1/cash/programmes/:id': 'cash:read',
  'GET /api/v1/cash/programmes/:id/enrolments': 'cash:read',
  'POST /api/v1/cash/programmes/:id/enrolments': 'cash:enrol',
  'GET /api/v1/cash/enrolments/:id': 'cash:read',
  'POST /api/v1/cash/enrolments/:id/closure': 'cash:enrol',
  'GET /api/v1/persons/:id/cash-assistance': 'cash:read',
  'GET /api/v1/cash/programmes/:id/batches': 'cash:read',
  'POST /api/v1/cash/programmes/:id/batches': 'cash:manage',
  'GET /api/v1/cash/batches/:id': 'cash:read',
  'GET /api/v1/cash/batches/:id/payments': 'cash:read',
  'GET /api/v1/cash/batches/:id/export': 'cash:manage',
  'POST /api/v1/cash/batches/:id/reconciliation': 'cash:manage',
  'GET /api/v1/cash/holds': 'cash:read',
  'POST /api/v1/cash/holds/:id/decision': 'cash:manage',
  'GET /api/v1/cash/programmes/:id/ledger': 'cash:read',
} as const satisfies Record<string, Requirement>;

export type Endpoint = keyof typeof ENDPOINT_POLICY;

/**
 * All that a session signed in by password alone may call until it passes the second factor
 * (issue 7): see itself, sign out, enrol or verify. Everything else answers 403 mfa-required.
 */
export const BEFORE_SECOND_FACTOR: ReadonlySet<string> = new Set<Endpoint>([
  'GET /api/v1/session',
  'DELETE /api/v1/session',
  'POST /api/v1/session/mfa/enrolment',
  'POST /api/v1/session/mfa/enrolment/confirmation',
  'POST /api/v1/session/mfa/verification',
  'POST /api/v1/session/security-keys/registration-options',
  'POST /api/v1/session/security-keys',
  'POST /api/v1/session/security-keys/authentication-options',
  'POST /api/v1/session/security-keys/authentication',
]);

const DOCS_PREFIX = '/api/v1/docs';

/** The policy key of a route: HEAD answers like GET; the docs subtree shares one entry. */
export function endpointKey(method: string, url: string): string {
  const verb = method === 'HEAD' ? 'GET' : method;
  return `${verb} ${url.startsWith(DOCS_PREFIX) ? DOCS_PREFIX : url}`;
}

export function requirementOf(method: string, url: string): Requirement | undefined {
  return (ENDPOINT_POLICY as Record<string, Requirement>)[endpointKey(method, url)];
}
