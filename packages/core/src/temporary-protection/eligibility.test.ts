import { describe, expect, it } from 'vitest';
import type { PartialDate } from '../registration/partial-date.js';
import { ConflictingFactsError, decideEligibility } from './eligibility.js';
import type { EligibilityFacts, FamilyLink } from './facts.js';
import { findFactConflicts } from './facts.js';
import { PROTECTION_RULES, regimeOf } from './rules.js';

/** A Ukrainian mother from Kharkiv who crossed at Medyka on 1 March 2022, passport seen. */
const buildFacts = (overrides: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  birthDate: '1988-04-12' as PartialDate,
  nationality: 'UKR',
  residedInUkraineBeforeInvasion: true,
  ukraineResidenceTitle: null,
  leftUkraineOn: '2022-03-01',
  arrivedOn: '2022-03-01',
  canReturnSafely: null,
  familyLink: null,
  evidence: ['ukrainian-nationality'],
  ...overrides,
});

const buildLink = (overrides: Partial<FamilyLink> = {}): FamilyLink => ({
  relationship: 'spouse',
  anchorCategory: 'TP-2-1-A',
  anchorPersonId: null,
  familyResidedInUkraineBeforeInvasion: true,
  unmarried: null,
  livedInFamilyUnit: null,
  whollyOrMainlyDependent: null,
  ...overrides,
});

/** A third-country national who lived in Ukraine and left with the war. */
const foreigner = (overrides: Partial<EligibilityFacts> = {}) =>
  buildFacts({ nationality: 'IND', evidence: ['identity-document'], ...overrides });

describe('Art. 2(1)(a): Ukrainian nationals residing in Ukraine', () => {
  it('is eligible in Poland under the Special Act, naming the rule and its citations', () => {
    const decision = decideEligibility(buildFacts(), 'PL', '2022-03-10');
    expect(decision).toMatchObject({
      kind: 'eligible',
      category: 'TP-2-1-A',
      protectionForm: 'temporary-protection',
      rule: { id: 'PL/TP-2-1-A', version: 1 },
    });
    const acts = decision.kind === 'eligible' ? decision.citation.map((c) => c.act) : [];
    expect(acts.some((act) => act.includes('2022/382'))).toBe(true);
    expect(acts.some((act) => act.includes('12 March 2022'))).toBe(true);
  });

  it('refuses a Ukrainian who left on 20 February 2022, citing the cut-off and the optional extension', () => {
    const decision = decideEligibility(
      buildFacts({ leftUkraineOn: '2022-02-20', arrivedOn: '2022-02-20' }),
      'RO',
      '2022-03-10',
    );
    expect(decision.kind).toBe('not-eligible');
    expect(decision.kind === 'not-eligible' && decision.reasons).toEqual([
      expect.objectContaining({
        code: 'displaced-before-invasion',
        message: expect.stringContaining('TPD Art. 7'),
      }),
    ]);
  });

  it('refuses a Ukrainian who lived abroad before the invasion', () => {
    const decision = decideEligibility(
      buildFacts({ residedInUkraineBeforeInvasion: false }),
      'DE',
      '2022-04-01',
    );
    expect(decision).toMatchObject({
      kind: 'not-eligible',
      reasons: [expect.objectContaining({ code: 'not-resident-in-ukraine' })],
    });
  });

  it('asks for the passport or ID before recommending', () => {
    expect(decideEligibility(buildFacts({ evidence: [] }), 'PL', '2022-03-10')).toEqual({
      kind: 'needs-evidence',
      category: 'TP-2-1-A',
      rule: expect.objectContaining({ id: 'PL/TP-2-1-A' }),
      missing: [
        { kind: 'evidence', name: 'ukrainian-nationality', why: 'Required by PL/TP-2-1-A' },
      ],
    });
  });

  it('asks for the day of leaving when it is not known', () => {
    const decision = decideEligibility(buildFacts({ leftUkraineOn: null }), 'SK', '2022-03-10');
    expect(decision).toMatchObject({
      kind: 'needs-evidence',
      missing: [expect.objectContaining({ kind: 'fact', name: 'leftUkraineOn' })],
    });
  });

  it('is refused before the Decision applies (4 March 2022) in a Member State without an earlier national act', () => {
    expect(decideEligibility(buildFacts(), 'HU', '2022-03-02')).toMatchObject({
      kind: 'not-eligible',
      reasons: [expect.objectContaining({ code: 'regime-not-in-force' })],
    });
    // Poland's Special Act counts the stay from 24 February 2022.
    expect(decideEligibility(buildFacts(), 'PL', '2022-03-02').kind).toBe('eligible');
    // Romania's HG 367/2022 applies retroactively from 24 February 2022.
    expect(decideEligibility(buildFacts(), 'RO', '2022-03-02').kind).toBe('eligible');
    // Slovakia declared temporary refuge for Ukrainians from 1 March 2022 (Resolution 144/2022).
    expect(decideEligibility(buildFacts(), 'SK', '2022-03-02')).toMatchObject({
      kind: 'eligible',
      rule: { id: 'SK/TP-2-1-A', validFrom: '2022-03-01' },
    });
    const early = buildFacts({ leftUkraineOn: '2022-02-26', arrivedOn: '2022-02-26' });
    expect(decideEligibility(early, 'SK', '2022-02-28')).toMatchObject({
      kind: 'not-eligible',
      reasons: [expect.objectContaining({ code: 'regime-not-in-force' })],
    });
  });

  it('is refused once the last extension in the rules data has run out, not on its last day', () => {
    // 2025/1460 extends protection to 4 March 2027: that day is still protected.
    expect(decideEligibility(buildFacts(), 'HU', '2027-03-04').kind).toBe('eligible');
    expect(decideEligibility(buildFacts(), 'HU', '2027-03-05')).toMatchObject({
      kind: 'not-eligible',
      reasons: [expect.objectContaining({ code: 'protection-ended' })],
    });
    // Czechia extends its temporary-protection visas to 31 March each year (Lex Ukrajina).
    expect(decideEligibility(buildFacts(), 'CZ', '2027-03-31').kind).toBe('eligible');
    expect(decideEligibility(buildFacts(), 'CZ', '2027-04-01')).toMatchObject({
      kind: 'not-eligible',
      reasons: [expect.objectContaining({ code: 'protection-ended' })],
    });
  });
});

describe('Art. 2(1)(b): protection holders in Ukraine', () => {
  it('covers a stateless person recognised as a refugee in Ukraine', () => {
    const facts = foreigner({
      nationality: 'XXA',
      ukraineResidenceTitle: 'international-protection',
      evidence: ['identity-document', 'protection-in-ukraine'],
    });
    expect(decideEligibility(facts, 'DE', '2022-05-01')).toMatchObject({
      kind: 'eligible',
      category: 'TP-2-1-B',
      rule: { id: 'DE/TP-2-1-B' },
    });
  });
});

describe('Art. 2(2): third-country nationals with a Ukrainian permanent residence permit', () => {
  const permanent = (overrides: Partial<EligibilityFacts> = {}) =>
    foreigner({
      ukraineResidenceTitle: 'permanent-residence-permit',
      canReturnSafely: false,
      evidence: ['identity-document', 'permanent-residence-permit', 'unsafe-return'],
      ...overrides,
    });

  it('covers one who cannot return safely and durably', () => {
    expect(decideEligibility(permanent(), 'PL', '2022-04-01')).toMatchObject({
      kind: 'eligible',
      category: 'TP-2-2',
    });
  });

  it('is not given temporary protection in Hungary, whose Decree 86/2022 covers Art. 2(1) only', () => {
    expect(decideEligibility(permanent(), 'HU', '2022-04-01').kind).toBe('not-eligible');
    expect(decideEligibility(permanent(), 'SK', '2022-04-01')).toMatchObject({
      kind: 'eligible',
      category: 'TP-2-2',
    });
  });

  it('is covered in Slovakia from its declaration of 17 March 2022, not before', () => {
    expect(decideEligibility(permanent(), 'SK', '2022-03-16').kind).toBe('not-eligible');
    expect(decideEligibility(permanent(), 'SK', '2022-03-17')).toMatchObject({
      kind: 'eligible',
      rule: { id: 'SK/TP-2-2' },
    });
  });

  it('is covered in Moldova from 1 March 2025, not before', () => {
    expect(decideEligibility(permanent(), 'MD', '2025-03-01')).toMatchObject({
      kind: 'eligible',
      category: 'TP-2-2',
      protectionForm: 'national-temporary-protection',
      rule: { id: 'MD/TP-2-2' },
    });
    expect(decideEligibility(permanent(), 'MD', '2025-02-28').kind).toBe('not-eligible');
  });

  it('refuses one who can return safely', () => {
    expect(
      decideEligibility(permanent({ canReturnSafely: true }), 'PL', '2022-04-01'),
    ).toMatchObject({
      kind: 'not-eligible',
      reasons: expect.arrayContaining([expect.objectContaining({ code: 'can-return-safely' })]),
    });
  });

  it('asks whether return is safe, and for the permit, before recommending', () => {
    const decision = decideEligibility(
      permanent({ canReturnSafely: null, evidence: ['identity-document'] }),
      'PL',
      '2022-04-01',
    );
    expect(decision.kind === 'needs-evidence' && decision.missing.map((item) => item.name)).toEqual(
      ['canReturnSafely', 'permanent-residence-permit', 'unsafe-return'],
    );
  });
});

describe('Art. 2(3): other legally residing third-country nationals (optional)', () => {
  it('refuses a student on a temporary permit where the country does not apply Art. 2(3)', () => {
    const student = foreigner({
      nationality: 'NGA',
      ukraineResidenceTitle: 'temporary-residence-permit',
      canReturnSafely: true,
      evidence: ['identity-document', 'temporary-residence-permit'],
    });
    for (const country of ['PL', 'RO', 'HU', 'SK', 'FR']) {
      const decision = decideEligibility(student, country, '2022-04-01');
      expect(decision.kind, country).toBe('not-eligible');
      expect(decision.kind === 'not-eligible' && decision.reasons.map((r) => r.code)).toContain(
        'optional-category-not-applied',
      );
    }
  });

  it('covers a student in Germany who cannot return, under the BMI circular applying Art. 2(3)', () => {
    const student = foreigner({
      nationality: 'NGA',
      ukraineResidenceTitle: 'temporary-residence-permit',
      canReturnSafely: false,
      evidence: ['identity-document', 'temporary-residence-permit', 'unsafe-return'],
    });
    const decision = decideEligibility(student, 'DE', '2022-04-01');
    expect(decision).toMatchObject({
      kind: 'eligible',
      category: 'TP-2-3',
      rule: { id: 'DE/TP-2-3' },
    });
    const acts = decision.kind === 'eligible' ? decision.citation.map((c) => c.act) : [];
    expect(acts.some((act) => act.includes('BMI'))).toBe(true);
    // Not after 4 March 2025: the ordinance no longer covers temporary residents of Ukraine.
    const later = decideEligibility(student, 'DE', '2025-06-01');
    expect(later).toMatchObject({
      kind: 'not-eligible',
      reasons: expect.arrayContaining([
        expect.objectContaining({
          code: 'optional-category-not-applied',
          message: expect.stringContaining('no longer applies'),
        }),
      ]),
    });
    expect(
      decideEligibility({ ...student, canReturnSafely: true }, 'DE', '2022-04-01'),
    ).toMatchObject({
      kind: 'not-eligible',
      reasons: expect.arrayContaining([expect.objectContaining({ code: 'can-return-safely' })]),
    });
  });

  it('asks for the title a foreigner held in Ukraine when it is not known', () => {
    expect(decideEligibility(foreigner(), 'RO', '2022-04-01')).toMatchObject({
      kind: 'needs-evidence',
      missing: [expect.objectContaining({ name: 'ukraineResidenceTitle' })],
    });
  });
});

describe('Art. 2(1)(c) and 2(4): family members', () => {
  const family = (link: Partial<FamilyLink>, overrides: Partial<EligibilityFacts> = {}) =>
    foreigner({
      nationality: 'GEO',
      ukraineResidenceTitle: 'none',
      familyLink: buildLink(link),
      evidence: ['identity-document', 'family-link'],
      ...overrides,
    });

  it('covers the Georgian spouse of a Ukrainian', () => {
    expect(decideEligibility(family({ relationship: 'spouse' }), 'PL', '2022-03-15')).toMatchObject(
      {
        kind: 'eligible',
        category: 'TP-2-1-C',
        rule: { id: 'PL/TP-2-1-C' },
      },
    );
  });

  it('refuses a spouse when the family did not reside in Ukraine before 24 February 2022', () => {
    expect(
      decideEligibility(
        family({ familyResidedInUkraineBeforeInvasion: false }),
        'PL',
        '2022-03-15',
      ),
    ).toMatchObject({
      kind: 'not-eligible',
      reasons: expect.arrayContaining([expect.objectContaining({ code: 'family-not-in-ukraine' })]),
    });
  });

  it('does not treat an unmarried partner as a spouse where national law does not', () => {
    expect(
      decideEligibility(family({ relationship: 'unmarried-partner' }), 'SK', '2022-03-15'),
    ).toMatchObject({
      kind: 'not-eligible',
      reasons: expect.arrayContaining([
        expect.objectContaining({
          code: 'partner-not-recognised',
          citation: expect.objectContaining({ article: 'Art. 2(4)(a)' }),
        }),
      ]),
    });
  });

  it('covers a minor unmarried child and asks whether the child is unmarried', () => {
    const child = { relationship: 'minor-child' as const };
    const facts = { birthDate: '2010-01-01' as PartialDate };
    expect(
      decideEligibility(family({ ...child, unmarried: true }, facts), 'CZ', '2022-03-15').kind,
    ).toBe('eligible');
    expect(decideEligibility(family(child, facts), 'CZ', '2022-03-15')).toMatchObject({
      kind: 'needs-evidence',
      missing: [expect.objectContaining({ name: 'familyLink.unmarried' })],
    });
  });

  it('covers a dependent grandmother who lived in the family unit, with proof of dependency', () => {
    const grandmother = family(
      {
        relationship: 'dependent-relative',
        livedInFamilyUnit: true,
        whollyOrMainlyDependent: true,
      },
      { birthDate: '1946' as PartialDate },
    );
    expect(decideEligibility(grandmother, 'HU', '2022-03-15')).toMatchObject({
      kind: 'needs-evidence',
      missing: [expect.objectContaining({ name: 'dependency' })],
    });
    expect(
      decideEligibility(
        { ...grandmother, evidence: [...grandmother.evidence, 'dependency'] },
        'HU',
        '2022-03-15',
      ).kind,
    ).toBe('eligible');
  });

  it('refuses a relative who was not dependent', () => {
    const relative = family({
      relationship: 'dependent-relative',
      livedInFamilyUnit: true,
      whollyOrMainlyDependent: false,
    });
    expect(decideEligibility(relative, 'HU', '2022-03-15')).toMatchObject({
      kind: 'not-eligible',
      reasons: expect.arrayContaining([expect.objectContaining({ code: 'not-dependent' })]),
    });
  });
});

describe('Moldova: its own regime of 2023', () => {
  it('covers a Ukrainian who was already in Moldova before 24 February 2022, with ID and proof of residence', () => {
    const facts = buildFacts({
      leftUkraineOn: '2022-02-20',
      arrivedOn: '2022-02-20',
      evidence: ['ukrainian-nationality', 'residence-in-host-country'],
    });
    expect(decideEligibility(facts, 'MD', '2023-05-01')).toMatchObject({
      kind: 'eligible',
      category: 'MD-PRESENT-BEFORE',
      protectionForm: 'national-temporary-protection',
    });
    expect(
      decideEligibility({ ...facts, evidence: ['ukrainian-nationality'] }, 'MD', '2023-05-01'),
    ).toMatchObject({
      kind: 'needs-evidence',
      category: 'MD-PRESENT-BEFORE',
      missing: [expect.objectContaining({ name: 'residence-in-host-country' })],
    });
  });

  it('did not grant temporary protection before 1 March 2023', () => {
    expect(decideEligibility(buildFacts(), 'MD', '2022-06-01')).toMatchObject({
      kind: 'not-eligible',
      reasons: [expect.objectContaining({ code: 'regime-not-in-force' })],
    });
  });
});

describe('conflicting facts', () => {
  it('names every field that contradicts another: born after arrival, arrived before leaving', () => {
    const facts = buildFacts({
      birthDate: '2022-05-01' as PartialDate,
      leftUkraineOn: '2022-04-01',
      arrivedOn: '2022-03-25',
    });
    expect(findFactConflicts(facts, '2022-06-01').map((c) => c.field)).toEqual([
      'leftUkraineOn',
      'arrivedOn',
      'arrivedOn',
    ]);
    expect(() => decideEligibility(facts, 'PL', '2022-06-01')).toThrow(ConflictingFactsError);
  });

  it('refuses a residence title for a Ukrainian and a "minor" child who is an adult', () => {
    const facts = buildFacts({
      ukraineResidenceTitle: 'temporary-residence-permit',
      familyLink: buildLink({ relationship: 'minor-child' }),
    });
    expect(findFactConflicts(facts, '2022-06-01').map((c) => c.field)).toEqual([
      'ukraineResidenceTitle',
      'familyLink.relationship',
    ]);
  });
});

describe('the rules data', () => {
  it('cites a source for every category of every country and has no gap between periods', () => {
    for (const rules of PROTECTION_RULES) {
      for (const rule of rules.categories) {
        expect(rule.citation.length, rule.id).toBeGreaterThan(0);
      }
      rules.periods.slice(1).forEach((period, index) => {
        expect(period.from, rules.regime).toBe(rules.periods[index]?.until);
      });
    }
  });

  it('cites each EU extension by its implementing decision, checked against the act', () => {
    const extensions = regimeOf('FR').periods.slice(2);
    expect(extensions.map((period) => [period.until, period.citation.act])).toEqual([
      ['2025-03-04', expect.stringContaining('(EU) 2023/2409 of 19 October 2023')],
      ['2026-03-04', expect.stringContaining('(EU) 2024/1836 of 25 June 2024')],
      ['2027-03-04', expect.stringContaining('(EU) 2025/1460 of 15 July 2025')],
    ]);
    expect(extensions.every((period) => period.citation.verified)).toBe(true);
  });

  it('falls back to the EU default for a host country without its own rules', () => {
    expect(regimeOf('FR').regime).toBe('EU');
    expect(regimeOf('PL').regime).toBe('PL');
  });
});
