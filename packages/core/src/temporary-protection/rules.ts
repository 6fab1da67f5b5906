/**
 * Temporary-protection rules as versioned data (issue 6 item 1; DOMAIN.md section 1): who is
 * covered, in which host country, from when to when, under which act. Code reads these tables;
 * it never hard-codes a country.
 *
 * Citations marked `verified: true` are backed by Haven's domain reference (DOMAIN.md section 1),
 * by the act itself, or by an official or authoritative summary named in the comment beside them
 * (checked 2026-11); `verified: false` marks one that no reliable source confirmed — it must be
 * checked against the official text before it is relied on, and the comment says what was
 * searched. Where no source settles a fact (e.g. whether a country applies the optional
 * Art. 2(3)), the conservative reading is encoded and said so: the mandatory EU categories only.
 * A caseworker can always override a recommendation, with a reason.
 */
import {
  PROTECTION_CATEGORIES as PROTECTION_CATEGORY_LIST,
  type LegalCitation,
  type ProtectionCategory,
  type ProtectionRegime,
} from './categories.js';
import type { EvidenceKind } from './facts.js';

/** The version of this data set: stored with every assessment. Bump on any change below. */
export const PROTECTION_RULES_VERSION = '2025-07-15.3';

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
 * A period of temporary protection: it runs until `until`, that day included, as the decisions
 * word it (COM(2024) 253: "from 5 March 2025 to 4 March 2026"); later extensions not yet decided
 * are not assumed. The period containing a day gives that day's renewal date.
 */
export interface ProtectionPeriod {
  readonly from: string;
  readonly until: string;
  readonly citation: LegalCitation;
}

/**
 * The EU periods: one year from 4 March 2022 (Decision 2022/382 Art. 4; TPD Art. 4(1)),
 * extended automatically to 4 March 2024 (TPD Art. 4(1)), then by Council implementing
 * decisions under TPD Art. 4(2) to 4 March 2025, 2026 and 2027. Each extension is a two-article
 * act: Art. 1 extends, Art. 2 sets entry into force (EU Monitor on 2023/2409: "Entry into force
 * Date pub. +20 See Art 2"). Council Recommendation C/2025/5129 of 16 September 2025, recital 1,
 * lists the chain: 2022/382 extended by 2023/2409, 2024/1836 and 2025/1460, in force until
 * 4 March 2027 (prawo.pl reprint, https://www.prawo.pl/akty/dz-u-ue-c-2025-5129,72511558.html).
 */
export const EU_PROTECTION_PERIODS: readonly ProtectionPeriod[] = [
  { from: '2022-03-04', until: '2023-03-04', citation: decision2022382('Art. 4') },
  { from: '2023-03-04', until: '2024-03-04', citation: tpd('Art. 4(1)') },
  {
    from: '2024-03-04',
    until: '2025-03-04',
    // Checked 2026-11: EUR-Lex CELEX 32023D2409 (title, date, OJ L 2023/2409 of 24.10.2023);
    // COM(2025) 651 and Decision 2025/1460 recital 3: "extending temporary protection until
    // 4 March 2025"; EU Monitor: Art. 2 is entry into force (13 Nov 2023), so Art. 1 extends.
    citation: {
      act: 'Council Implementing Decision (EU) 2023/2409 of 19 October 2023',
      article: 'Art. 1',
      url: 'https://eur-lex.europa.eu/eli/dec_impl/2023/2409/oj',
      verified: true,
    },
  },
  {
    from: '2025-03-04',
    until: '2026-03-04',
    // Checked 2026-11: EUR-Lex CELEX 32024D1836 (DE and ET texts: "vom 25. Juni 2024", OJ L
    // 2024/1836 of 3.7.2024); COM(2025) 651: "On 25 June 2024, the Council adopted Implementing
    // Decision (EU) 2024/1836 ... until 4 March 2026". The stored excerpts stop before the
    // articles: Art. 1 is taken from the same two-article form as 2023/2409.
    citation: {
      act: 'Council Implementing Decision (EU) 2024/1836 of 25 June 2024',
      article: 'Art. 1',
      url: 'https://eur-lex.europa.eu/eli/dec_impl/2024/1836/oj',
      verified: true,
    },
  },
  {
    from: '2026-03-04',
    until: '2027-03-04',
    // Checked 2026-11 against the act as reprinted by the Italian Gazzetta Ufficiale (2a serie
    // speciale n. 72 of 22 Sept 2025, via it.vlex.com) and norma.dbi.it: "Decisione di
    // esecuzione (UE) 2025/1460 del Consiglio, del 15 luglio 2025", OJ L of 24 July 2025, in
    // force 13 August 2025; proposal COM(2025) 650 of 4 June 2025 "until 4 March 2027"
    // (ft.dk via polspy.org); political agreement 13 June 2025. Art. 1: see 2024/1836. (Its
    // recital 3 dates 2024/1836 "11 June 2024"; EUR-Lex's title says 25 June 2024.) The URL
    // follows the ELI form of the two earlier decisions; the stored copies read were reprints.
    citation: {
      act: 'Council Implementing Decision (EU) 2025/1460 of 15 July 2025',
      article: 'Art. 1',
      url: 'http://data.europa.eu/eli/dec_impl/2025/1460/oj',
      verified: true,
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

const LEX_UKRAJINA =
  'Act No. 65/2022 Coll. of 17 March 2022 on certain measures in connection with the armed conflict on the territory of Ukraine caused by the invasion of the troops of the Russian Federation (Lex Ukrajina)';

/**
 * Czechia grants temporary protection as a visa valid to 31 March and extends it by amending
 * Lex Ukrajina each year, so its periods end on 31 March, not on the EU's 4 March.
 */
const CZECH_PROTECTION_PERIODS: readonly ProtectionPeriod[] = [
  {
    from: '2022-03-04',
    until: '2023-03-31',
    // forlex.cz/novinka.php?i=163 (18 Jan 2023, quoting mvcr.cz/clanek/ua.aspx): "the validity
    // of your temporary protection ends on 31 March 2023"; seznamzpravy.cz: the original
    // temporary-protection visas were issued valid until 31 March 2023.
    citation: {
      act: LEX_UKRAJINA,
      article: 'temporary-protection visas issued valid until 31 March 2023',
      url: 'https://forlex.cz/novinka.php?i=163',
      verified: true,
    },
  },
  {
    from: '2023-03-31',
    until: '2024-03-31',
    // praha-libus.cz: Act No. 20/2023 Coll. amending Act No. 65/2022 Coll. allows extension
    // "until 31. 3. 2024"; forlex.cz (mvcr.cz): with the visa label, "until 31 March 2024".
    citation: {
      act: 'Act No. 20/2023 Coll. amending Act No. 65/2022 Coll. (Czechia)',
      article: 'extension of temporary protection until 31 March 2024',
      url: 'https://www.praha-libus.cz/aktualita/12855-ua-informace-k-prodlouzeni-docasne-ochrany',
      verified: true,
    },
  },
  {
    from: '2024-03-31',
    until: '2025-03-31',
    // tpa-group.cz (5 Feb 2024): the amendment in force on 1 January 2024 (Act No. 454/2023
    // Coll., beck-online list of amendments) extends protection "until 31 March 2025".
    citation: {
      act: 'Act No. 454/2023 Coll. amending Act No. 65/2022 Coll. (Czechia)',
      article: 'extension of temporary protection until 31 March 2025',
      url: 'https://www.tpa-group.cz/cs/prodlouzeni-docasne-ochrany-pro-obcany-ukrajiny/',
      verified: true,
    },
  },
  {
    from: '2025-03-31',
    until: '2026-03-31',
    // Only news reports found (thegaze.media; Kyiv Independent, 7 Feb 2025): "Lex Ukrajina
    // VII", signed on 6 Feb 2025, extends the protection expiring at the end of March by a
    // year. Its number in the Collection was not found.
    citation: {
      act: 'Amendment of Act No. 65/2022 Coll. ("Lex Ukrajina VII", signed 6 February 2025)',
      article: 'extension of temporary protection by one year, to 31 March 2026',
      url: 'https://thegaze.media/news/czech-republic-extends-protection-for-ukrainian-refugees-and-restricts-citizenship-rights-for-russians',
      verified: false,
    },
  },
  {
    from: '2026-03-31',
    until: '2027-03-31',
    // Same reports: the law allows "then, if necessary, another year"; whether it was used,
    // and how it meets the EU end of 4 March 2027, was not found.
    citation: {
      act: 'Amendment of Act No. 65/2022 Coll. ("Lex Ukrajina VII", signed 6 February 2025)',
      article: 'optional further extension by one year, to 31 March 2027',
      url: 'https://thegaze.media/news/czech-republic-extends-protection-for-ukrainian-refugees-and-restricts-citizenship-rights-for-russians',
      verified: false,
    },
  },
];

/**
 * Slovakia's Government declarations of temporary refuge under Act 480/2002 § 29(2), from the
 * Ministry of the Interior's press releases (minv.sk); the resolution's number from the
 * municipality of Raková (rakova.sk: "Uznesením č. 144 z 28.2.2022").
 */
const SLOVAK_DECLARATION_MARCH_1: LegalCitation = {
  act: 'Government of the Slovak Republic, Resolution No. 144 of 28 February 2022 declaring temporary refuge (Slovakia)',
  article: 'Ukrainian citizens and their family members, from 1 March 2022',
  url: 'https://www.minv.sk/?tlacove-spravy-6&sprava=slovensko-od-1-marca-poskytuje-docasne-utocisko-obcanom-ukrajiny-a-ich-pribuznym-k-dispozicii-je-informacny-letak',
  verified: true,
};
const SLOVAK_DECLARATION_MARCH_17: LegalCitation = {
  act: 'Government of the Slovak Republic, declaration of temporary refuge of 16 March 2022 (Slovakia)',
  article:
    'from 17 March 2022: (1) Ukrainians and family, (2) Art. 2(1)(b) protection holders and family, (3) third-country nationals with Ukrainian permanent residence',
  url: 'https://www.minv.sk/?tlacove-spravy&sprava=rozsiruje-sa-okruh-osob-ktore-mozu-na-slovensku-poziadat-o-docasne-utocisko',
  verified: true,
};

/**
 * A Member State applying Decision 2022/382 through its national law (DOMAIN.md: RO, SK, HU).
 * By default the mandatory categories and Art. 2(2); `overrides` records what a country's own
 * act says differently, with its source.
 */
const memberState = (
  regime: ProtectionRegime,
  name: string,
  countryCode: string,
  nationalActs: readonly LegalCitation[],
  overrides: Partial<Pick<RegimeRules, 'inForceFrom' | 'categories' | 'periods' | 'notes'>> = {},
): RegimeRules => ({
  regime,
  name,
  countryCodes: [countryCode],
  citation: [decision2022382('Art. 2'), ...nationalActs],
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
  ...overrides,
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
      // Decision 2025/1460 recital 4 (prawo.pl reprint of Dz.U. UE L 2025/1460), after CJEU
      // C-753/23 of 27 Feb 2025.
      'Since Decision 2025/1460 (recital 4), Member States should refuse a residence document under TPD Art. 8(1) to a person who already holds one from another Member State.',
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
    [
      // Checked 2026-11: EUAA DIP, "Temporary Protection - Romania": TP activated for Ukraine by
      // Government Decision No 367/2022 of 18 March 2022, applied retroactively from 24 Feb 2022.
      {
        act: 'Government Decision No. 367/2022 of 18 March 2022 on establishing conditions for ensuring temporary protection (Romania)',
        article:
          'Art. 1(2), as amended by Government Decision No. 1077/2022 (Monitorul Oficial nr. 867 of 2 Sept 2022)',
        url: 'https://legislatie.just.ro/Public/DetaliiDocumentAfis/258814',
        verified: true,
      },
      // EUAA DIP: Law 122/2006 transposed the TPD. Its Art. 1 (legislatie.just.ro, as
      // amended by GO 1/2014): the law sets "the conditions for granting, excluding and ending
      // temporary protection"; Art. 2(1)(a): a form of protection includes temporary
      // protection. The articles of its temporary-protection chapter were not in the excerpts.
      {
        act: 'Law No. 122/2006 on asylum in Romania',
        article:
          'Art. 1 (scope: granting, exclusion and cessation of temporary protection) and Art. 2(1)(a)',
        url: 'https://legislatie.just.ro/Public/DetaliiDocumentAfis/181378',
        verified: true,
      },
    ],
    {
      // EUAA DIP: HG 367/2022 "applied retroactively from 24 February 2022".
      inForceFrom: '2022-02-24',
      periods: [
        {
          from: '2022-02-24',
          until: '2023-03-04',
          citation: {
            act: 'Government Decision No. 367/2022 of 18 March 2022 on establishing conditions for ensuring temporary protection (Romania)',
            article: 'applied retroactively from 24 February 2022 (EUAA DIP)',
            url: 'https://dip.euaa.europa.eu/countries/romania/temporary-protection-romania',
            verified: true,
          },
        },
        ...EU_PROTECTION_PERIODS.slice(1),
      ],
      categories: [
        euCategory('RO', 'TP-2-1-A', { validFrom: '2022-02-24' }),
        euCategory('RO', 'TP-2-1-B', { validFrom: '2022-02-24' }),
        euCategory('RO', 'TP-2-1-C', { validFrom: '2022-02-24' }),
        euCategory('RO', 'TP-2-2', { validFrom: '2022-02-24' }),
      ],
      notes: [
        // HG 367/2022 Art. 1(2) (HG 1077/2022 text on legislatie.just.ro; IGI notice of 23 Sept
        // 2022, igi.mai.gov.ro): "in application of Art. 2(3)" Romania adds only these groups.
        'Art. 2(3) is applied only to (a) Ukrainians and Art. 2(1)(b) protection holders already in Romania before 24 February 2022, (b) family members of Art. 2(2) persons recognised as TP beneficiaries, (c) dependent close relatives (HG 367/2022 Art. 1(2)); not to other third-country nationals on temporary Ukrainian permits.',
        'Group (a) is not encoded as a category here: a caseworker overrides a "displaced before the invasion" refusal citing HG 367/2022 Art. 1(2)(a).',
      ],
    },
  ),
  memberState(
    'HU',
    'Hungary',
    'HU',
    [
      // Checked 2026-11 against the decree text (jogkodex.hu/jsz/2022_86_korm_rendelet_7710564).
      {
        act: 'Act LXXX of 2007 on Asylum (Hungary)',
        article: '§ 19 a): persons recognised as beneficiaries of temporary protection (menedékes)',
        url: 'https://net.jogtar.hu/jogszabaly?docid=a0700080.tv',
        verified: true,
      },
      {
        act: 'Government Decree 86/2022 (III. 7.) on emergency rules for persons recognised as entitled to temporary protection (Hungary)',
        article: '§ 1 a)–c): Art. 2(1)(a), (b) and (c) of Decision 2022/382 only',
        url: 'https://jogkodex.hu/jsz/2022_86_korm_rendelet_7710564',
        verified: true,
      },
    ],
    {
      // Decree 86/2022 § 1 names only Art. 2(1)(a)–(c) (also Eurofound HU-2022-9/2399; ECRE:
      // Hungary "decided on a limited scope"): Art. 2(2) permanent residents get no TP.
      categories: [
        euCategory('HU', 'TP-2-1-A'),
        euCategory('HU', 'TP-2-1-B'),
        euCategory('HU', 'TP-2-1-C'),
      ],
      notes: [
        'Hungary grants temporary protection only to Art. 2(1)(a)–(c) (Government Decree 86/2022 § 1); Art. 2(2) lets a Member State give adequate protection under national law instead, and what Hungary gives permanent residents of Ukraine is not in the sources checked.',
        'Only persons who arrived on or after 24 February 2022 (Hungarian Helsinki Committee leaflet, helsinki.hu/en/prior-24-february-2022).',
        NOT_APPLYING_2_3,
      ],
    },
  ),
  memberState(
    'SK',
    'Slovakia',
    'SK',
    [
      // Checked 2026-11: § 29 defines temporary refuge (dočasné útočisko); the Government
      // declares it under § 29(2) (terminologickyportal.sk, citing Act 480/2002 § 29).
      {
        act: 'Act No. 480/2002 Coll. on Asylum (Slovakia)',
        article: '§ 29: temporary refuge, declared by the Government under § 29(2)',
        url: 'https://terminologickyportal.sk/wiki/Term%C3%ADn:do%C4%8Dasn%C3%A9_%C3%BAto%C4%8Disko%C2%B2',
        verified: true,
      },
      SLOVAK_DECLARATION_MARCH_1,
      SLOVAK_DECLARATION_MARCH_17,
    ],
    {
      // Slovakia declared temporary refuge before the EU decision, from 1 March 2022.
      inForceFrom: '2022-03-01',
      periods: [
        {
          from: '2022-03-01',
          until: '2023-03-04',
          // trend.sk, 16 March 2022: the declaration runs "to 4 March 2023", extendable as the
          // EU decides (first declared to 31 Dec 2022: minv.sk, 2 March 2022).
          citation: SLOVAK_DECLARATION_MARCH_17,
        },
        ...EU_PROTECTION_PERIODS.slice(1),
      ],
      categories: [
        euCategory('SK', 'TP-2-1-A', {
          validFrom: '2022-03-01',
          citation: [decision2022382('Art. 2(1)(a)'), SLOVAK_DECLARATION_MARCH_1],
        }),
        euCategory('SK', 'TP-2-1-B', {
          validFrom: '2022-03-17',
          citation: [decision2022382('Art. 2(1)(b)'), SLOVAK_DECLARATION_MARCH_17],
        }),
        euCategory('SK', 'TP-2-1-C', {
          validFrom: '2022-03-01',
          citation: [decision2022382('Art. 2(1)(c) and 2(4)'), SLOVAK_DECLARATION_MARCH_1],
          notes: [
            'Slovakia also counts the parent of a minor Ukrainian child as a family member (minv.sk, 16 March 2022).',
          ],
        }),
        euCategory('SK', 'TP-2-2', {
          validFrom: '2022-03-17',
          citation: [decision2022382('Art. 2(2)'), SLOVAK_DECLARATION_MARCH_17],
        }),
      ],
      notes: [
        'Ukrainians already holding temporary or permanent residence in Slovakia are excluded from temporary refuge (minv.sk leaflet of 2 March 2022; biznisinfo.sk).',
        NOT_APPLYING_2_3,
      ],
    },
  ),
  memberState(
    'CZ',
    'Czechia',
    'CZ',
    [
      // Checked 2026-11: text of § 1–2 (beck-online, version of 1 Jan 2024) and the table of
      // contents (novyepis.cz): § 1(1)(a) conditions for granting TP to the foreigners in § 3;
      // § 2 TP is a residence permit under Act No. 221/2003 Coll.; §§ 4–6a the procedure.
      {
        act: LEX_UKRAJINA,
        article: '§ 1(1)(a), § 2 and § 3 (who is granted temporary protection)',
        url: 'https://app.beck-online.cz/bo/chapterview-document.seam?documentId=onrf6mrqgizf6nrvfzygmntcfu2q',
        verified: true,
      },
    ],
    {
      periods: CZECH_PROTECTION_PERIODS,
      notes: [
        'Holders must register online for each extension (by 15 or 31 March) and then collect a visa label; without it the protection lapses (mvcr.cz via forlex.cz, tpa-group.cz).',
        NOT_APPLYING_2_3,
      ],
    },
  ),
  memberState(
    'DE',
    'Germany',
    'DE',
    [
      // Checked 2026-11: PRO ASYL (proasyl.de/en/news/advice-for-refugees-from-ukraine):
      // residence permits for temporary protection under Section 24(1) AufenthG.
      {
        act: 'Residence Act (Aufenthaltsgesetz)',
        article: '§ 24(1)',
        url: 'https://www.proasyl.de/en/news/advice-for-refugees-from-ukraine/',
        verified: true,
      },
    ],
    {
      categories: [
        euCategory('DE', 'TP-2-1-A'),
        euCategory('DE', 'TP-2-1-B'),
        euCategory('DE', 'TP-2-1-C'),
        euCategory('DE', 'TP-2-2'),
        // BMI circular to the Länder of 14 April 2022, point 4: "Sonstige nicht-ukrainische
        // Drittstaatsangehörige nach Artikel 2 Absatz 3" (contents as reproduced by the
        // Flüchtlingsrat Schleswig-Holstein, frsh.de); PRO ASYL and mth-partner.de summarise
        // it as lawful residence of more than 90 days and no safe, durable return.
        euCategory('DE', 'TP-2-3', {
          // Ended "mit Ablauf des 4. März 2025": the 1st UkraineAufenthÄndFGV (BGBl. 2024 I
          // Nr. 363) no longer continues their permits and the group must leave (asyl.net;
          // stadt-brandenburg.de); validTo is exclusive, hence the 5th.
          validTo: '2025-03-05',
          citation: [
            decision2022382('Art. 2(3)'),
            {
              act: 'Federal Ministry of the Interior (BMI), circulars to the Länder of 14 March and 14 April 2022 on § 24 AufenthG',
              article:
                'circular of 14 April 2022, point 4: other non-Ukrainian third-country nationals under Art. 2(3)',
              url: 'https://www.frsh.de/artikel/miligsh-bmi-milig-erlass-zum-2-bmi-laenderrundschreiben-ukraine-seit-1762022-aufgehoben',
              verified: true,
            },
          ],
          notes: [
            'The BMI requires lawful residence in Ukraine beyond a short stay (more than 90 days); Haven does not check the length.',
            'From 5 March 2025 this group is no longer covered (1. UkraineAufenthÄndFGV, BGBl. 2024 I Nr. 363); the foreigners authority may still examine a case individually (stadt-brandenburg.de), so a caseworker may override.',
          ],
        }),
      ],
      notes: [
        'Germany also covers Ukrainians who left Ukraine up to 90 days before 24 February 2022 (BMI circular of 14 April 2022, point 5, and clarification of 2 June 2022, zuflucht-bremen.de): not encoded; a caseworker overrides a "displaced before the invasion" refusal.',
      ],
    },
  ),
  {
    regime: 'MD',
    name: 'Moldova: own temporary-protection regime (not an EU Member State)',
    countryCodes: ['MD'],
    // The act's number and date were not found (searched: IGM, gov.md news, Romanian-language
    // titles; a draft on scribd has "nr. ____ din 2023", adopted under art. 21 of Law
    // 270/2008 on asylum): unverified.
    citation: [moldovaRegime('whole decision', false)],
    // The regime began on 1 March 2023 (IGM); extended to 1 March 2027 by a decision of 28 Jan
    // 2026 with online renewal 1 Feb–30 Apr 2026 (news.yam.md; DOMAIN.md).
    inForceFrom: '2023-03-01',
    displacedOnOrAfter: '2022-02-24',
    periods: [
      {
        from: '2023-03-01',
        until: '2027-03-01',
        citation: moldovaRegime('extension to 1 March 2027, renewed online (DOMAIN.md)', true),
      },
    ],
    // Categories checked 2026-11 against IGM, "Temporary protection"
    // (https://igm.gov.md/en/temporary-protection/), "Who can apply".
    categories: [
      {
        id: 'MD/TP-2-1-A',
        version: 1,
        category: 'TP-2-1-A',
        validFrom: '2023-03-01',
        validTo: null,
        form: 'national-temporary-protection',
        citation: [
          moldovaRegime('Ukrainian nationals residing in Ukraine before 24 Feb 2022 (IGM)', true),
        ],
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
            'non-Ukrainians with international or equivalent national protection granted by Ukraine before 24 Feb 2022 who cannot return safely; stateless persons recognised by Ukraine (IGM)',
            true,
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
        citation: [moldovaRegime('family members of the persons above (IGM)', true)],
        evidence: CATEGORY_EVIDENCE['TP-2-1-C'],
        notes: [],
      },
      {
        // IGM news of 26 Feb 2025 (https://igm.gov.md/en/?p=145965): from 1 March 2025 TP
        // also covers non-Ukrainians holding a Ukrainian permanent residence permit, and
        // their family members.
        id: 'MD/TP-2-2',
        version: 1,
        category: 'TP-2-2',
        validFrom: '2025-03-01',
        validTo: null,
        form: 'national-temporary-protection',
        citation: [
          {
            act: 'Government of the Republic of Moldova, decision of 26 February 2025 extending temporary protection to 1 March 2026',
            article:
              'new category: holders of a Ukrainian permanent residence permit and their family members',
            url: 'https://igm.gov.md/en/?p=145965',
            verified: true,
          },
        ],
        evidence: CATEGORY_EVIDENCE['TP-2-2'],
        notes: [
          'IGM does not state the "cannot return safely" condition that Haven’s Art. 2(2) check applies; a caseworker may override.',
        ],
      },
    ],
    unmarriedPartnersComparable: false,
    absenceRule: null,
    notes: [
      'Categories as published by the General Inspectorate for Migration (IGM); the decision itself (number, articles) is not verified.',
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
  return rules.periods.find((period) => period.from <= onDate && onDate <= period.until);
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
