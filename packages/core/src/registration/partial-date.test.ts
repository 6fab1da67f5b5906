import { describe, expect, it } from 'vitest';
import {
  ageYearsOn,
  checkBirthDate,
  checkPartialDate,
  partialDateRange,
  type PartialDate,
} from './partial-date.js';

const d = (s: string) => s as PartialDate;

describe('partial dates', () => {
  it('accepts year, year-month and full dates', () => {
    expect(checkPartialDate('1987')).toBeUndefined();
    expect(checkPartialDate('1987-04')).toBeUndefined();
    expect(checkPartialDate('2024-02-29')).toBeUndefined();
  });

  it('rejects impossible calendar days and malformed text', () => {
    expect(checkPartialDate('2022-02-30')).toBe('impossible');
    expect(checkPartialDate('2023-02-29')).toBe('impossible');
    expect(checkPartialDate('2022-13')).toBe('impossible');
    expect(checkPartialDate('22-02-2022')).toBe('format');
    expect(checkPartialDate('')).toBe('format');
  });

  it('rejects birth dates in the future or before 1900', () => {
    expect(checkBirthDate('2030-01-01', '2026-11-28')).toBe('future');
    expect(checkBirthDate('2027', '2026-11-28')).toBe('future');
    expect(checkBirthDate('2026-11', '2026-11-28')).toBeUndefined();
    expect(checkBirthDate('1899-12-31', '2026-11-28')).toBe('too-old');
  });

  it('expands partial dates to the days they can denote', () => {
    expect(partialDateRange(d('1990'))).toEqual({ from: '1990-01-01', to: '1990-12-31' });
    expect(partialDateRange(d('2024-02'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(partialDateRange(d('2001-07-15'))).toEqual({ from: '2001-07-15', to: '2001-07-15' });
  });

  it('counts age conservatively so a possible minor stays a minor', () => {
    expect(ageYearsOn(d('2004-03-10'), '2022-03-10')).toBe(18);
    expect(ageYearsOn(d('2004-03-10'), '2022-03-09')).toBe(17);
    expect(ageYearsOn(d('2004'), '2022-06-01')).toBe(17);
  });
});
