import { describe, expect, it } from 'vitest';
import { compareBirthDates, DATE_MATCH_LEVELS } from '../compare-dates.js';
import { createBirthDateTable } from './birth-date-table.js';

const DATES = [
  undefined,
  '',
  '1983-04-12',
  '1983-04-17', // one digit
  '1938-04-12', // two digits exchanged
  '1983-04-13', // a day off
  '1983-12-04', // day and month exchanged
  '1984-04-12', // a year off
  '1983',
  '1983-04',
  '1993-04-12',
  '1983-04-52', // mistyped into no date
  '1983-14-12',
  '05.03.2022', // unreadable
  '2020-02-29',
];

describe('the batch table of birth dates', () => {
  it('gives every pair the level compareBirthDates gives', () => {
    const table = createBirthDateTable();
    const ids = DATES.map((date) => table.idOf(date));
    DATES.forEach((a, i) => {
      DATES.forEach((b, j) => {
        const level = DATE_MATCH_LEVELS[table.compare(ids[i] ?? 0, ids[j] ?? 0)];
        expect(level, `${String(a)} ~ ${String(b)}`).toBe(compareBirthDates(a, b));
      });
    });
  });

  it('keeps a date mistyped into no date comparable, and an unreadable one absent', () => {
    const table = createBirthDateTable();
    expect(table.idOf('1983-04-52')).not.toBe(0);
    expect(table.idOf('05.03.2022')).toBe(0);
    expect(
      DATE_MATCH_LEVELS[table.compare(table.idOf('1983-04-52'), table.idOf('1983-04-12'))],
    ).toBe('one-typo');
  });
});
