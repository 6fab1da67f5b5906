import { RegistrationInput } from '@haven/contract';
import { ageYearsOn, type PartialDate } from '@haven/core';
import { describe, expect, it } from 'vitest';
import { DEMO_SITES, generateDemoRegistrations, type DemoSiteRef } from './index.js';

const sites: DemoSiteRef[] = DEMO_SITES.map((site, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  countryCode: site.countryCode,
  kind: site.kind,
}));

describe('demo registrations', () => {
  const registrations = generateDemoRegistrations({ seed: 2022, households: 500, sites });

  it('are all valid registration requests, with a named registrar', () => {
    const failures = registrations.flatMap(({ registrar, ...registration }, i) => {
      expect(registrar).not.toBe('');
      const result = RegistrationInput.safeParse(registration);
      return result.success ? [] : [{ i, issues: result.error.issues }];
    });
    expect(failures).toEqual([]);
  });

  it('are the same for the same seed and differ for another', () => {
    expect(generateDemoRegistrations({ seed: 2022, households: 500, sites })).toEqual(
      registrations,
    );
    expect(generateDemoRegistrations({ seed: 7, households: 500, sites })).not.toEqual(
      registrations,
    );
  });

  it('have households of 1–6 people, mostly women and children as in 2022', () => {
    const members = registrations.flatMap((r) =>
      r.household.members.map((m) => ({ ...m, day: r.registeredAt ?? '' })),
    );
    const sizes = new Set(registrations.map((r) => r.household.members.length));
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6);
    // The birth dates are valid partial dates (checked above), so reading them as such is safe here.
    const isAdultMan = (m: (typeof members)[number]) =>
      m.sex === 'male' && ageYearsOn(m.birthDate as PartialDate, m.day.slice(0, 10)) >= 18;
    const adultMenShare = members.filter(isAdultMan).length / members.length;
    expect(adultMenShare).toBeGreaterThan(0.03);
    expect(adultMenShare).toBeLessThan(0.15);
  });

  it('give unaccompanied children the SC-UC need and a feminine surname form to women', () => {
    const people = registrations.flatMap((r) => r.household.members);
    for (const person of people.filter((p) => p.childCareStatus === 'unaccompanied')) {
      expect(person.specificNeeds?.map((n) => n.code)).toContain('SC-UC');
    }
    expect(people.some((p) => p.sex === 'female' && /ська$/.test(p.familyName))).toBe(true);
    expect(people.some((p) => p.sex === 'female' && /ський$/.test(p.familyName))).toBe(false);
    expect(
      people.some(
        (p) => p.sex === 'male' && /(ська|івна)$/.test(`${p.familyName} ${p.patronymic ?? ''}`),
      ),
    ).toBe(false);
  });

  it('spread registrations over spring 2022 and across every host country', () => {
    const days = registrations.map((r) => (r.registeredAt ?? '').slice(0, 10)).sort();
    expect(days[0]?.localeCompare('2022-02-24')).toBeGreaterThanOrEqual(0);
    expect(days.at(-1)?.localeCompare('2022-05-31')).toBeLessThanOrEqual(0);
    const countries = new Set(
      registrations.map((r) => sites.find((s) => s.id === r.siteId)?.countryCode),
    );
    expect(countries).toEqual(new Set(['PL', 'RO', 'HU', 'SK', 'MD']));
  });
});
