/**
 * Who must pass a second factor (issue 7, OWASP ASVS 2.2 at level 2): every role that can read a
 * person. Derived from the role table, so a role given `persons:read` later needs it at once.
 */
import { ACCESS_POLICY, type Permission, type Role } from './policy.js';

/** The permissions that open the record of a person. */
const READS_PERSONS: readonly Permission[] = ['persons:read', 'persons:subject-access'];

/** Whether a role reads people and so must pass a second factor where the deployment asks for it. */
export function needsSecondFactor(role: Role): boolean {
  return ACCESS_POLICY[role].permissions.some((permission) => READS_PERSONS.includes(permission));
}

/**
 * Where a cookie session stands: 'not-required' and 'passed' may use the API; 'enrol' and
 * 'verify' (signed in by password alone) may only finish the second factor or sign out.
 */
export type SecondFactorStatus = 'not-required' | 'enrol' | 'verify' | 'passed';

export interface SecondFactorFacts {
  readonly role: Role;
  /** The deployment asks for a second factor (off in demo mode). */
  readonly isRequiredByDeployment: boolean;
  /** The user has a confirmed authenticator. */
  readonly isEnrolled: boolean;
  /** This session passed the second factor. */
  readonly isVerified: boolean;
}

/**
 * The second-factor status of a session. A user who enrolled is always asked for a code, even
 * where the deployment or the role would not require it: the factor they set up protects them.
 * @example secondFactorStatus({ role: 'registrar', isRequiredByDeployment: true, isEnrolled: false, isVerified: false }) // 'enrol'
 */
export function secondFactorStatus(facts: SecondFactorFacts): SecondFactorStatus {
  if (facts.isVerified) {
    return 'passed';
  }
  if (facts.isEnrolled) {
    return 'verify';
  }
  return facts.isRequiredByDeployment && needsSecondFactor(facts.role) ? 'enrol' : 'not-required';
}

export function isSecondFactorPending(status: SecondFactorStatus): boolean {
  return status === 'enrol' || status === 'verify';
}
