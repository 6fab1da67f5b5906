import { describe, expect, it } from 'vitest';
import { duplicatePairs, statusPairKey } from './duplicates.js';

const ro = { personId: 'p2', countryCode: 'RO', effectiveOn: '2022-03-08' };
const pl = { personId: 'p1', countryCode: 'PL', effectiveOn: '2022-04-01' };
const md = { personId: 'p3', countryCode: 'MD', effectiveOn: '2022-05-02' };

describe('duplicates found after the grants', () => {
  it('name a pair the same whichever side comes first', () => {
    expect(statusPairKey(ro, pl)).toBe(statusPairKey(pl, ro));
    expect(statusPairKey(ro, pl)).toBe('p1|PL~p2|RO');
  });

  it('take the later grant as the side held, as a second grant would have been', () => {
    expect(duplicatePairs([ro, pl])).toEqual([{ key: 'p1|PL~p2|RO', here: pl, other: ro }]);
  });

  it('make one pair per two statuses of an identity active in three countries', () => {
    const pairs = duplicatePairs([ro, md, pl]);
    expect(pairs.map((pair) => [pair.here.countryCode, pair.other.countryCode])).toEqual([
      ['MD', 'PL'],
      ['MD', 'RO'],
      ['PL', 'RO'],
    ]);
  });
});
