import { describe, expect, it } from 'vitest';
import { DATE_MATCH_LEVELS } from '../compare-dates.js';
import { birthDateU, countBirthDatePairs } from './birth-date-shares.js';
import { createBirthDateTable } from './birth-date-table.js';

/** Dates as clerks write them: a few dozen people's, each with slips of every kind. */
function clerksDates(): string[] {
  let state = 7;
  const next = (below: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
  const pad = (value: number): string => String(value).padStart(2, '0');
  // Edges: a new year, leap days against the years and months beside them, a day 54, a year
  // below 100 (which Date.UTC would read as 19xx).
  const dates: string[] = [
    ...['1989-12-31', '1990-01-01', '1992-02-28', '1992-02-29', '1991', '1993-02', '1993-02-28'],
    ...['2000-02-11', '2000-02-29', '2001', '1990-02-54', '0050-06-01', '0050-06-02'],
  ];
  for (let person = 0; person < 60; person++) {
    const [year, month, day] = [1985 + next(6), 1 + next(12), 1 + next(28)];
    const date = `${String(year)}-${pad(month)}-${pad(day)}`;
    dates.push(
      date,
      date,
      `${String(year)}-${pad(month)}-${pad(day === 28 ? 27 : day + 1)}`,
      `${String(year)}-${pad(day <= 12 ? day : month)}-${pad(day <= 12 ? month : day)}`,
      `${String(year + 1)}-${pad(month)}-${pad(day)}`,
      `${String(year)}-${pad(month)}`,
      String(year),
      `${date.slice(0, 8)}${String(next(10))}${date.slice(9)}`,
      `${date.slice(0, 2)}${date.charAt(3)}${date.charAt(2)}${date.slice(4)}`,
    );
  }
  return dates;
}

describe('countBirthDatePairs', () => {
  it('gives each level the share of all pairs of dated records that compare at it', () => {
    const table = createBirthDateTable();
    const ids = Int32Array.from([...clerksDates(), '', ''].map((date) => table.idOf(date)));
    const pairs = new Float64Array(DATE_MATCH_LEVELS.length);
    for (const a of ids) {
      for (const b of ids) {
        if (a !== 0 && b !== 0) {
          pairs[table.compare(a, b)] = (pairs[table.compare(a, b)] ?? 0) + 1;
        }
      }
    }
    // The loop above met each record with itself too.
    for (const a of ids) {
      if (a !== 0) {
        pairs[table.compare(a, a)] = (pairs[table.compare(a, a)] ?? 0) - 1;
      }
    }
    const missing = DATE_MATCH_LEVELS.indexOf('missing');
    const counted = countBirthDatePairs(ids, table);
    DATE_MATCH_LEVELS.forEach((level, index) => {
      const expected = index === missing ? 0 : (pairs[index] ?? 0);
      expect([level, counted?.atLevel[index]]).toEqual([level, expected]);
    });
    expect(counted?.informative).toBe(
      pairs.reduce((sum, count, level) => (level === missing ? sum : sum + count)),
    );
    // Every level a slip makes is there to be counted.
    for (const level of ['exact', 'off-by-one-day', 'day-month-swapped', 'one-typo'] as const) {
      expect(counted?.atLevel[DATE_MATCH_LEVELS.indexOf(level)]).toBeGreaterThan(0);
    }
  });

  it('gives u of every informative level, none impossible, summing to one', () => {
    const table = createBirthDateTable();
    const ids = Int32Array.from(
      ['1990-06-01', '1990-06-01', '1990-06-02', '1971'].map((date) => table.idOf(date)),
    );
    const counted = countBirthDatePairs(ids, table);
    const u = counted ? birthDateU(counted) : [];
    const missing = DATE_MATCH_LEVELS.indexOf('missing');
    expect(u[missing]).toBe(1);
    expect(u.reduce((sum, value, level) => (level === missing ? sum : sum + value), 0)).toBeCloseTo(
      1,
    );
    // Of 12 ordered pairs: 2 share a date, 4 are a day apart, the 6 with 1971 are different.
    const levels = DATE_MATCH_LEVELS.length - 1;
    expect(u[DATE_MATCH_LEVELS.indexOf('exact')]).toBeCloseTo(3 / (12 + levels));
    expect(u[DATE_MATCH_LEVELS.indexOf('off-by-one-day')]).toBeCloseTo(5 / (12 + levels));
    expect(u[DATE_MATCH_LEVELS.indexOf('different')]).toBeCloseTo(7 / (12 + levels));
    expect(u[DATE_MATCH_LEVELS.indexOf('day-month-swapped')]).toBeCloseTo(1 / (12 + levels));
  });

  it('has nothing to count with fewer than two dated records', () => {
    const table = createBirthDateTable();
    expect(countBirthDatePairs(Int32Array.from([table.idOf('1990-06-01'), 0]), table)).toBe(
      undefined,
    );
  });
});
