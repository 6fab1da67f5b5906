import { describe, expect, it } from 'vitest';
import { householdCountry } from './scope.js';

describe('householdCountry', () => {
  it('refuses an alias the subquery uses itself, which would pick any household', () => {
    expect(() => householdCountry('first_registration')).toThrow(/alias/);
    expect(() => householdCountry('registrations')).toThrow(/alias/);
  });

  it('refuses anything but a plain alias', () => {
    expect(() => householdCountry('p.household_id')).toThrow(/alias/);
    expect(() => householdCountry('')).toThrow(/alias/);
  });
});
