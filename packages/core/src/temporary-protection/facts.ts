/**
 * The facts about one person that temporary-protection eligibility is decided on, and the
 * checks that refuse facts contradicting each other (issue 6: "conflicting facts (born after
 * arrival)"). Only what the rules need: no free text, no document numbers.
 */
import { partialDateRange, type PartialDate } from '../registration/partial-date.js';

/** The day the Russian invasion began: Decision 2022/382 Art. 2(1) covers those displaced on or after it. */
export const INVASION_DAY = '2022-02-24';

/** ICAO Doc 9303 code for a stateless person, as the register stores nationality. */
export const STATELESS = 'XXA';
export const UKRAINE = 'UKR';

/**
 * What a non-Ukrainian held in Ukraine before 24 Feb 2022 — the titles Art. 2(1)(b), 2(2) and
 * 2(3) of Decision 2022/382 distinguish.
 */
export const UKRAINE_RESIDENCE_TITLES = [
  'international-protection',
  'equivalent-national-protection',
  'permanent-residence-permit',
  'temporary-residence-permit',
  'none',
] as const;
export type UkraineResidenceTitle = (typeof UKRAINE_RESIDENCE_TITLES)[number];

/**
 * Family links of Art. 2(4) of Decision 2022/382: (a) spouse, or unmarried partner in a stable
 * relationship where national law treats unmarried couples comparably to married ones;
 * (b) minor unmarried children of the person or of the spouse; (c) other close relatives who
 * lived together as part of the family unit and were wholly or mainly dependent.
 */
export const FAMILY_RELATIONSHIPS = [
  'spouse',
  'unmarried-partner',
  'minor-child',
  'dependent-relative',
] as const;
export type FamilyRelationship = (typeof FAMILY_RELATIONSHIPS)[number];

/** The categories a family member can derive protection from (Art. 2(1)(c)). */
export const ANCHOR_CATEGORIES = ['TP-2-1-A', 'TP-2-1-B'] as const;
export type AnchorCategory = (typeof ANCHOR_CATEGORIES)[number];

/**
 * Evidence a caseworker has seen. Kinds, never the documents themselves: the documents are in
 * the registration (identity_documents) and their numbers never enter an assessment.
 */
export const EVIDENCE_KINDS = [
  /** Ukrainian passport, ID card, birth certificate showing citizenship, Diia. */
  'ukrainian-nationality',
  /** Any identity document (needed by Moldova's regime: a Ukrainian ID document). */
  'identity-document',
  /** Proof of residence in Ukraine before 24 Feb 2022 (registration of residence, lease). */
  'residence-in-ukraine',
  /** Proof of the day of leaving Ukraine (exit stamp, ticket, border record). */
  'departure-date',
  /** A Ukrainian refugee or complementary-protection document. */
  'protection-in-ukraine',
  'permanent-residence-permit',
  'temporary-residence-permit',
  /** Marriage or birth certificate, adoption order, proof of stable partnership. */
  'family-link',
  /** Proof that a relative lived in the family unit and was dependent. */
  'dependency',
  /** Why the person cannot return safely and durably to the country of origin. */
  'unsafe-return',
  /** Proof of residence in Moldova before 24 Feb 2022 (Moldova's regime). */
  'residence-in-host-country',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface FamilyLink {
  readonly relationship: FamilyRelationship;
  /** The category of the family member the person derives protection from. */
  readonly anchorCategory: AnchorCategory;
  /** The family member in the register, when known. */
  readonly anchorPersonId: string | null;
  /** Art. 2(1)(c): the family was already present and residing in Ukraine before 24 Feb 2022. */
  readonly familyResidedInUkraineBeforeInvasion: boolean | null;
  /** Art. 2(4)(b): the child is unmarried. */
  readonly unmarried: boolean | null;
  /** Art. 2(4)(c): lived together as part of the family unit. */
  readonly livedInFamilyUnit: boolean | null;
  /** Art. 2(4)(c): wholly or mainly dependent. */
  readonly whollyOrMainlyDependent: boolean | null;
}

/** `null` everywhere means "not known yet": the decision then asks for evidence. */
export interface EligibilityFacts {
  readonly birthDate: PartialDate;
  /** ISO 3166-1 alpha-3 or ICAO XXA (stateless). */
  readonly nationality: string;
  /** Resided in Ukraine before 24 Feb 2022. */
  readonly residedInUkraineBeforeInvasion: boolean | null;
  /** For non-Ukrainians: the title they held in Ukraine before 24 Feb 2022. */
  readonly ukraineResidenceTitle: UkraineResidenceTitle | null;
  /** The day the person left Ukraine. */
  readonly leftUkraineOn: string | null;
  /** The day the person arrived in the host country. */
  readonly arrivedOn: string | null;
  /** Art. 2(2), 2(3): can return in safe and durable conditions to the country of origin. */
  readonly canReturnSafely: boolean | null;
  readonly familyLink: FamilyLink | null;
  readonly evidence: readonly EvidenceKind[];
}

export interface FactConflict {
  /** The fact's field, as in the request ('arrivedOn', 'familyLink.relationship'). */
  readonly field: string;
  readonly message: string;
}

/**
 * Facts that cannot all be true, each naming its field: born after arriving or leaving,
 * arriving before leaving Ukraine, arriving or leaving after the day of the decision, a Ukrainian
 * with a residence title for foreigners, a minor child who is an adult.
 */
export function findFactConflicts(facts: EligibilityFacts, onDate: string): FactConflict[] {
  const conflicts: FactConflict[] = [];
  const bornEarliest = partialDateRange(facts.birthDate).from;
  if (bornEarliest > onDate) {
    conflicts.push({
      field: 'birthDate',
      message: `Is after the day of the assessment (${onDate})`,
    });
  }
  if (facts.leftUkraineOn !== null) {
    if (facts.leftUkraineOn < bornEarliest) {
      conflicts.push({ field: 'leftUkraineOn', message: 'Is before the person was born' });
    }
    if (facts.leftUkraineOn > onDate) {
      conflicts.push({
        field: 'leftUkraineOn',
        message: `Is after the day of the assessment (${onDate})`,
      });
    }
  }
  if (facts.arrivedOn !== null) {
    if (facts.arrivedOn < bornEarliest) {
      conflicts.push({ field: 'arrivedOn', message: 'Is before the person was born' });
    }
    if (facts.arrivedOn > onDate) {
      conflicts.push({
        field: 'arrivedOn',
        message: `Is after the day of the assessment (${onDate})`,
      });
    }
    if (facts.leftUkraineOn !== null && facts.arrivedOn < facts.leftUkraineOn) {
      conflicts.push({
        field: 'arrivedOn',
        message: `Is before the person left Ukraine (${facts.leftUkraineOn})`,
      });
    }
  }
  if (facts.nationality === UKRAINE && facts.ukraineResidenceTitle !== null) {
    conflicts.push({
      field: 'ukraineResidenceTitle',
      message: 'Applies only to stateless persons and third-country nationals, not Ukrainians',
    });
  }
  if (facts.residedInUkraineBeforeInvasion === false && isHeldTitle(facts.ukraineResidenceTitle)) {
    conflicts.push({
      field: 'ukraineResidenceTitle',
      message: 'A residence title in Ukraine contradicts "did not reside in Ukraine"',
    });
  }
  const link = facts.familyLink;
  if (
    link?.relationship === 'minor-child' &&
    partialDateRange(facts.birthDate).to <= adultBirthday(onDate)
  ) {
    conflicts.push({
      field: 'familyLink.relationship',
      message: `A minor child must be under 18 on ${onDate}`,
    });
  }
  return conflicts;
}

function isHeldTitle(title: UkraineResidenceTitle | null): boolean {
  return title !== null && title !== 'none';
}

/** The latest birth day of someone who is 18 or older on `day`. */
function adultBirthday(day: string): string {
  const year = Number(day.slice(0, 4)) - 18;
  return `${String(year).padStart(4, '0')}${day.slice(4)}`;
}
