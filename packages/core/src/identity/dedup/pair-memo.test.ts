import { describe, expect, it } from 'vitest';
import { createPairMemo } from './pair-memo.js';

describe('createPairMemo', () => {
  it('remembers a value per ordered pair', () => {
    const memo = createPairMemo(100);
    memo.set(3, 7, 2);
    memo.set(7, 3, 4);
    expect(memo.get(3, 7)).toBe(2);
    expect(memo.get(7, 3)).toBe(4);
    expect(memo.get(3, 8)).toBe(-1);
  });

  it('forgets everything when full, and keeps working', () => {
    const memo = createPairMemo(10);
    for (let i = 0; i < 10; i++) {
      memo.set(i, i + 1, 1);
    }
    memo.set(100, 101, 3);
    expect(memo.get(0, 1)).toBe(-1);
    expect(memo.get(100, 101)).toBe(3);
  });
});
