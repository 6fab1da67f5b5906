import { describe, expect, it } from 'vitest';
import { isCountryAlpha2, isCountryAlpha3, isNationalityCode } from './countries.js';

describe('country codes', () => {
  it('knows ISO 3166-1 codes of the region', () => {
    expect(['UA', 'PL', 'RO', 'HU', 'SK', 'MD'].every(isCountryAlpha2)).toBe(true);
    expect(['UKR', 'POL', 'ROU', 'HUN', 'SVK', 'MDA'].every(isCountryAlpha3)).toBe(true);
  });

  it('rejects non-codes and UNHCR proGres codes that are not ISO', () => {
    expect(isCountryAlpha2('XX')).toBe(false);
    expect(isCountryAlpha2('pl')).toBe(false);
    expect(isCountryAlpha3('ROM')).toBe(false); // proGres code for Romania; ISO is ROU
    expect(isCountryAlpha3('GFR')).toBe(false);
  });

  it('accepts ICAO stateless and refugee codes as nationality', () => {
    expect(isNationalityCode('XXA')).toBe(true);
    expect(isNationalityCode('XXB')).toBe(true);
    expect(isCountryAlpha3('XXA')).toBe(false);
  });
});
