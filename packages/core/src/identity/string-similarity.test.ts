import { describe, expect, it } from 'vitest';
import { editDistance, jaroSimilarity, jaroWinklerSimilarity } from './string-similarity.js';

describe('jaroSimilarity', () => {
  // Reference values from Winkler (1990) and the jellyfish test suite.
  it.each([
    ['CRATE', 'TRACE', 0.733333],
    ['MARTHA', 'MARHTA', 0.944444],
    ['DWAYNE', 'DUANE', 0.822222],
    ['DIXON', 'DICKSONX', 0.766667],
    ['JELLYFISH', 'SMELLYFISH', 0.896296],
  ])('%s ~ %s = %f', (a, b, expected) => {
    expect(jaroSimilarity(a, b)).toBeCloseTo(expected, 5);
    expect(jaroSimilarity(b, a)).toBeCloseTo(expected, 5);
  });

  it('is 1 for equal strings and 0 with nothing in common or an empty side', () => {
    expect(jaroSimilarity('', '')).toBe(1);
    expect(jaroSimilarity('abc', 'abc')).toBe(1);
    expect(jaroSimilarity('abc', 'xyz')).toBe(0);
    expect(jaroSimilarity('', 'abc')).toBe(0);
  });
});

describe('jaroWinklerSimilarity', () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.961111],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.813333],
    ['JELLYFISH', 'SMELLYFISH', 0.896296],
  ])('%s ~ %s = %f', (a, b, expected) => {
    expect(jaroWinklerSimilarity(a, b)).toBeCloseTo(expected, 5);
  });

  it('rewards at most four characters of common prefix', () => {
    const jaro = jaroSimilarity('abcdefgh', 'abcdefhg');
    expect(jaroWinklerSimilarity('abcdefgh', 'abcdefhg')).toBeCloseTo(jaro + 0.4 * (1 - jaro), 10);
  });

  it('does not boost weak similarities (Winkler threshold 0.7)', () => {
    expect(jaroWinklerSimilarity('abxyz', 'abuvw')).toBe(jaroSimilarity('abxyz', 'abuvw'));
  });
});

describe('editDistance (optimal string alignment)', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['FE123456', 'FE123465', 1], // one transposition
    ['FE123456', 'FE12356', 1], // one deletion
    ['FE123456', 'FE123457', 1],
    ['CA', 'ABC', 3], // OSA edits no substring twice (true Damerau gives 2)
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
  ])('%s → %s = %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });

  it('handles long strings and then short ones with the reused buffers', () => {
    const long = 'ab'.repeat(600);
    expect(editDistance(long, `${long}c`)).toBe(1);
    expect(editDistance(long, long.slice(1))).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(jaroSimilarity(long, long.slice(0, -1))).toBeGreaterThan(0.99);
    expect(jaroSimilarity('ab', 'ab ')).toBeCloseTo(0.888889, 5);
  });
});
