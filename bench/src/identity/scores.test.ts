import { describe, expect, it } from 'vitest';
import { pairCompleteness, recallByWeakerRecord, scoreResolution } from './scores.js';

describe('scoreResolution', () => {
  // Truth: {0,1,2} one person, {3,4} another, {5} alone. Predicted: {0,1}, {2,3,4}, {5}.
  const truth = ['a', 'a', 'a', 'b', 'b', 'c'];
  const predicted = [0, 0, 1, 1, 1, 2];
  const scores = scoreResolution(truth, predicted);

  it('counts pairs: 4 true, 4 predicted, 2 correct (0–1 and 3–4)', () => {
    expect(scores.pairwise).toMatchObject({ truePairs: 4, predictedPairs: 4, correctPairs: 2 });
    expect(scores.pairwise.precision).toBeCloseTo(0.5);
    expect(scores.pairwise.recall).toBeCloseTo(0.5);
    expect(scores.pairwise.f1).toBeCloseTo(0.5);
  });

  it('computes B-cubed per record, by hand', () => {
    // Precision: 0,1 → 2/2; 2 → 1/3; 3,4 → 2/3; 5 → 1. Sum 1+1+1/3+2/3+2/3+1 = 14/3 over 6.
    expect(scores.bCubed.precision).toBeCloseTo(14 / 18);
    // Recall: 0,1 → 2/3; 2 → 1/3; 3,4 → 1; 5 → 1. Sum 2/3+2/3+1/3+1+1+1 = 14/3 over 6.
    expect(scores.bCubed.recall).toBeCloseTo(14 / 18);
  });

  it('scores a perfect resolution 1', () => {
    const perfect = scoreResolution(truth, [7, 7, 7, 8, 8, 9]);
    expect(perfect.pairwise.f1).toBe(1);
    expect(perfect.bCubed.f1).toBe(1);
  });
});

describe('pairCompleteness', () => {
  it('is the share of true pairs among the candidates', () => {
    const truth = ['a', 'a', 'a', 'b'];
    // True pairs: 0–1, 0–2, 1–2. Candidates: 0–1 (true), 2–3 (false).
    expect(pairCompleteness(truth, [0, 2], [1, 3])).toBeCloseTo(1 / 3);
  });
});

describe('recallByWeakerRecord', () => {
  it('puts each true pair in the class of its weaker record', () => {
    // Entity a: records 0 (class 1), 1 (class 1), 2 (class 0); predicted {0,1}, {2}.
    const recall = recallByWeakerRecord(['a', 'a', 'a', 'b'], [0, 0, 1, 2], [1, 1, 0, 1], 2);
    expect(recall[0]).toEqual({ truePairs: 2, correctPairs: 0, recall: 0 });
    expect(recall[1]).toEqual({ truePairs: 1, correctPairs: 1, recall: 1 });
  });
});
