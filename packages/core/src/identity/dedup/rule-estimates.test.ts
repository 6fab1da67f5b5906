import { describe, expect, it } from 'vitest';
import { combineRuleEstimates } from './rule-estimates.js';

describe('combineRuleEstimates', () => {
  it('is not pulled off by one rule whose EM took relatives for matches', () => {
    // familyName levels: exact, equivalent, close, one-letter…, different, missing.
    const sound = [0.74, 0.15, 0.1, 0, 0.01, 1];
    const misfit = [0.32, 0.05, 0.04, 0, 0.59, 1];
    const m = combineRuleEstimates('familyName', [sound, sound, sound, misfit]);
    expect(m[4]).toBeCloseTo(0.01, 3);
    // Half of a mean of the four would have been more than 0.15.
    expect(m[4]).toBeLessThan(0.02);
  });

  it('keeps the informative levels a distribution and the missing level at 1', () => {
    const m = combineRuleEstimates('sex', [
      [0.99, 0.01, 1],
      [0.97, 0.01, 1],
    ]);
    expect((m[0] ?? 0) + (m[1] ?? 0)).toBeCloseTo(1, 10);
    expect(m[2]).toBe(1);
  });

  it('takes a single estimate as it is', () => {
    expect(combineRuleEstimates('sex', [[0.98, 0.02, 1]])).toEqual([0.98, 0.02, 1]);
  });
});
