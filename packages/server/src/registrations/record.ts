import { appendAudit, type AuditEntry } from '../audit/append.js';
import type { Db } from '../db/open.js';
import type { Keyring } from '../protection/keyring.js';
import type { RegistrationPlan } from './plan.js';
import { insertRegistrations, type NewIdempotencyClaim } from './queries.js';

/** Who records: the request's actor, or the operator of a command. */
export type RegistrationActor = Pick<
  AuditEntry,
  'actorId' | 'actor' | 'actorRole' | 'ip' | 'requestId' | 'purpose'
>;

/** The audit entry of one new registration: ids only, never a name or a need. */
export function registrationCreated(
  plan: RegistrationPlan,
  countryCode: string,
  actor: RegistrationActor,
): AuditEntry {
  return {
    ...actor,
    chain: countryCode,
    action: 'registration.create',
    resourceType: 'registration',
    resourceId: plan.registrationId,
    detail: {
      householdId: plan.householdId,
      siteId: plan.siteId,
      persons: plan.members.map((member) => member.id),
    },
  };
}

/**
 * Stores registrations with their audit entries in one transaction: a crash loses both or
 * neither. `countryOfSite` names each registration's audit chain and the data key that seals it.
 */
export async function recordRegistrations(
  db: Db,
  keyring: Keyring,
  plans: readonly RegistrationPlan[],
  options: {
    readonly actor: RegistrationActor;
    readonly countryOfSite: (siteId: string) => string;
    readonly claim?: NewIdempotencyClaim | undefined;
  },
): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    const result = await insertRegistrations(
      tx,
      keyring,
      plans,
      options.countryOfSite,
      options.claim,
    );
    if (result.created) {
      await appendAudit(
        tx,
        plans.map((plan) =>
          registrationCreated(plan, options.countryOfSite(plan.siteId), options.actor),
        ),
      );
    }
    return result;
  });
}
