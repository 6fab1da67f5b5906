import { describe, expect, it } from 'vitest';
import { checkHousehold, isChildOnlyHousehold, type HouseholdMemberFacts } from './household.js';
import type { PartialDate } from './partial-date.js';

const member = (
  relationshipToHead: HouseholdMemberFacts['relationshipToHead'],
  birthDate: string,
  childCareStatus?: 'unaccompanied' | 'separated',
): HouseholdMemberFacts => ({
  relationshipToHead,
  birthDate: birthDate as PartialDate,
  childCareStatus,
});

describe('household rules', () => {
  const day = '2022-03-10';

  it('accepts a mother with her children', () => {
    expect(
      checkHousehold(
        [member('head', '1988'), member('child', '2015-06'), member('child', '2019-01-02')],
        day,
      ),
    ).toEqual([]);
  });

  it('requires exactly one head', () => {
    expect(checkHousehold([member('spouse', '1988')], day).map((p) => p.code)).toEqual(['no-head']);
    expect(checkHousehold([member('head', '1988'), member('head', '1990')], day)).toEqual([
      expect.objectContaining({
        code: 'several-heads',
        path: ['members', 1, 'relationshipToHead'],
      }),
    ]);
  });

  it('allows unaccompanied or separated status only for a child', () => {
    expect(checkHousehold([member('head', '2008-05', 'unaccompanied')], day)).toEqual([]);
    expect(checkHousehold([member('head', '1990', 'separated')], day)).toEqual([
      expect.objectContaining({
        code: 'child-status-for-adult',
        path: ['members', 0, 'childCareStatus'],
      }),
    ]);
  });

  it('refuses a member born after the registration', () => {
    expect(checkHousehold([member('head', '1990'), member('child', '2022-04')], day)).toEqual([
      expect.objectContaining({
        code: 'born-after-registration',
        path: ['members', 1, 'birthDate'],
      }),
    ]);
  });

  it('recognises a household of children only', () => {
    expect(isChildOnlyHousehold([member('head', '2007'), member('sibling', '2012')], day)).toBe(
      true,
    );
    expect(isChildOnlyHousehold([member('head', '2002'), member('sibling', '2012')], day)).toBe(
      false,
    );
  });
});
