import { describe, expect, it } from 'vitest';
import { UKRAINE_ADM2_NON_RAION_PCODES, UKRAINE_ADMIN_UNITS } from './ua-admin-units.js';

const adm1 = UKRAINE_ADMIN_UNITS.filter((unit) => unit.level === 1);
const adm2 = UKRAINE_ADMIN_UNITS.filter((unit) => unit.level === 2);
const byPcode = new Map(UKRAINE_ADMIN_UNITS.map((unit) => [unit.pcode, unit]));

describe('Ukraine administrative units (OCHA COD-AB)', () => {
  it('has the 27 ADM1 units: 24 oblasts, Crimea, Kyiv and Sevastopol', () => {
    expect(adm1).toHaveLength(27);
    expect(adm1.every((unit) => /^UA\d{2}$/.test(unit.pcode) && unit.parent === undefined)).toBe(
      true,
    );
    expect(['UA01', 'UA80', 'UA85'].every((pcode) => byPcode.get(pcode)?.level === 1)).toBe(true);
  });

  it('has the 139 ADM2 units of the COD: 136 raions, the Chornobyl zone, Kyiv and Sevastopol', () => {
    expect(adm2).toHaveLength(139);
    expect(UKRAINE_ADM2_NON_RAION_PCODES).toEqual(['UA3200', 'UA8000', 'UA8500']);
    const raions = adm2.filter((unit) => !UKRAINE_ADM2_NON_RAION_PCODES.includes(unit.pcode));
    expect(raions).toHaveLength(136);
    expect(raions.filter((unit) => unit.parent === 'UA01')).toHaveLength(10);
  });

  it('nests every ADM2 unit under an existing ADM1 unit whose code prefixes its own', () => {
    for (const unit of adm2) {
      expect(unit.pcode).toMatch(/^UA\d{4}$/);
      expect(unit.parent).toBeDefined();
      expect(byPcode.get(unit.parent ?? '')?.level).toBe(1);
      expect(unit.pcode.startsWith(unit.parent ?? '-')).toBe(true);
    }
  });

  it('has no duplicate P-codes', () => {
    expect(byPcode.size).toBe(UKRAINE_ADMIN_UNITS.length);
  });

  it('names every unit in English and in Cyrillic', () => {
    for (const unit of UKRAINE_ADMIN_UNITS) {
      expect(unit.nameEn).toMatch(/^[A-Za-z][A-Za-z -]*$/);
      expect(unit.nameUk).toMatch(/^[\u0400-\u04FF][\u0400-\u04FF ’-]*$/);
    }
  });

  it('spot-checks Lviv, Kyiv and a 2024 rename', () => {
    expect(byPcode.get('UA46')).toMatchObject({ nameEn: 'Lvivska', nameUk: 'Львівська' });
    expect(byPcode.get('UA4606')).toMatchObject({
      level: 2,
      parent: 'UA46',
      nameEn: 'Lvivskyi',
      nameUk: 'Львівський',
    });
    expect(byPcode.get('UA4602')?.nameEn).toBe('Drohobytskyi');
    expect(byPcode.get('UA4608')?.nameUk).toBe('Самбірський');
    expect(byPcode.get('UA80')).toMatchObject({ level: 1, nameEn: 'Kyiv', nameUk: 'Київ' });
    expect(byPcode.get('UA8000')?.parent).toBe('UA80');
    expect(byPcode.has('UA8000000000')).toBe(false);
    expect(byPcode.get('UA4612')).toMatchObject({ nameEn: 'Sheptytskyi', nameUk: 'Шептицький' });
    expect(byPcode.get('UA4612')?.aliases).toEqual(
      expect.arrayContaining(['Chervonohradskyi', 'Червоноградський']),
    );
  });

  it('does not use ISO 3166-2 codes as P-codes', () => {
    for (const iso of ['UA43', 'UA30', 'UA40', 'UA09', 'UA77']) {
      expect(byPcode.has(iso)).toBe(false);
    }
  });
});
