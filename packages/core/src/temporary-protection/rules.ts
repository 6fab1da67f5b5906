/**
 * Temporary-protection rules as versioned data (issue 6 item 1; DOMAIN.md section 1): who is
 * covered, in which host country, from when to when, under which act. Code reads these tables;
 * it never hard-codes a country.
 *
 * Citations marked `verified: true` are backed by Haven's domain reference (DOMAIN.md section 1)
 * or are the EU acts themselves; `verified: false` marks a national article or a later act that
 * DOMAIN.md does not give — it must be checked against the official text before it is relied on.
 * Where DOMAIN.md lacks a fact (e.g. whether Romania applies the optional Art. 2(3)), the
 * conservative reading is encoded and said so: the mandatory EU categories only. A caseworker
 * can always override a recommendation, with a reason.
 */
import {
  PROTECTION_CATEGORIES as PROTECTION_CATEGORY_LIST,
  type LegalCitation,
  type ProtectionCategory,
  type ProtectionRegime,
} from './categories.js';
import type { EvidenceKind } from './facts.js';

/** The version of this data set: stored with every assessment. Bump on any change below. */
export const PROTECTION_RULES_VERSION = '2025-07-15.2';

const EUR_LEX_2022_382 =
  'https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32022D0382';
const EUR_LEX_TPD = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32001L0055';

/** Council Implementing Decision (EU) 2022/382, the act that introduced temporary protection. */
export const decision2022382 = (article: string): LegalCitation => ({
  act: 'Council Implementing Decision (EU) 2022/382 of 4 March 2022',
  article,
  url: EUR_LEX_2022_382,
  verified: true,
});

/** Council Directive 2001/55/EC of 20 July 2001 (the Temporary Protection Directive). */
export const tpd = (article: string): LegalCitation => ({
  act: 'Council Directive 2001/55/EC (Temporary Protection Directive)',
  article,
  url: EUR_LEX_TPD,
  verified: true,
});

const POLISH_SPECIAL_ACT =
  'Act of 12 March 2022 on assistance to citizens of Ukraine in connection with the armed conflict on the territory of that state (Poland, Dz.U. 2022 poz. 583)';
/** The Special Act as DOMAIN.md gives it (act-level facts are verified; article numbers are not). */
export const polishSpecialAct = (article: string, verified: boolean): LegalCitation => ({
  act: POLISH_SPECIAL_ACT,
  article,
  url: 'https://ukraina.interwencjaprawna.pl/the-act-on-assistance-for-ukrainian-citizens/',
  verified,
});

export const moldovaRegime = (article: string, verified: boolean): LegalCitation => ({
  act: 'Government Decision No. 21 of 18 January 2023 on granting temporary protection to displaced persons from Ukraine (Republic of Moldova)',
  article,
  url: 'https://igm.gov.md/en/temporary-protection/',
  verified,
});

const national = (act: string, article: string): LegalCitation => ({
  act,
  article,
  url: null,
  verified: false,
});

/**
 * A period of temporary protection: it runs until `until` (exclusive of later extensions that
 * had not been decided yet). The period containing a day gives that day's renewal date.
 */
export interface ProtectionPeriod {
  readonly from: string;
  readonly until: string;
  readonly citation: LegalCitation;
}

/**
 * The EU periods: one year from 4 March 2022 (Decision 2022/382 Art. 4; TPD Art. 4(1)),
 * extended automatically to 4 March 2024 (TPD Art. 4(1)), then by Council decisions (TPD
 * Art. 4(2)) to 4 March 2025 (DOMAIN.md), 4 March 2026 and 4 March 2027 (not in DOMAIN.md,
 * which marks 2027 unverified; the Council agreed it on 13 June 2025 on proposal COM(2025) 650).
 */
export const EU_PROTECTION_PERIODS: readonly ProtectionPeriod[] = [
  { from: '2022-03-04', until: '2023-03-04', citation: decision2022382('Art. 4') },
  { from: '2023-03-04', until: '2024-03-04', citation: tpd('Art. 4(1)') },
  {
    from: '2024-03-04',
    until: '2025-03-04',
    citation: {
      act: 'Council Implementing Decision (EU) 2023/2409 of 19 October 2023',
      article: 'Art. 1',
      url: null,
      verified: false,
    },
  },
  {
    from: '2025-03-04',
    until: '2026-03-04',
    citation: {
      act: 'Council Implementing Decision (EU) 2024/1836 of 25 June 2024',
      article: 'Art. 1',
      url: null,
      verified: false,
    },
  },
  {
    from: '2026-03-04',
    until: '2027-03-04',
    citation: {
      act: 'Council Implementing Decision (EU) 2025/1460 of 15 July 2025 (proposal COM(2025) 650)',
      article: 'Art. 1',
      url: null,
      verified: false,
    },
  },
];

/** How a country treats a category it covers. */
export type ProtectionForm =
  | 'temporary-protection'
  /** Art. 2(2): a Member State may give "adequate protection under its national law" instead. */
  | 'adequate-national-protection'
  /** A non-EU country's own regime (Moldova). */
  | 'national-temporary-protection';

/** One category as one country applies it: the rule an assessment names. */
export interface CategoryRule {
  /** Stable id, e.g. 'PL/TP-2-1-A'. */
  readonly id: string;
  readonly version: number;
  readonly category: ProtectionCategory;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly form: ProtectionForm;
  readonly citation: readonly LegalCitation[];
  /** Evidence the caseworker must have seen before the recommendation is 'eligible'. */
  readonly evidence: readonly EvidenceKind[];
  readonly notes: readonly string[];
}

export interface AbsenceRule {
  readonly maxDaysAbroad: number;
  readonly citation: LegalCitation;
  readonly description: string;
}

export interface RegimeRules {
  readonly regime: ProtectionRegime;
  readonly name: string;
  /** The host countries (ISO alpha-2) this regime governs. */
  readonly countryCodes: readonly string[];
  readonly citation: readonly LegalCitation[];
  /** The regime's first day: assessments before it are refused with 'regime-not-in-force'. */
  readonly inForceFrom: string;
  /** Displaced from Ukraine on or after this day (Decision 2022/382 Art. 2(1)). */
  readonly displacedOnOrAfter: string;
  readonly periods: readonly ProtectionPeriod[];
  /** Categories this country covers; a category absent here is not applied by the country. */
  readonly categories: readonly CategoryRule[];
  /**
   * Art. 2(4)(a): unmarried partners count as spouses only where national law treats unmarried
   * couples comparably to married ones.
   */
  readonly unmarriedPartnersComparable: boolean;
  readonly absenceRule: AbsenceRule | null;
  readonly notes: readonly string[];
}

const IN_FORCE_EU = '2022-03-04';

/** The categories of Decision 2022/382 Art. 2, with the evidence each needs. */
const euCategory = (
  regime: string,
  category: ProtectionCategory,
  overrides: Partial<Omit<CategoryRule, 'id' | 'category'>> = {},
): CategoryRule => ({
  id: `${regime}/${category}`,
  version: 1,
  category,
  validFrom: IN_FORCE_EU,
  validTo: null,
  form: 'temporary-protection',
  citation: [decision2022382(CATEGORY_ARTICLES[category])],
  evidence: CATEGORY_EVIDENCE[category],
  notes: [],
  ...overrides,
});

/** Where Decision 2022/382 defines each category (DOMAIN.md section 1). */
export const CATEGORY_ARTICLES: Readonly<Record<ProtectionCategory, string>> = {
  'TP-2-1-A': 'Art. 2(1)(a)',
  'TP-2-1-B': 'Art. 2(1)(b)',
  'TP-2-1-C': 'Art. 2(1)(c) and 2(4)',
  'TP-2-2': 'Art. 2(2)',
  'TP-2-3': 'Art. 2(3)',
  'MD-PRESENT-BEFORE': '—',
};

export const CATEGORY_DESCRIPTIONS: Readonly<Record<ProtectionCategory, string>> = {
  'TP-2-1-A': 'Ukrainian nationals residing in Ukraine before 24 February 2022',
  'TP-2-1-B':
    'Stateless persons and third-country nationals who had international or equivalent national protection in Ukraine before 24 February 2022',
  'TP-2-1-C':
    'Family members of persons under (a) or (b), the family already present and residing in Ukraine before 24 February 2022',
  'TP-2-2':
    'Stateless persons and third-country nationals legally residing in Ukraine on a valid permanent residence permit who cannot return safely and durably',
  'TP-2-3':
    'Other stateless persons and third-country nationals legally residing in Ukraine who cannot return safely and durably (optional)',
  'MD-PRESENT-BEFORE': 'Ukrainians who were already in Moldova before 24 February 2022',
};

const CATEGORY_EVIDENCE: Readonly<Record<ProtectionCategory, readonly EvidenceKind[]>> = {
  'TP-2-1-A': ['ukrainian-nationality'],
  'TP-2-1-B': ['identity-document', 'protection-in-ukraine'],
  // The anchor's own category is proven on the anchor's record; here: the link itself.
  'TP-2-1-C': ['identity-document', 'family-link'],
  'TP-2-2': ['identity-document', 'permanent-residence-permit', 'unsafe-return'],
  'TP-2-3': ['identity-document', 'temporary-residence-permit', 'unsafe-return'],
  // DOMAIN.md, Moldova: "Requires a Ukrainian ID document and proof of residence in Moldova."
  'MD-PRESENT-BEFORE': ['ukrainian-nationality', 'residence-in-host-country'],
};

const NOT_APPLYING_2_3 =
  'Whether this country applies the optional Art. 2(3) is not in Haven’s domain reference: not applied here; a caseworker may override with the national basis as reason.';

/** A Member State applying Decision 2022/382 through its national law (DOMAIN.md: RO, SK, HU). */
const memberState = (
  regime: ProtectionRegime,
  name: string,
  countryCode: string,
  nationalAct: LegalCitation,
): RegimeRules => ({
  regime,
  name,
  countryCodes: [countryCode],
  citation: [decision2022382('Art. 2'), nationalAct],
  inForceFrom: IN_FORCE_EU,
  displacedOnOrAfter: '2022-02-24',
  periods: EU_PROTECTION_PERIODS,
  categories: [
    euCategory(regime, 'TP-2-1-A'),
    euCategory(regime, 'TP-2-1-B'),
    euCategory(regime, 'TP-2-1-C'),
    euCategory(regime, 'TP-2-2'),
  ],
  unmarriedPartnersComparable: false,
  absenceRule: null,
  notes: [NOT_APPLYING_2_3],
});

export const PROTECTION_RULES: readonly RegimeRules[] = [
  {
    regime: 'EU',
    name: 'Council Implementing Decision (EU) 2022/382 (default for a host country without its own rules)',
    countryCodes: [],
    citation: [decision2022382('Art. 2'), tpd('Art. 4, 12–14')],
    inForceFrom: IN_FORCE_EU,
    displacedOnOrAfter: '2022-02-24',
    periods: EU_PROTECTION_PERIODS,
    categories: [
      euCategory('EU', 'TP-2-1-A'),
      euCategory('EU', 'TP-2-1-B'),
      euCategory('EU', 'TP-2-1-C'),
      euCategory('EU', 'TP-2-2', {
        notes: ['A Member State may give adequate protection under national law instead of TP.'],
      }),
    ],
    unmarriedPartnersComparable: false,
    absenceRule: null,
    notes: [
      'Art. 2(3) is optional (TPD Art. 7): not applied by default.',
      'Unmarried partners count only where national law treats unmarried couples comparably (Art. 2(4)(a)); not assumed.',
    ],
  },
  {
    regime: 'PL',
    name: 'Poland: Special Act of 12 March 2022, and the TPD for the other categories',
    countryCodes: ['PL'],
    citation: [
      polishSpecialAct(
        'scope: Ukrainian citizens and their spouses who came because of the war',
        true,
      ),
      national(
        'Act of 13 June 2003 on granting protection to foreigners within the territory of the Republic of Poland',
        'Chapter on temporary protection',
      ),
    ],
    // The Special Act counts the legal stay from 24 Feb 2022 (DOMAIN.md).
    inForceFrom: '2022-02-24',
    displacedOnOrAfter: '2022-02-24',
    periods: [
      // DOMAIN.md: "Legal stay of 18 months from 24 Feb 2022".
      {
        from: '2022-02-24',
        until: '2023-08-24',
        citation: polishSpecialAct('legal stay of 18 months from 24 Feb 2022', true),
      },
      // Later amendments extended the stay in step with the EU decisions: the EU periods apply
      // (the amending acts are not in DOMAIN.md).
      ...EU_PROTECTION_PERIODS.filter((period) => period.until > '2023-08-24').map((period) => ({
        ...period,
        from: period.from < '2023-08-24' ? '2023-08-24' : period.from,
      })),
    ],
    categories: [
      euCategory('PL', 'TP-2-1-A', {
        validFrom: '2022-02-24',
        citation: [
          decision2022382('Art. 2(1)(a)'),
          // Checked 2026-11 against the Act's text as quoted by sip.lex.pl, Legalis and
          // interwencjaprawna.pl: Art. 1(1) scope, Art. 2(1) legal stay of 18 months.
          polishSpecialAct('Art. 1(1), Art. 2(1)', true),
        ],
        notes: [
          'Register in the Border Guard register or with the municipality (PESEL UKR) within 60 days of arrival (Special Act, DOMAIN.md).',
        ],
      }),
      euCategory('PL', 'TP-2-1-B'),
      euCategory('PL', 'TP-2-1-C', {
        citation: [
          decision2022382('Art. 2(1)(c) and 2(4)'),
          // Art. 1(2): a spouse without Ukrainian citizenship counts as a Ukrainian citizen
          // (Legalis on the amendment of 23 March 2022, Dz.U. 2022 poz. 682).
          polishSpecialAct('Art. 1(2): spouses of Ukrainian citizens', true),
        ],
        notes: [
          'Spouses of Ukrainian citizens are covered by the Special Act itself; other family members under the TPD.',
        ],
      }),
      euCategory('PL', 'TP-2-2'),
    ],
    unmarriedPartnersComparable: false,
    absenceRule: {
      // DOMAIN.md: "Status lost after >1 month abroad."
      maxDaysAbroad: 30,
      // Art. 11(2) as enacted: "more than one month"; later consolidated texts (Dz.U. 2024
      // poz. 167) read "more than 30 days" (sip.lex.pl).
      citation: polishSpecialAct(
        'Art. 11(2): leaving Poland for more than one month (30 days in later consolidated texts)',
        true,
      ),
      description: 'Status lost after more than one month abroad',
    },
    notes: [NOT_APPLYING_2_3],
  },
  memberState(
    'RO',
    'Romania',
    'RO',
    national('Law No. 122/2006 on asylum in Romania', 'Title on temporary protection'),
  ),
  memberState(
    'HU',
    'Hungary',
    'HU',
    national(
      'Act LXXX of 2007 on Asylum (Hungary)',
      'Chapter on persons enjoying temporary protection',
    ),
  ),
  memberState(
    'SK',
    'Slovakia',
    'SK',
    national('Act No. 480/2002 Coll. on Asylum (Slovakia)', 'Provisions on temporary refuge'),
  ),
  memberState(
    'CZ',
    'Czechia',
    'CZ',
    national(
      'Act No. 65/2022 Coll. on certain measures in connection with the armed conflict on the territory of Ukraine (Lex Ukrajina)',
      '§ 1–5',
    ),
  ),
  memberState('DE', 'Germany', 'DE', national('Residence Act (Aufenthaltsgesetz)', '§ 24')),
  {
    regime: 'MD',
    name: 'Moldova: own temporary-protection regime (not an EU Member State)',
    countryCodes: ['MD'],
    citation: [moldovaRegime('whole decision', false)],
    // The regime began on 1 March 2023 (IGM); DOMAIN.md gives the extension to 1 March 2027.
    inForceFrom: '2023-03-01',
    displacedOnOrAfter: '2022-02-24',
    periods: [
      {
        from: '2023-03-01',
        until: '2027-03-01',
        citation: moldovaRegime('extension to 1 March 2027, renewed online (DOMAIN.md)', true),
      },
    ],
    categories: [
      {
        id: 'MD/TP-2-1-A',
        version: 1,
        category: 'TP-2-1-A',
        validFrom: '2023-03-01',
        validTo: null,
        form: 'national-temporary-protection',
        citation: [moldovaRegime('persons displaced from Ukraine on or after 24 Feb 2022', false)],
        // DOMAIN.md: "Requires a Ukrainian ID document".
        evidence: ['ukrainian-nationality'],
        notes: [],
      },
      {
        id: 'MD/MD-PRESENT-BEFORE',
        version: 1,
        category: 'MD-PRESENT-BEFORE',
        validFrom: '2023-03-01',
        validTo: null,
        form: 'national-temporary-protection',
        citation: [
          moldovaRegime('Ukrainians already in Moldova before 24 Feb 2022 (DOMAIN.md)', true),
        ],
        evidence: CATEGORY_EVIDENCE['MD-PRESENT-BEFORE'],
        notes: [],
      },
      {
        id: 'MD/TP-2-1-B',
        version: 1,
        category: 'TP-2-1-B',
        validFrom: '2023-03-01',
        validTo: null,
        form: 'national-temporary-protection',
        citation: [
          moldovaRegime(
            'stateless persons and third-country nationals with protection in Ukraine',
            false,
          ),
        ],
        evidence: CATEGORY_EVIDENCE['TP-2-1-B'],
        notes: [],
      },
      {
        id: 'MD/TP-2-1-C',
        version: 1,
        category: 'TP-2-1-C',
        validFrom: '2023-03-01',
        validTo: null,
        form: 'national-temporary-protection',
        citation: [moldovaRegime('family members', false)],
        evidence: CATEGORY_EVIDENCE['TP-2-1-C'],
        notes: [],
      },
    ],
    unmarriedPartnersComparable: false,
    absenceRule: null,
    notes: [
      'Moldova’s categories beyond the Ukrainians DOMAIN.md names are encoded from the regime’s scope as published by IGM and must be verified.',
    ],
  },
];

/** The regime governing a host country: its own, or the EU default. */
export function regimeOf(countryCode: string): RegimeRules {
  const own = PROTECTION_RULES.find((rules) => rules.countryCodes.includes(countryCode));
  const fallback = PROTECTION_RULES.find((rules) => rules.regime === 'EU');
  if (own) {
    return own;
  }
  if (!fallback) {
    throw new Error('The EU default regime is missing from PROTECTION_RULES');
  }
  return fallback;
}

/** The protection period containing `onDate` in a regime, if protection runs on that day. */
export function periodOn(rules: RegimeRules, onDate: string): ProtectionPeriod | undefined {
  return rules.periods.find((period) => period.from <= onDate && onDate < period.until);
}

/** The day protection in a regime must next be renewed, seen from `onDate` (none once ended). */
export function protectionEndsOn(rules: RegimeRules, onDate: string): string | null {
  return periodOn(rules, onDate)?.until ?? null;
}

/**
 * The absence rule a stay abroad breaches, if any (Poland: more than one month abroad ends the
 * status — DOMAIN.md section 1). The caseworker then records 'lapsed' with reason 'absence-rule'.
 */
export function breachedAbsenceRule(
  rules: RegimeRules,
  daysAbroad: number,
): AbsenceRule | undefined {
  return rules.absenceRule && daysAbroad > rules.absenceRule.maxDaysAbroad
    ? rules.absenceRule
    : undefined;
}

/** The rules data as the API shows it: categories and each country's regime, with citations. */
export function describeProtectionRules() {
  const categories = PROTECTION_CATEGORY_LIST.map((category) => ({
    category,
    description: CATEGORY_DESCRIPTIONS[category],
    citation:
      category === 'MD-PRESENT-BEFORE'
        ? [moldovaRegime('Ukrainians already in Moldova before 24 Feb 2022 (DOMAIN.md)', true)]
        : [decision2022382(CATEGORY_ARTICLES[category])],
  }));
  const regimes = PROTECTION_RULES.map((rules) => ({
    regime: rules.regime,
    name: rules.name,
    citation: [...rules.citation],
    categories: rules.categories.map((rule) => rule.category),
    protectionEndsOn: rules.periods.at(-1)?.until ?? rules.inForceFrom,
    absenceRule: rules.absenceRule
      ? `${rules.absenceRule.description} (more than ${String(rules.absenceRule.maxDaysAbroad)} days)`
      : null,
    notes: [...rules.notes],
  }));
  return { version: PROTECTION_RULES_VERSION, categories, regimes };
}
