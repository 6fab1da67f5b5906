import { describe, expect, it } from 'vitest';
import { combineRuleEstimates, uOfStrangers } from './rule-estimates.js';

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

describe('uOfStrangers', () => {
  it('takes the matches among random pairs out of u', () => {
    // Random pairs of a small register: 1 in 100 is one person, whose e-mails agree 80 % of the
    // time; 1.6 % of the random pairs agree, so strangers agree 0.8/99 = 0.81 % of the time.
    const u = uOfStrangers(
      'document',
      { m: [0.8, 0.1, 0.1, 1, 1], u: [0.016, 0.01, 0.974, 1, 1] },
      0.01,
    );
    expect(u[0]).toBeCloseTo((0.016 - 0.01 * 0.8) / 0.99, 5);
    expect((u[0] ?? 0) + (u[1] ?? 0) + (u[2] ?? 0)).toBeCloseTo(1, 10);
    expect(u[3]).toBe(1);
  });

  it('never lets a level fall below a tenth of what random pairs showed', () => {
    const u = uOfStrangers('sex', { m: [1, 0, 1], u: [0.5, 0.5, 1] }, 0.9);
    expect(u[0]).toBeGreaterThan(0);
    expect((u[0] ?? 0) + (u[1] ?? 0)).toBeCloseTo(1, 10);
  });

  it('changes nothing at a vanishing prior', () => {
    const random = { m: [0.9, 0.05, 0.05, 1, 1], u: [1e-5, 3e-5, 0.99996, 1, 1] };
    const u = uOfStrangers('document', random, 1e-9);
    random.u.forEach((share, level) => {
      expect(u[level]).toBeCloseTo(share, 8);
    });
  });
});
