import { ageYearsOn, partialDateRange, type PartialDate } from './partial-date.js';

/** How a member is related to the household's head (UNHCR proGres relationship list, reduced). */
export const RELATIONSHIPS = [
  'head',
  'spouse',
  'partner',
  'child',
  'stepchild',
  'grandchild',
  'parent',
  'grandparent',
  'sibling',
  'other-relative',
  'non-relative',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Unaccompanied: no adult caring for the child. Separated: with an adult, but not a parent or usual caregiver. */
export const CHILD_CARE_STATUSES = ['unaccompanied', 'separated'] as const;
export type ChildCareStatus = (typeof CHILD_CARE_STATUSES)[number];

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const ADULT_AGE_YEARS = 18;
export const MAX_HOUSEHOLD_MEMBERS = 30;

export interface HouseholdMemberFacts {
  readonly relationshipToHead: Relationship;
  readonly birthDate?: PartialDate | undefined;
  readonly childCareStatus?: ChildCareStatus | undefined;
}

export interface HouseholdProblem {
  /** Path of the offending field relative to the household's member list, e.g. ['members', 2, 'childCareStatus']. */
  readonly path: readonly (string | number)[];
  readonly code:
    | 'no-head'
    | 'several-heads'
    | 'child-status-for-adult'
    | 'too-many-members'
    | 'born-after-registration';
  readonly message: string;
}

/**
 * Checks the rules a household must satisfy on the day it is registered: exactly one head, and
 * an unaccompanied/separated status only for a child.
 */
export function checkHousehold(
  members: readonly HouseholdMemberFacts[],
  registrationDay: string,
): HouseholdProblem[] {
  const problems: HouseholdProblem[] = [];
  if (members.length > MAX_HOUSEHOLD_MEMBERS) {
    problems.push({
      path: ['members'],
      code: 'too-many-members',
      message: `A household has at most ${MAX_HOUSEHOLD_MEMBERS} members`,
    });
  }
  const heads = members.flatMap((m, i) => (m.relationshipToHead === 'head' ? [i] : []));
  if (heads.length === 0) {
    problems.push({
      path: ['members'],
      code: 'no-head',
      message: 'One member must be the head of household',
    });
  }
  for (const extra of heads.slice(1)) {
    problems.push({
      path: ['members', extra, 'relationshipToHead'],
      code: 'several-heads',
      message: 'Only one member can be the head of household',
    });
  }
  members.forEach((member, i) => {
    if (member.birthDate && partialDateRange(member.birthDate).from > registrationDay) {
      problems.push({
        path: ['members', i, 'birthDate'],
        code: 'born-after-registration',
        message: 'Birth date is after the registration date',
      });
    }
    if (
      member.childCareStatus !== undefined &&
      member.birthDate !== undefined &&
      ageYearsOn(member.birthDate, registrationDay) >= ADULT_AGE_YEARS
    ) {
      problems.push({
        path: ['members', i, 'childCareStatus'],
        code: 'child-status-for-adult',
        message: 'Only a child under 18 can be unaccompanied or separated',
      });
    }
  });
  return problems;
}

/** A household whose members are all minors: every child in it is unaccompanied (UNHCR SC-UC). */
export function isChildOnlyHousehold(
  members: readonly HouseholdMemberFacts[],
  day: string,
): boolean {
  return (
    members.length > 0 &&
    members.every(
      (m) => m.birthDate !== undefined && ageYearsOn(m.birthDate, day) < ADULT_AGE_YEARS,
    )
  );
}
