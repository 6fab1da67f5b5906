/**
 * Cash-assistance programmes as versioned rules data (issue 6 item 4): how much a household
 * receives per period, in which currency, for how many periods, and the source of each figure.
 * A programme in the database copies one of these templates (or its own figures) together with
 * the template's id and version, so a later change of rules never rewrites a past entitlement.
 */
import type { Currency } from './money.js';

/**
 * What kind of assistance a programme pays. The duplicate guard compares payments of the same
 * kind across programmes and countries: multi-purpose cash from UNHCR in Poland and from an NGO
 * in Romania for the same month is the double payment that leaked most in 2022 (DOMAIN.md 13).
 */
export const ASSISTANCE_KINDS = ['multi-purpose-cash', 'one-off-allowance'] as const;
export type AssistanceKind = (typeof ASSISTANCE_KINDS)[number];

/**
 * The transfer value of one period: the first person, each additional member, an optional cap
 * per household. UNHCR's 2022 design for Ukraine refugees (DOMAIN.md section 13).
 */
export interface TransferValue {
  readonly firstPersonMinor: number;
  readonly additionalPersonMinor: number;
  /** Null: no household cap (a per-person allowance). */
  readonly householdCapMinor: number | null;
}

export interface ProgrammeSource {
  readonly title: string;
  readonly url: string | null;
  /** False when the figure is not backed by the domain reference: check it before paying. */
  readonly verified: boolean;
}

export interface ProgrammeTemplate {
  /** Stable id of the rules, e.g. 'UNHCR-PL-MPCA-2022'. */
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly countryCode: string;
  readonly currency: Currency;
  readonly assistanceKind: AssistanceKind;
  readonly transfer: TransferValue;
  /** Monthly periods paid to one enrolment, counted from the month of enrolment. */
  readonly periodsPerEnrolment: number;
  /** First and last day on which the programme may pay ('YYYY-MM-DD'). */
  readonly validFrom: string;
  readonly validTo: string;
  readonly source: ProgrammeSource;
}

export const PROGRAMME_TEMPLATES: readonly ProgrammeTemplate[] = [
  {
    id: 'UNHCR-PL-MPCA-2022',
    version: 1,
    name: 'UNHCR Poland multi-purpose cash assistance 2022',
    countryCode: 'PL',
    currency: 'PLN',
    assistanceKind: 'multi-purpose-cash',
    // 700 PLN per person per month, +600 PLN for each additional member, at most 2,500 PLN per
    // household per month, for (at least) 3 months.
    transfer: {
      firstPersonMinor: 70_000,
      additionalPersonMinor: 60_000,
      householdCapMinor: 250_000,
    },
    periodsPerEnrolment: 3,
    validFrom: '2022-03-01',
    validTo: '2022-12-31',
    source: {
      title: 'UNHCR Poland cash assistance factsheet, 10 June 2022',
      url: 'https://reliefweb.int/report/poland/ukraine-emergency-unhcr-poland-cash-assistance-factsheet-10-june-2022',
      verified: true,
    },
  },
  {
    id: 'PL-SPECIAL-ACT-ONE-OFF-2022',
    version: 1,
    name: 'Poland one-off allowance (Special Act of 12 March 2022)',
    countryCode: 'PL',
    currency: 'PLN',
    assistanceKind: 'one-off-allowance',
    // 300 PLN once per person; no household cap.
    transfer: { firstPersonMinor: 30_000, additionalPersonMinor: 30_000, householdCapMinor: null },
    periodsPerEnrolment: 1,
    validFrom: '2022-03-12',
    validTo: '2022-12-31',
    source: {
      title:
        'Act of 12 March 2022 on assistance to citizens of Ukraine (Poland), one-off allowance',
      url: 'https://ukraina.interwencjaprawna.pl/the-act-on-assistance-for-ukrainian-citizens/',
      verified: true,
    },
  },
  {
    id: 'UNHCR-RO-MPCA-2022',
    version: 1,
    name: 'UNHCR Romania multi-purpose cash assistance 2022',
    countryCode: 'RO',
    currency: 'RON',
    assistanceKind: 'multi-purpose-cash',
    // Figures not in the domain reference: the per-person value and cap must be checked against
    // UNHCR Romania's published transfer values before any real payment. (Checked 2026-11: the
    // pages found give later programmes only — 630 RON per person per month for four months in
    // Cash for Protection 2023–2024, one-off winter grants of 653 and 720 RON — not 2022's.
    // Searched again 2026-11: the UNHCR Romania factsheet of September 2022 (reliefweb) gives
    // enrolment numbers, not the transfer value; no source names 1,070 RON or a 4,280 RON cap.
    // One Ukrainian news item (obozrevatel.com, undated) reports 568 RON per person per month
    // for eligible arrivals of 2022 — not an authoritative source, but it contradicts 1,070 RON:
    // do not pay from these figures until UNHCR Romania's 2022 value is found.)
    transfer: {
      firstPersonMinor: 107_000,
      additionalPersonMinor: 107_000,
      householdCapMinor: 428_000,
    },
    periodsPerEnrolment: 3,
    validFrom: '2022-05-01',
    validTo: '2022-12-31',
    source: {
      title: 'UNHCR Romania multi-purpose cash assistance (transfer value unverified)',
      url: null,
      verified: false,
    },
  },
  {
    id: 'UNHCR-MD-MPCA-2022',
    // 2: the transfer value's source checked and named (figures unchanged).
    version: 2,
    name: 'UNHCR Moldova multi-purpose cash assistance 2022',
    countryCode: 'MD',
    currency: 'MDL',
    assistanceKind: 'multi-purpose-cash',
    // 2,200 MDL per person per month, no household cap, since March 2022: UNHCR Moldova's
    // programme page (updated 28 July 2022) and IMPACT's post-distribution monitoring (May and
    // July 2022). The three periods per enrolment and the validity are Haven's, not the source's.
    transfer: {
      firstPersonMinor: 220_000,
      additionalPersonMinor: 220_000,
      householdCapMinor: null,
    },
    periodsPerEnrolment: 3,
    validFrom: '2022-04-01',
    validTo: '2022-12-31',
    source: {
      title:
        'UNHCR Moldova: cash assistance programme for refugees, 2,200 MDL per person per month',
      url: 'https://help.unhcr.org/moldova/cash-assistance-programme-for-refugees-in-moldova/',
      verified: true,
    },
  },
];

export function findProgrammeTemplate(id: string): ProgrammeTemplate | undefined {
  return PROGRAMME_TEMPLATES.find((template) => template.id === id);
}

/**
 * The household's transfer for one period: first person, plus each additional member, capped.
 * A household of 0 receives nothing.
 * @example householdEntitlement(UNHCR PL 2022, 2) === 130_000 // 700 + 600 PLN
 */
export function householdEntitlement(transfer: TransferValue, householdSize: number): number {
  if (householdSize <= 0) {
    return 0;
  }
  const uncapped = transfer.firstPersonMinor + (householdSize - 1) * transfer.additionalPersonMinor;
  return transfer.householdCapMinor === null
    ? uncapped
    : Math.min(uncapped, transfer.householdCapMinor);
}
