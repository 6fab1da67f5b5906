import { describe, expect, it } from 'vitest';
import { compareBirthDates } from './compare-dates.js';

describe('compareBirthDates', () => {
  it.each([
    ['1990-06-01', '1990-06-01', 'exact'],
    ['1990', '1990', 'exact'],
    ['1990', '1990-06-01', 'compatible'],
    ['1990-06', '1990-06-15', 'compatible'],
    ['1990-06-01', '1990', 'compatible'],
    ['1990-06-01', '1990-06-02', 'off-by-one-day'],
    ['1989-12-31', '1990-01-01', 'off-by-one-day'], // across a year
    ['2022-03-05', '2022-05-03', 'day-month-swapped'],
    ['1990-06-01', '1991-06-01', 'off-by-one-year'],
    ['1990', '1991', 'off-by-one-year'],
    ['1990-06', '1989-06-20', 'off-by-one-year'],
    ['1990', '1989-06-20', 'off-by-one-year'],
    ['1990-06-01', '1990-06-03', 'different'],
    ['1990-06', '1990-07', 'different'],
    ['1990', '1992', 'different'],
    ['2022-03-05', '2021-05-03', 'different'],
  ] as const)('%s ~ %s: %s', (a, b, expected) => {
    expect(compareBirthDates(a, b)).toBe(expected);
    expect(compareBirthDates(b, a)).toBe(expected);
  });

  it('does not call a day equal to its month swapped', () => {
    expect(compareBirthDates('2022-03-03', '2022-03-04')).toBe('off-by-one-day');
  });

  it('skips 29 February when shifting a year', () => {
    expect(compareBirthDates('2020-02-29', '2021-03-01')).toBe('different');
  });

  it.each([
    [''],
    [null],
    [undefined],
    ['05.03.2022'],
    ['2022-02-30'],
    ['1990-13'],
    ['x'.repeat(1_000)],
  ])('says "missing" for an absent or unreadable date: %s', (text) => {
    expect(compareBirthDates(text, '1990-06-01')).toBe('missing');
    expect(compareBirthDates('1990-06-01', text)).toBe('missing');
  });
});
