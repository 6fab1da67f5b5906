import { describe, expect, it } from 'vitest';
import { crossCountryView, seesPersonDetailsIn } from './policy.js';

describe('the cross-country details rule', () => {
  const paidInRomania = { personId: 'person-ro', countryCode: 'RO', period: '2022-06' };

  it('shows a Polish caseworker that a record exists in Romania, never whose it is', () => {
    expect(crossCountryView(['PL'], paidInRomania)).toEqual({
      personId: null,
      countryCode: 'RO',
      period: '2022-06',
    });
  });

  it('shows the person to a caller whose scope covers that country', () => {
    expect(crossCountryView(['PL', 'RO'], paidInRomania)).toEqual(paidInRomania);
    expect(seesPersonDetailsIn(['RO'], 'RO')).toBe(true);
  });

  it('shows nobody to a caller without countries, and all to an operator command', () => {
    expect(seesPersonDetailsIn([], 'PL')).toBe(false);
    expect(seesPersonDetailsIn(['PL'], null)).toBe(false);
    expect(seesPersonDetailsIn(null, 'RO')).toBe(true);
  });
});
