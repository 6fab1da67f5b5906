import { describe, expect, it } from 'vitest';
import { ROLES, type Principal, type Role } from '../access/policy.js';
import { isRunInScope, seesOperational } from './operational.js';

const principal = (role: Role, countries = ['PL'], siteIds = ['medyka']): Principal => ({
  userId: 'u',
  username: role,
  role,
  countries,
  siteIds,
});
const toMedyka = { siteId: 'medyka', countryCode: 'PL' };

describe('operational secrecy of runs', () => {
  it('shows positions and timings to evacuation coordinators in scope and to nobody else', () => {
    const seeing = ROLES.filter((role) => seesOperational(principal(role), toMedyka));
    expect(seeing).toEqual(['evacuation-coordinator']);
    expect(seesOperational(principal('evacuation-coordinator', ['RO']), toMedyka)).toBe(false);
  });

  it('keeps a run that ends at no Haven site outside every site scope', () => {
    const insideUkraine = { siteId: null, countryCode: 'PL' };
    expect(isRunInScope(principal('registrar'), insideUkraine)).toBe(false);
    expect(isRunInScope(principal('evacuation-coordinator'), insideUkraine)).toBe(true);
  });
});
