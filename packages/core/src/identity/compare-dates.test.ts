import { describe, expect, it } from 'vitest';
import { compareBirthDates } from './compare-dates.js';

describe('compareBirthDates', () => {
  it.each([
    ['1990-06-01', '1990-06-01', 'exact'],
    ['1990', '1990', 'same-year'],
    ['1990', '1990-06-01', 'same-year'],
    ['1990-06', '1990-06-15', 'compatible'],
    ['1990-06', '1990-06', 'compatible'],
    ['1990-06-01', '1990', 'same-year'],
    ['1990-06-01', '1990-06-02', 'off-by-one-day'],
    ['1989-12-31', '1990-01-01', 'off-by-one-day'], // across a year
    ['2022-03-05', '2022-05-03', 'day-month-swapped'],
    ['1990-06-01', '1991-06-01', 'off-by-one-year'],
    ['1990', '1991', 'partial-off-by-one-year'],
    ['1990-06', '1989-06-20', 'partial-off-by-one-year'],
    ['1990', '1989-06-20', 'partial-off-by-one-year'],
    ['1983-04-12', '1983-04-17', 'one-typo'],
    ['1983-04-12', '1938-04-12', 'one-typo'], // neighbouring digits exchanged
    ['1990-06', '1990-08', 'one-typo'],
    ['1990', '1980', 'one-typo'],
    ['1990-06-01', '1990-08-13', 'different'],
    ['1990-06', '1991-07', 'different'],
    ['1990', '1929', 'different'],
    ['1990', '1992-06-01', 'different'], // one typo needs two dates of one precision
    ['2022-03-05', '2021-05-03', 'different'],
  ] as const)('%s ~ %s: %s', (a, b, expected) => {
    expect(compareBirthDates(a, b)).toBe(expected);
    expect(compareBirthDates(b, a)).toBe(expected);
  });

  it('does not call a day equal to its month swapped', () => {
    expect(compareBirthDates('2022-03-03', '2022-03-04')).toBe('off-by-one-day');
  });

  it.each([
    ['1467-01-54', '1467-01-24'],
    ['1861-03-00', '1861-03-01'],
    ['1834-70-14', '1834-10-14'],
  ])('calls a date mistyped into no date one typo from the date meant: %s', (typo, date) => {
    expect(compareBirthDates(typo, date)).toBe('one-typo');
    expect(compareBirthDates(date, typo)).toBe('one-typo');
  });

  it('says nothing of two unreadable dates, even equal ones', () => {
    expect(compareBirthDates('1467-01-54', '1467-01-54')).toBe('missing');
    expect(compareBirthDates('1467-01-54', '1467-01-55')).toBe('one-typo');
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
