/**
 * The rights that follow from (country, status, date) — issue 6 item 3 — as rules data: right to
 * work, education for minors, housing assistance, social welfare and means of subsistence,
 * medical care. Each right cites its source. The TPD's rights (Arts. 12–14) are the floor every
 * Member State owes; national rules add conditions (Poland: a PESEL number; DOMAIN.md section 1).
 */
import { ageYearsOn, type PartialDate } from '../registration/partial-date.js';
import type { EntitlementKind, LegalCitation, ProtectionRegime } from './categories.js';
import {
  moldovaRegime,
  polishSpecialAct,
  protectionEndsOn,
  regimeOf,
  tpd,
  type RegimeRules,
} from './rules.js';
import { isActiveStatus, type ProtectionStatus } from './status.js';

export interface EntitlementCondition {
  readonly code: string;
  readonly text: string;
}

export interface EntitlementRule {
  /** e.g. 'PL/right-to-work' */
  readonly id: string;
  readonly version: number;
  readonly kind: EntitlementKind;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly citation: readonly LegalCitation[];
  readonly conditions: readonly EntitlementCondition[];
  /** TPD Art. 14(1): education is owed to persons under 18. */
  readonly minorsOnly: boolean;
  /** The record that puts the right into effect. */
  readonly record: 'work-authorisation' | 'school-enrolment' | null;
}

const TPD_RIGHTS: Readonly<Record<EntitlementKind, readonly LegalCitation[]>> = {
  'right-to-work': [tpd('Art. 12: employed or self-employed activity')],
  education: [
    tpd(
      'Art. 14(1): access to the education system under the same conditions as nationals, for persons under 18',
    ),
  ],
  'housing-assistance': [tpd('Art. 13(1): suitable accommodation or the means to obtain housing')],
  'social-welfare': [
    tpd('Art. 13(2): social welfare and means of subsistence, if without sufficient resources'),
  ],
  'medical-care': [
    tpd('Art. 13(2): at least emergency care and essential treatment of illness'),
    tpd('Art. 13(4): medical or other assistance for persons with special needs'),
  ],
};

const PESEL: EntitlementCondition = {
  code: 'pesel-number',
  text: 'Needs a PESEL number (PESEL UKR), requested from the municipality',
};

const NATIONAL_RIGHTS: Readonly<
  Partial<
    Record<
      ProtectionRegime,
      Partial<
        Record<
          EntitlementKind,
          { citation: readonly LegalCitation[]; conditions: readonly EntitlementCondition[] }
        >
      >
    >
  >
> = {
  PL: {
    'right-to-work': {
      citation: [
        polishSpecialAct(
          'work with a PESEL number; the employer notifies the labour office within 7 days',
          true,
        ),
      ],
      conditions: [
        PESEL,
        {
          code: 'employer-notification',
          text: 'The employer notifies the labour office within 7 days of the start of work',
        },
      ],
    },
    'housing-assistance': {
      citation: [
        polishSpecialAct(
          '2023 amendment: co-payment for collective accommodation after 120 days, vulnerable groups exempt',
          true,
        ),
      ],
      conditions: [
        {
          code: 'co-payment-after-120-days',
          text: 'Collective accommodation needs a co-payment after 120 days unless the person is in an exempt vulnerable group',
        },
      ],
    },
    'social-welfare': {
      citation: [
        polishSpecialAct(
          'family benefits and a one-off allowance of 300 PLN per person, with a PESEL number',
          true,
        ),
      ],
      conditions: [PESEL],
    },
    'medical-care': {
      citation: [polishSpecialAct('healthcare with a PESEL number', true)],
      conditions: [PESEL],
    },
  },
  // DOMAIN.md, Moldova: "Grants stay, work, placement centres, primary and emergency healthcare,
  // education, social assistance." Moldova is not bound by the TPD: its own act only.
  MD: {
    'right-to-work': { citation: [moldovaRegime('right to work', true)], conditions: [] },
    education: { citation: [moldovaRegime('education', true)], conditions: [] },
    'housing-assistance': { citation: [moldovaRegime('placement centres', true)], conditions: [] },
    'social-welfare': { citation: [moldovaRegime('social assistance', true)], conditions: [] },
    'medical-care': {
      citation: [moldovaRegime('primary and emergency healthcare', true)],
      conditions: [{ code: 'primary-and-emergency', text: 'Primary and emergency healthcare' }],
    },
  },
};

const KINDS: readonly EntitlementKind[] = [
  'right-to-work',
  'education',
  'housing-assistance',
  'social-welfare',
  'medical-care',
];

/** The entitlement rules of a regime: the TPD floor (not for Moldova) plus national additions. */
export function entitlementRulesOf(rules: RegimeRules): EntitlementRule[] {
  return KINDS.map((kind) => {
    const national = NATIONAL_RIGHTS[rules.regime]?.[kind];
    const floor = rules.regime === 'MD' ? [] : TPD_RIGHTS[kind];
    const nationalAct =
      rules.regime === 'PL' || rules.regime === 'MD' ? [] : rules.citation.slice(1);
    return {
      id: `${rules.regime}/${kind}`,
      version: 1,
      kind,
      validFrom: rules.inForceFrom,
      validTo: null,
      citation: [...floor, ...(national?.citation ?? []), ...nationalAct],
      conditions: national?.conditions ?? [],
      minorsOnly: kind === 'education',
      record:
        kind === 'right-to-work'
          ? 'work-authorisation'
          : kind === 'education'
            ? 'school-enrolment'
            : null,
    };
  });
}

export interface StatusOnDate {
  readonly status: ProtectionStatus;
  readonly effectiveOn: string;
  readonly validUntil: string | null;
}

export interface DerivedEntitlement {
  readonly kind: EntitlementKind;
  readonly granted: boolean;
  readonly conditions: readonly EntitlementCondition[];
  readonly citation: readonly LegalCitation[];
  readonly rule: {
    readonly id: string;
    readonly version: number;
    readonly validFrom: string;
    readonly validTo: string | null;
  };
  readonly nextRenewalOn: string | null;
  readonly record: 'work-authorisation' | 'school-enrolment' | null;
}

/** Is the status in force on the day: active, begun, and not past its validity (exclusive). */
export function isStatusInForce(status: StatusOnDate, onDate: string): boolean {
  return (
    isActiveStatus(status.status) &&
    status.effectiveOn <= onDate &&
    (status.validUntil === null || onDate < status.validUntil)
  );
}

/**
 * The day the status must next be renewed: its own validity or the end of the protection
 * period in that country, whichever comes first.
 */
export function nextRenewalOn(
  countryCode: string,
  status: StatusOnDate,
  onDate: string,
): string | null {
  const periodEnd = protectionEndsOn(regimeOf(countryCode), onDate);
  if (status.validUntil === null) {
    return periodEnd;
  }
  return periodEnd === null || status.validUntil < periodEnd ? status.validUntil : periodEnd;
}

/**
 * The rights of a person in a host country on a day, from their current status there. None
 * unless the status is in force; education only for a person under 18 on that day.
 *
 * @example deriveEntitlements('PL', { status: 'granted', effectiveOn: '2022-03-10',
 *   validUntil: null }, '2015-05' as PartialDate, '2022-06-01')
 *   // → five rights, each with its citation; nextRenewalOn '2023-03-04'
 */
export function deriveEntitlements(
  countryCode: string,
  status: StatusOnDate | null,
  birthDate: PartialDate,
  onDate: string,
): DerivedEntitlement[] {
  if (!status || !isStatusInForce(status, onDate)) {
    return [];
  }
  const renewal = nextRenewalOn(countryCode, status, onDate);
  return entitlementRulesOf(regimeOf(countryCode))
    .filter((rule) => rule.validFrom <= onDate && (rule.validTo === null || onDate < rule.validTo))
    .map((rule) => {
      const isMinor = ageYearsOn(birthDate, onDate) < 18;
      const granted = !rule.minorsOnly || isMinor;
      return {
        kind: rule.kind,
        granted,
        conditions: granted
          ? rule.conditions
          : [
              {
                code: 'minors-only',
                text: 'Owed to persons under 18 (TPD Art. 14(1)); adults at the country’s discretion (Art. 14(2))',
              },
            ],
        citation: rule.citation,
        rule: {
          id: rule.id,
          version: rule.version,
          validFrom: rule.validFrom,
          validTo: rule.validTo,
        },
        nextRenewalOn: renewal,
        record: rule.record,
      };
    });
}
