/**
 * Who temporary protection covers: the categories of Council Implementing Decision (EU) 2022/382
 * Art. 2 (DOMAIN.md section 1, codes as proposed there) and Moldova's own addition.
 */
export const PROTECTION_CATEGORIES = [
  /** Art. 2(1)(a): Ukrainian nationals residing in Ukraine before 24 Feb 2022. */
  'TP-2-1-A',
  /** Art. 2(1)(b): stateless persons and third-country nationals with international or equivalent national protection in Ukraine. */
  'TP-2-1-B',
  /** Art. 2(1)(c) with 2(4): family members of (a) or (b). */
  'TP-2-1-C',
  /** Art. 2(2): stateless persons and third-country nationals with a valid Ukrainian permanent residence permit who cannot return safely. */
  'TP-2-2',
  /** Art. 2(3): other legally residing stateless persons and third-country nationals who cannot return safely (optional). */
  'TP-2-3',
  /** Moldova: Ukrainians already in Moldova before 24 Feb 2022 (DOMAIN.md section 1, Moldova). */
  'MD-PRESENT-BEFORE',
] as const;
export type ProtectionCategory = (typeof PROTECTION_CATEGORIES)[number];

/** The host countries with rules data; 'EU' is the default of Decision 2022/382 itself. */
export const PROTECTION_REGIMES = ['EU', 'PL', 'RO', 'HU', 'SK', 'CZ', 'DE', 'MD'] as const;
export type ProtectionRegime = (typeof PROTECTION_REGIMES)[number];

/** The rights derived from (country, status, date) — issue 6 item 3. */
export const ENTITLEMENT_KINDS = [
  'right-to-work',
  'education',
  'housing-assistance',
  'social-welfare',
  'medical-care',
] as const;
export type EntitlementKind = (typeof ENTITLEMENT_KINDS)[number];

/** What a rule or right rests on: an act, its article, where to read it, and whether checked. */
export interface LegalCitation {
  /** The act's name as published, e.g. 'Council Implementing Decision (EU) 2022/382'. */
  readonly act: string;
  /** Article and paragraph, e.g. 'Art. 2(1)(a)'. */
  readonly article: string;
  readonly url: string | null;
  /**
   * False when neither Haven's domain reference (DOMAIN.md) nor the act or an authoritative
   * summary of it confirmed the citation: check it against the official text before relying on it.
   */
  readonly verified: boolean;
}
