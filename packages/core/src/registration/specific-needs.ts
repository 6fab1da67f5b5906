/**
 * UNHCR specific-needs codes (proGres v4 list; source: unhcr-mena/proGres-analysis,
 * case-specificneed.sql). Kept as versioned data: UNHCR revised the DS codes since.
 *
 * Sensitivity decides who may see a need (issue #4):
 * - 'protection': SGBV, torture, legal/physical protection — field-level protection, caseworkers only;
 * - 'health': health data, a special category under GDPR Art. 9;
 * - 'standard': everything else.
 */
export const SPECIFIC_NEEDS_CODE_LIST_VERSION = 'progres-v4-2022';

export type Sensitivity = 'standard' | 'health' | 'protection';

export interface SpecificNeedCategory {
  readonly code: string;
  readonly label: string;
  readonly sensitivity: Sensitivity;
  readonly details: Readonly<Record<string, string>>;
}

export const SPECIFIC_NEED_CATEGORIES: readonly SpecificNeedCategory[] = [
  {
    code: 'CR',
    label: 'Child at risk',
    sensitivity: 'standard',
    details: {
      AF: 'Child associated with armed forces or groups',
      CC: 'Child carer',
      CH: 'Child-headed household',
      CL: 'Child in conflict with the law',
      CP: 'Child parent',
      CS: 'Child spouse',
      LO: 'Child engaged in other forms of child labour',
      LW: 'Child engaged in worst forms of child labour',
      MS: 'Minor spouse',
      NE: 'Child at risk of not attending school',
      SE: 'Child with special education needs',
      TP: 'Teenage pregnancy',
    },
  },
  {
    code: 'SC',
    label: 'Unaccompanied or separated child',
    sensitivity: 'standard',
    details: {
      CH: 'Child-headed household',
      FC: 'Child in foster care',
      IC: 'Child in institutional care',
      NC: 'Neglected child with extended family',
      SC: 'Separated child',
      UC: 'Unaccompanied child',
      UF: 'Unaccompanied child in foster care',
      UM: 'Unaccompanied minor',
    },
  },
  {
    code: 'DS',
    label: 'Disability',
    sensitivity: 'health',
    details: {
      BD: 'Visual impairment',
      DF: 'Hearing impairment',
      MM: 'Mental disability — moderate',
      MS: 'Mental disability — severe',
      PM: 'Physical disability — moderate',
      PS: 'Physical disability — severe',
      SD: 'Speech impairment',
    },
  },
  {
    code: 'SM',
    label: 'Serious medical condition',
    sensitivity: 'health',
    details: {
      AD: 'Addiction',
      CC: 'Critical medical condition',
      CI: 'Chronic illness',
      DP: 'Difficult pregnancy',
      MI: 'Mental illness',
      MN: 'Malnutrition',
      OT: 'Other medical condition',
    },
  },
  {
    code: 'PG',
    label: 'Pregnant or lactating',
    sensitivity: 'health',
    details: { HR: 'High-risk pregnancy', LC: 'Lactating' },
  },
  {
    code: 'WR',
    label: 'Woman at risk',
    sensitivity: 'standard',
    details: {
      GM: 'Threat of female genital mutilation',
      HR: 'Single female household representative',
      LC: 'Lactating woman at risk',
      PY: 'In polygamous relationship',
      SF: 'Single woman at risk',
      UW: 'Woman unaccompanied by adult male family member',
      WF: 'Woman associated with fighting forces',
      WR: 'Woman at risk, unspecified',
    },
  },
  {
    code: 'SP',
    label: 'Single parent or caregiver',
    sensitivity: 'standard',
    details: { CG: 'Single caregiver', GP: 'Single grandparent', PT: 'Single parent' },
  },
  {
    code: 'ER',
    label: 'Older person at risk',
    sensitivity: 'standard',
    details: {
      FR: 'Older person unable to care for self',
      MC: 'Older person with children',
      NF: 'Unaccompanied older person',
      OC: 'Older person without younger family members',
      SC: 'Older person with separated children',
      UR: 'Single older person without accompanying family',
    },
  },
  {
    code: 'FU',
    label: 'Family unity',
    sensitivity: 'standard',
    details: { FR: 'Family reunification required', TR: 'Tracing required' },
  },
  {
    code: 'SV',
    label: 'SGBV',
    sensitivity: 'protection',
    details: {
      FM: 'Threat of forced marriage',
      GM: 'Female genital mutilation',
      HK: 'Threat of honour killing or violence',
      HP: 'Harmful traditional practices',
      SS: 'Survival sex',
      VA: 'Exposure to SGBV',
      VF: 'SGBV during flight',
      VO: 'SGBV in country of origin',
    },
  },
  {
    code: 'TR',
    label: 'Torture',
    sensitivity: 'protection',
    details: {
      HO: 'Forced to commit egregious acts',
      PI: 'Psychological or physical impairment due to torture',
      WV: 'Witness of violence to others',
    },
  },
  {
    code: 'LP',
    label: 'Legal and physical protection needs',
    sensitivity: 'protection',
    details: {
      AF: 'Formerly associated with armed forces or groups',
      AN: 'Violence, abuse or neglect',
      AP: 'Alleged perpetrator',
      BN: 'Unmet basic needs',
      CR: 'Criminal record',
      DA: 'Detained in country of asylum',
      DN: 'Currently detained',
      DO: 'Detained in country of origin',
      DP: 'Formerly detained',
      DT: 'Detained elsewhere',
      ES: 'Excluded',
      MS: 'Marginalised',
      FR: 'Family reunion required',
      IH: 'In hiding',
      LS: 'No durable-solution prospects',
      MD: 'Multiple displacements',
      MM: 'Mixed marriage',
      NA: 'No access to services',
      ND: 'No legal documentation',
      PV: 'Durable-solution vulnerability',
      RD: 'Risk of removal',
      TD: 'Risk of deportation',
      RP: 'At risk due to profile',
      RR: 'Risk of refoulement',
      TR: 'Risk of refoulement (other)',
      ST: 'Security threat',
      TA: 'Torture or violence in country of asylum',
      TO: 'Torture or violence in home country',
      TC: 'Tracing required',
      UP: 'Urgent physical protection',
      VA: 'Domestic violence or SGBV in country of asylum',
      VF: 'Domestic violence or SGBV during flight',
      VO: 'Domestic violence or SGBV in country of origin',
      VP: 'Alleged perpetrator of violence',
      WP: 'No witness protection',
    },
  },
];

const CATEGORY_BY_CODE: ReadonlyMap<string, SpecificNeedCategory> = new Map(
  SPECIFIC_NEED_CATEGORIES.map((c) => [c.code, c]),
);

/** Splits a full code such as 'WR-UW' into its category and detail and checks both exist. */
export function findSpecificNeed(
  code: string,
): { category: SpecificNeedCategory; detail: string; label: string } | undefined {
  const [categoryCode, detail, extra] = code.split('-');
  if (categoryCode === undefined || detail === undefined || extra !== undefined) {
    return undefined;
  }
  const category = CATEGORY_BY_CODE.get(categoryCode);
  const label = category?.details[detail];
  return category && label ? { category, detail, label } : undefined;
}

export function isSpecificNeedCode(code: string): boolean {
  return findSpecificNeed(code) !== undefined;
}

/** The sensitivity class of a need code; unknown codes are treated as the most sensitive. */
export function sensitivityOf(code: string): Sensitivity {
  return findSpecificNeed(code)?.category.sensitivity ?? 'protection';
}

/** Every valid full code, e.g. 'SC-UC', in list order. */
export const SPECIFIC_NEED_CODES: readonly string[] = SPECIFIC_NEED_CATEGORIES.flatMap((c) =>
  Object.keys(c.details).map((d) => `${c.code}-${d}`),
);
