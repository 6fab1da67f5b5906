import { describe, expect, it } from 'vitest';
import { findUkraineAdminUnit, isUkrainePcode, oblastOf } from './pcodes.js';
import { UKRAINE_ADMIN_UNITS } from './ua-admin-units.js';

describe('Ukraine P-codes (OCHA COD-AB)', () => {
  const oblasts = UKRAINE_ADMIN_UNITS.filter((u) => u.level === 1);
  const raions = UKRAINE_ADMIN_UNITS.filter((u) => u.level === 2);

  it('has the 27 first-level units and the second-level units of the 2020 reform', () => {
    expect(oblasts).toHaveLength(27);
    // 136 raions, plus the Chornobyl exclusion zone and the cities of Kyiv and Sevastopol at ADM2.
    expect(raions).toHaveLength(139);
  });

  it('places every raion under an existing oblast whose code prefixes its own', () => {
    for (const raion of raions) {
      expect(raion.parent && raion.pcode.startsWith(raion.parent), raion.pcode).toBe(true);
      expect(
        oblasts.some((o) => o.pcode === raion.parent),
        raion.pcode,
      ).toBe(true);
    }
    expect(new Set(UKRAINE_ADMIN_UNITS.map((u) => u.pcode)).size).toBe(UKRAINE_ADMIN_UNITS.length);
  });

  it('uses P-codes, not ISO 3166-2 codes', () => {
    expect(findUkraineAdminUnit('UA80')?.nameEn).toBe('Kyiv');
    expect(findUkraineAdminUnit('UA73')?.nameUk).toBe('Чернівецька');
    expect(isUkrainePcode('UA-30')).toBe(false);
    expect(isUkrainePcode('UA77')).toBe(false); // ISO digits of Chernivetska
  });

  it('finds the oblast of a raion and keeps former names', () => {
    expect(oblastOf('UA4606')?.nameEn).toBe('Lvivska');
    expect(findUkraineAdminUnit('UA4612')).toMatchObject({
      nameEn: 'Sheptytskyi',
      aliases: ['Chervonohradskyi', 'Червоноградський'],
    });
  });
});
