/**
 * Comparison of birth dates that are often partial ('YYYY', 'YYYY-MM') and often mistyped: a
 * day off, a year off, or day and month exchanged (European DD.MM against American MM/DD).
 */
import {
  checkPartialDate,
  partialDateRange,
  type PartialDate,
} from '../registration/partial-date.js';

/** Best first. 'missing' means no information: a date is absent or not a partial date. */
export const DATE_MATCH_LEVELS = [
  'exact',
  'compatible', // different precision, overlapping: '1990' and '1990-06-01'
  'off-by-one-day',
  'day-month-swapped', // '2022-03-05' and '2022-05-03'
  'off-by-one-year',
  'different',
  'missing',
] as const;
export type DateMatchLevel = (typeof DATE_MATCH_LEVELS)[number];

const MS_PER_DAY = 86_400_000;

function isPartialDate(text: string): text is PartialDate {
  return checkPartialDate(text) === undefined;
}

function overlaps(a: PartialDate, b: PartialDate): boolean {
  const rangeA = partialDateRange(a);
  const rangeB = partialDateRange(b);
  return rangeA.from <= rangeB.to && rangeB.from <= rangeA.to;
}

function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    MS_PER_DAY
  );
}

const isFullDate = (date: string): boolean => date.length === 10;

/** The same partial date a year earlier or later, if that is a real date (not 29 February). */
function shiftYear(date: PartialDate, years: number): PartialDate | undefined {
  const shifted = `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
  return isPartialDate(shifted) ? shifted : undefined;
}

/**
 * Compares two birth dates, each 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'.
 * @example compareBirthDates('2022-03-05', '2022-05-03') // 'day-month-swapped'
 */
export function compareBirthDates(
  a: string | null | undefined,
  b: string | null | undefined,
): DateMatchLevel {
  const dateA = a?.trim() ?? '';
  const dateB = b?.trim() ?? '';
  if (!isPartialDate(dateA) || !isPartialDate(dateB)) {
    return 'missing';
  }
  if (dateA === dateB) {
    return 'exact';
  }
  if (overlaps(dateA, dateB)) {
    return 'compatible';
  }
  if (isFullDate(dateA) && isFullDate(dateB)) {
    if (Math.abs(dayNumber(dateA) - dayNumber(dateB)) === 1) {
      return 'off-by-one-day';
    }
    if (
      dateA.slice(0, 4) === dateB.slice(0, 4) &&
      dateA.slice(5, 7) === dateB.slice(8, 10) &&
      dateA.slice(8, 10) === dateB.slice(5, 7)
    ) {
      return 'day-month-swapped';
    }
  }
  for (const years of [-1, 1]) {
    const shifted = shiftYear(dateA, years);
    if (shifted !== undefined && overlaps(shifted, dateB)) {
      return 'off-by-one-year';
    }
  }
  return 'different';
}
