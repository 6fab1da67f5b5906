import { describe, expect, it } from 'vitest';
import { ACCESS_POLICY, ROLES } from './policy.js';
import { needsSecondFactor, secondFactorStatus } from './second-factor.js';

describe('the second factor', () => {
  it('is needed by exactly the roles that read a person', () => {
    const readers = ROLES.filter((role) =>
      ACCESS_POLICY[role].permissions.some(
        (permission) => permission === 'persons:read' || permission === 'persons:subject-access',
      ),
    );
    expect(ROLES.filter(needsSecondFactor)).toEqual(readers);
    expect(needsSecondFactor('analyst')).toBe(false);
    expect(needsSecondFactor('registrar')).toBe(true);
    expect(needsSecondFactor('administrator')).toBe(true);
  });

  it('asks a reader of people to enrol, then to verify, and lets a verified session through', () => {
    const facts = { role: 'registrar', isRequiredByDeployment: true } as const;
    expect(secondFactorStatus({ ...facts, isEnrolled: false, isVerified: false })).toBe('enrol');
    expect(secondFactorStatus({ ...facts, isEnrolled: true, isVerified: false })).toBe('verify');
    expect(secondFactorStatus({ ...facts, isEnrolled: true, isVerified: true })).toBe('passed');
  });

  it('is not required where the deployment turns it off or the role reads nobody', () => {
    const none = { isEnrolled: false, isVerified: false } as const;
    expect(secondFactorStatus({ ...none, role: 'registrar', isRequiredByDeployment: false })).toBe(
      'not-required',
    );
    expect(secondFactorStatus({ ...none, role: 'analyst', isRequiredByDeployment: true })).toBe(
      'not-required',
    );
  });

  it('still asks a user who enrolled of their own accord', () => {
    expect(
      secondFactorStatus({
        role: 'analyst',
        isRequiredByDeployment: false,
        isEnrolled: true,
        isVerified: false,
      }),
    ).toBe('verify');
  });
});
