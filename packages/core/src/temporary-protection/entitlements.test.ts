import { describe, expect, it } from 'vitest';
import type { PartialDate } from '../registration/partial-date.js';
import { deriveEntitlements, nextRenewalOn } from './entitlements.js';
import { breachedAbsenceRule, regimeOf } from './rules.js';

const adult = '1988-04-12' as PartialDate;
const child = '2015-06' as PartialDate;
const granted = { status: 'granted' as const, effectiveOn: '2022-03-10', validUntil: null };

describe('entitlements from (country, status, date)', () => {
  it('gives a child in Poland all five rights, each citing the TPD and the Special Act', () => {
    const rights = deriveEntitlements('PL', granted, child, '2022-06-01');
    expect(rights.map((right) => [right.kind, right.granted])).toEqual([
      ['right-to-work', true],
      ['education', true],
      ['housing-assistance', true],
      ['social-welfare', true],
      ['medical-care', true],
    ]);
    const work = rights.find((right) => right.kind === 'right-to-work');
    expect(work?.citation.map((c) => c.article)).toEqual([
      'Art. 12: employed or self-employed activity',
      expect.stringContaining('within 7 days'),
    ]);
    expect(work?.conditions.map((c) => c.code)).toEqual(['pesel-number', 'employer-notification']);
    expect(work?.record).toBe('work-authorisation');
  });

  it('owes education to minors only (TPD Art. 14(1))', () => {
    const education = deriveEntitlements('RO', granted, adult, '2022-06-01').find(
      (r) => r.kind === 'education',
    );
    expect(education).toMatchObject({
      granted: false,
      conditions: [expect.objectContaining({ code: 'minors-only' })],
    });
  });

  it('gives no rights unless the status is in force', () => {
    expect(deriveEntitlements('PL', null, adult, '2022-06-01')).toEqual([]);
    expect(
      deriveEntitlements(
        'PL',
        { status: 'applied', effectiveOn: '2022-03-05', validUntil: null },
        adult,
        '2022-06-01',
      ),
    ).toEqual([]);
    expect(
      deriveEntitlements('PL', { ...granted, status: 'suspended' }, adult, '2022-06-01'),
    ).toEqual([]);
    expect(
      deriveEntitlements('PL', { ...granted, validUntil: '2022-05-01' }, adult, '2022-06-01'),
    ).toEqual([]);
  });

  it('cites Moldova’s own regime, not the TPD, in Moldova', () => {
    const rights = deriveEntitlements(
      'MD',
      { ...granted, effectiveOn: '2023-03-05' },
      adult,
      '2023-06-01',
    );
    const medical = rights.find((right) => right.kind === 'medical-care');
    expect(medical?.citation).toEqual([
      expect.objectContaining({ act: expect.stringContaining('Moldova'), verified: true }),
    ]);
    expect(medical?.nextRenewalOn).toBe('2027-03-01');
  });

  it('renews at the end of the protection period in force, or the document expiry if earlier', () => {
    expect(nextRenewalOn('DE', granted, '2022-06-01')).toBe('2023-03-04');
    expect(nextRenewalOn('DE', granted, '2025-06-01')).toBe('2026-03-04');
    expect(nextRenewalOn('DE', { ...granted, validUntil: '2025-09-30' }, '2025-06-01')).toBe(
      '2025-09-30',
    );
    // Poland: 18 months of legal stay from 24 Feb 2022 under the Special Act.
    expect(nextRenewalOn('PL', granted, '2022-06-01')).toBe('2023-08-24');
    // Czechia: temporary-protection visas run to 31 March, extended a year at a time.
    expect(nextRenewalOn('CZ', granted, '2022-06-01')).toBe('2023-03-31');
    expect(nextRenewalOn('CZ', granted, '2024-03-15')).toBe('2024-03-31');
    expect(nextRenewalOn('CZ', granted, '2024-04-02')).toBe('2025-03-31');
  });
});

describe('absence rules', () => {
  it('ends protection in Poland after more than one month abroad, and nowhere else in the data', () => {
    expect(breachedAbsenceRule(regimeOf('PL'), 31)).toMatchObject({ maxDaysAbroad: 30 });
    expect(breachedAbsenceRule(regimeOf('PL'), 30)).toBeUndefined();
    expect(breachedAbsenceRule(regimeOf('RO'), 90)).toBeUndefined();
  });
});
