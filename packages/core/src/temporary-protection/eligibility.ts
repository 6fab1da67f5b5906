/**
 * Who qualifies for temporary protection in a host country on a day (issue 6 item 1): a pure
 * decision over a person's facts and the rules data (rules.ts). The answer is a recommendation;
 * a named caseworker confirms or overrides it (GDPR Art. 22).
 */
import type { LegalCitation, ProtectionCategory } from './categories.js';
import {
  findFactConflicts,
  UKRAINE,
  type EligibilityFacts,
  type FactConflict,
  type FamilyLink,
} from './facts.js';
import {
  decision2022382,
  regimeOf,
  tpd,
  type CategoryRule,
  type ProtectionForm,
  type RegimeRules,
} from './rules.js';

export interface RuleRef {
  readonly id: string;
  readonly version: number;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface MissingItem {
  readonly kind: 'fact' | 'evidence';
  readonly name: string;
  readonly why: string;
}

export interface IneligibilityReason {
  readonly code: string;
  readonly message: string;
  readonly citation: LegalCitation | null;
}

export type EligibilityDecision =
  | {
      readonly kind: 'eligible';
      readonly category: ProtectionCategory;
      readonly protectionForm: ProtectionForm;
      readonly rule: RuleRef;
      readonly citation: readonly LegalCitation[];
      readonly notes: readonly string[];
    }
  | {
      readonly kind: 'not-eligible';
      readonly rule: RuleRef | null;
      readonly reasons: readonly IneligibilityReason[];
    }
  | {
      readonly kind: 'needs-evidence';
      readonly category: ProtectionCategory | null;
      readonly rule: RuleRef | null;
      readonly missing: readonly MissingItem[];
    };

/** Facts that contradict each other: the caller must correct them before any decision. */
export class ConflictingFactsError extends Error {
  readonly code = 'conflicting-facts';
  constructor(readonly conflicts: readonly FactConflict[]) {
    super(`Conflicting facts: ${conflicts.map((conflict) => conflict.field).join(', ')}`);
    this.name = 'ConflictingFactsError';
  }
}

/** What one category says about the facts. */
type CategoryOutcome =
  | { readonly kind: 'meets' }
  | { readonly kind: 'fails'; readonly reasons: readonly IneligibilityReason[] }
  | { readonly kind: 'unknown'; readonly missing: readonly MissingItem[] };

const meets: CategoryOutcome = { kind: 'meets' };

const fails = (code: string, message: string, citation: LegalCitation | null): CategoryOutcome => ({
  kind: 'fails',
  reasons: [{ code, message, citation }],
});

const ruleRef = (rule: CategoryRule): RuleRef => ({
  id: rule.id,
  version: rule.version,
  validFrom: rule.validFrom,
  validTo: rule.validTo,
});

const cite = (rule: CategoryRule): LegalCitation | null => rule.citation[0] ?? null;

/** Combines conditions: the first failure wins; otherwise every unknown fact is listed. */
function allOf(outcomes: readonly CategoryOutcome[]): CategoryOutcome {
  const failure = outcomes.find((outcome) => outcome.kind === 'fails');
  if (failure) {
    return failure;
  }
  const missing = outcomes.flatMap((outcome) =>
    outcome.kind === 'unknown' ? outcome.missing : [],
  );
  return missing.length > 0 ? { kind: 'unknown', missing } : meets;
}

function knownFact(
  value: boolean | null,
  field: string,
  why: string,
  whenFalse: () => CategoryOutcome,
): CategoryOutcome {
  if (value === null) {
    return { kind: 'unknown', missing: [{ kind: 'fact', name: field, why }] };
  }
  return value ? meets : whenFalse();
}

/** Art. 2(1): displaced from Ukraine on or after 24 February 2022. */
function displacedAfterInvasion(facts: EligibilityFacts, regime: RegimeRules, rule: CategoryRule) {
  if (facts.leftUkraineOn === null) {
    return {
      kind: 'unknown',
      missing: [
        {
          kind: 'fact',
          name: 'leftUkraineOn',
          why: 'Only persons displaced on or after 24 Feb 2022 are covered',
        },
      ],
    } satisfies CategoryOutcome;
  }
  if (facts.leftUkraineOn < regime.displacedOnOrAfter) {
    return fails(
      'displaced-before-invasion',
      `Left Ukraine on ${facts.leftUkraineOn}, before ${regime.displacedOnOrAfter}. Decision 2022/382 covers persons displaced on or after that day; a country may extend protection to those who left shortly before (TPD Art. 7) — a caseworker can override with that national basis.`,
      cite(rule),
    );
  }
  return meets;
}

function isNonUkrainian(facts: EligibilityFacts, rule: CategoryRule): CategoryOutcome {
  return facts.nationality === UKRAINE
    ? fails(
        'ukrainian-national',
        'Applies to stateless persons and third-country nationals only',
        cite(rule),
      )
    : meets;
}

function residedInUkraine(facts: EligibilityFacts, rule: CategoryRule): CategoryOutcome {
  return knownFact(
    facts.residedInUkraineBeforeInvasion,
    'residedInUkraineBeforeInvasion',
    'The category requires residence in Ukraine before 24 Feb 2022',
    () =>
      fails('not-resident-in-ukraine', 'Did not reside in Ukraine before 24 Feb 2022', cite(rule)),
  );
}

function holdsTitle(
  facts: EligibilityFacts,
  rule: CategoryRule,
  titles: readonly string[],
  description: string,
): CategoryOutcome {
  if (facts.ukraineResidenceTitle === null) {
    return {
      kind: 'unknown',
      missing: [{ kind: 'fact', name: 'ukraineResidenceTitle', why: `Requires ${description}` }],
    };
  }
  return titles.includes(facts.ukraineResidenceTitle)
    ? meets
    : fails('residence-title', `Requires ${description}`, cite(rule));
}

function cannotReturnSafely(facts: EligibilityFacts, rule: CategoryRule): CategoryOutcome {
  return knownFact(
    facts.canReturnSafely === null ? null : !facts.canReturnSafely,
    'canReturnSafely',
    'Covered only if unable to return in safe and durable conditions to the country of origin',
    () =>
      fails(
        'can-return-safely',
        'Can return in safe and durable conditions to the country or region of origin',
        cite(rule),
      ),
  );
}

/** Art. 2(4): who counts as a family member, and Art. 2(1)(c): the family resided in Ukraine. */
function familyMember(
  link: FamilyLink,
  facts: EligibilityFacts,
  regime: RegimeRules,
  rule: CategoryRule,
): CategoryOutcome {
  const article = (paragraph: string) => ({ ...(cite(rule) ?? tpd('Art. 2')), article: paragraph });
  const familyInUkraine = knownFact(
    link.familyResidedInUkraineBeforeInvasion,
    'familyLink.familyResidedInUkraineBeforeInvasion',
    'Family members are covered if the family was already present and residing in Ukraine before 24 Feb 2022',
    () =>
      fails(
        'family-not-in-ukraine',
        'The family was not present and residing in Ukraine before 24 Feb 2022',
        article('Art. 2(1)(c)'),
      ),
  );
  const relationship = ((): CategoryOutcome => {
    switch (link.relationship) {
      case 'spouse':
        return meets;
      case 'unmarried-partner':
        return regime.unmarriedPartnersComparable
          ? meets
          : fails(
              'partner-not-recognised',
              `Unmarried partners count only where national law treats unmarried couples comparably to married couples; the rules for ${regime.name} do not`,
              article('Art. 2(4)(a)'),
            );
      case 'minor-child':
        return knownFact(
          link.unmarried,
          'familyLink.unmarried',
          'Minor children are covered if unmarried',
          () =>
            fails(
              'child-married',
              'A married child is not a family member under Art. 2(4)(b)',
              article('Art. 2(4)(b)'),
            ),
        );
      case 'dependent-relative':
        return allOf([
          knownFact(
            link.livedInFamilyUnit,
            'familyLink.livedInFamilyUnit',
            'Other close relatives are covered if they lived together as part of the family unit',
            () =>
              fails(
                'not-in-family-unit',
                'Did not live together as part of the family unit',
                article('Art. 2(4)(c)'),
              ),
          ),
          knownFact(
            link.whollyOrMainlyDependent,
            'familyLink.whollyOrMainlyDependent',
            'Other close relatives are covered if wholly or mainly dependent',
            () =>
              fails('not-dependent', 'Was not wholly or mainly dependent', article('Art. 2(4)(c)')),
          ),
        ]);
    }
  })();
  return allOf([familyInUkraine, relationship]);
}

/** The conditions of one category, before evidence. */
function conditionsOf(
  rule: CategoryRule,
  facts: EligibilityFacts,
  regime: RegimeRules,
): CategoryOutcome {
  const displaced = displacedAfterInvasion(facts, regime, rule);
  switch (rule.category) {
    case 'TP-2-1-A':
      return facts.nationality === UKRAINE
        ? allOf([residedInUkraine(facts, rule), displaced])
        : fails('not-ukrainian', 'Applies to Ukrainian nationals', cite(rule));
    case 'TP-2-1-B':
      return allOf([
        isNonUkrainian(facts, rule),
        holdsTitle(
          facts,
          rule,
          ['international-protection', 'equivalent-national-protection'],
          'international protection or equivalent national protection in Ukraine',
        ),
        displaced,
      ]);
    case 'TP-2-1-C': {
      const link = facts.familyLink;
      return link
        ? allOf([familyMember(link, facts, regime, rule), displaced])
        : fails(
            'no-family-link',
            'No family link to a person under Art. 2(1)(a) or (b)',
            cite(rule),
          );
    }
    case 'TP-2-2':
      return allOf([
        isNonUkrainian(facts, rule),
        holdsTitle(
          facts,
          rule,
          ['permanent-residence-permit'],
          'a valid Ukrainian permanent residence permit',
        ),
        cannotReturnSafely(facts, rule),
        displaced,
      ]);
    case 'TP-2-3':
      return allOf([
        isNonUkrainian(facts, rule),
        holdsTitle(
          facts,
          rule,
          ['temporary-residence-permit'],
          'legal residence in Ukraine on a temporary permit',
        ),
        cannotReturnSafely(facts, rule),
        displaced,
      ]);
    case 'MD-PRESENT-BEFORE': {
      if (facts.nationality !== UKRAINE) {
        return fails('not-ukrainian', 'Applies to Ukrainian nationals', cite(rule));
      }
      if (facts.arrivedOn === null) {
        return {
          kind: 'unknown',
          missing: [
            {
              kind: 'fact',
              name: 'arrivedOn',
              why: 'Covers Ukrainians already in Moldova before 24 Feb 2022',
            },
          ],
        };
      }
      return facts.arrivedOn < '2022-02-24'
        ? meets
        : fails(
            'arrived-after-invasion',
            'Arrived on or after 24 Feb 2022 (see the displaced categories)',
            cite(rule),
          );
    }
  }
}

/** Evidence the rule needs and the caseworker has not seen. */
function missingEvidence(rule: CategoryRule, facts: EligibilityFacts): MissingItem[] {
  const needed = [...rule.evidence];
  if (rule.category === 'TP-2-1-C' && facts.familyLink?.relationship === 'dependent-relative') {
    needed.push('dependency');
  }
  return needed
    .filter((kind) => !facts.evidence.includes(kind))
    .map((kind) => ({ kind: 'evidence', name: kind, why: `Required by ${rule.id}` }));
}

/** Which categories are worth trying for these facts, in order of preference. */
function candidateRules(regime: RegimeRules, facts: EligibilityFacts): CategoryRule[] {
  return regime.categories.filter((rule) => {
    switch (rule.category) {
      case 'TP-2-1-A':
      case 'MD-PRESENT-BEFORE':
        return facts.nationality === UKRAINE;
      case 'TP-2-1-C':
        return facts.familyLink !== null;
      case 'TP-2-1-B':
      case 'TP-2-2':
      case 'TP-2-3':
        return facts.nationality !== UKRAINE;
    }
  });
}

/**
 * Decides temporary-protection eligibility from a person's facts in a host country on a day.
 * Tries each category the country applies; the first met with its evidence seen is 'eligible';
 * a category met but lacking facts or evidence gives 'needs-evidence' listing what is missing;
 * otherwise 'not-eligible' with every reason and its citation. Throws
 * {@link ConflictingFactsError} when facts contradict each other.
 *
 * @example decideEligibility({ nationality: 'UKR', residedInUkraineBeforeInvasion: true,
 *   leftUkraineOn: '2022-03-01', evidence: ['ukrainian-nationality'], … }, 'PL', '2022-03-10')
 *   // → { kind: 'eligible', category: 'TP-2-1-A', rule: { id: 'PL/TP-2-1-A', … }, … }
 */
export function decideEligibility(
  facts: EligibilityFacts,
  countryCode: string,
  onDate: string,
): EligibilityDecision {
  const conflicts = findFactConflicts(facts, onDate);
  if (conflicts.length > 0) {
    throw new ConflictingFactsError(conflicts);
  }
  const regime = regimeOf(countryCode);
  if (onDate < regime.inForceFrom) {
    return {
      kind: 'not-eligible',
      rule: null,
      reasons: [
        {
          code: 'regime-not-in-force',
          message: `Temporary protection under ${regime.name} applies from ${regime.inForceFrom}`,
          citation: regime.citation[0] ?? null,
        },
      ],
    };
  }
  const lastPeriod = regime.periods.at(-1);
  // The last day of the period is still a day of protection.
  if (lastPeriod && onDate > lastPeriod.until) {
    return {
      kind: 'not-eligible',
      rule: null,
      reasons: [
        {
          code: 'protection-ended',
          message: `Temporary protection under ${regime.name} runs until ${lastPeriod.until}; no later extension is in the rules data`,
          citation: lastPeriod.citation,
        },
      ],
    };
  }

  if (facts.nationality !== UKRAINE && facts.ukraineResidenceTitle === null && !facts.familyLink) {
    return titleUnknown();
  }
  const rules = candidateRules(regime, facts).filter(
    (rule) => rule.validFrom <= onDate && (rule.validTo === null || onDate < rule.validTo),
  );
  const reasons: IneligibilityReason[] = [];
  let firstUnknown: { rule: CategoryRule; missing: readonly MissingItem[] } | undefined;
  for (const rule of rules) {
    const outcome = conditionsOf(rule, facts, regime);
    if (outcome.kind === 'fails') {
      reasons.push(...outcome.reasons);
      continue;
    }
    const evidence = missingEvidence(rule, facts);
    if (outcome.kind === 'meets' && evidence.length === 0) {
      return {
        kind: 'eligible',
        category: rule.category,
        protectionForm: rule.form,
        rule: ruleRef(rule),
        citation: rule.citation,
        notes: [...rule.notes],
      };
    }
    const missing = [...(outcome.kind === 'unknown' ? outcome.missing : []), ...evidence];
    firstUnknown ??= { rule, missing };
  }
  if (firstUnknown) {
    return {
      kind: 'needs-evidence',
      category: firstUnknown.rule.category,
      rule: ruleRef(firstUnknown.rule),
      missing: firstUnknown.missing,
    };
  }
  reasons.push(...notAppliedReasons(regime, facts, onDate));
  if (facts.nationality !== UKRAINE && facts.ukraineResidenceTitle === null) {
    return titleUnknown();
  }
  return { kind: 'not-eligible', rule: null, reasons: dedupe(reasons) };
}

/** A foreigner's category follows from the title held in Ukraine: ask for it first. */
function titleUnknown(): EligibilityDecision {
  return {
    kind: 'needs-evidence',
    category: null,
    rule: null,
    missing: [
      {
        kind: 'fact',
        name: 'ukraineResidenceTitle',
        why: 'Stateless persons and third-country nationals are covered according to the title they held in Ukraine',
      },
    ],
  };
}

/** Categories of Decision 2022/382 the country does not apply on the day, when the facts point at one. */
function notAppliedReasons(
  regime: RegimeRules,
  facts: EligibilityFacts,
  onDate: string,
): IneligibilityReason[] {
  const applied = new Set(
    regime.categories
      .filter(
        (rule) => rule.validFrom <= onDate && (rule.validTo === null || onDate < rule.validTo),
      )
      .map((rule) => rule.category),
  );
  if (facts.ukraineResidenceTitle === 'temporary-residence-permit' && !applied.has('TP-2-3')) {
    // A country that applied the category once says since when it no longer does.
    const endedOn = regime.categories
      .filter(
        (rule) => rule.category === 'TP-2-3' && rule.validTo !== null && rule.validTo <= onDate,
      )
      .map((rule) => rule.validTo ?? '')
      .sort()
      .at(-1);
    return [
      {
        code: 'optional-category-not-applied',
        message:
          endedOn === undefined
            ? `${regime.name} does not apply the optional category of Art. 2(3) (other legally residing third-country nationals) in Haven’s rules data`
            : `${regime.name} no longer applies the optional category of Art. 2(3) (other legally residing third-country nationals) from ${endedOn}`,
        citation: tpd('Art. 7(1)'),
      },
    ];
  }
  if (facts.ukraineResidenceTitle === 'none' && facts.familyLink === null) {
    return [
      {
        code: 'no-category',
        message:
          'Without a residence title in Ukraine or a family link, no category of Art. 2 applies',
        citation: decision2022382('Art. 2'),
      },
    ];
  }
  return [];
}

function dedupe(reasons: readonly IneligibilityReason[]): IneligibilityReason[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => {
    const key = `${reason.code}|${reason.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
