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
  'exact', // the same full date
  'compatible', // the same month, one date or both without a day: '1990-06' and '1990-06-01'
  // The same year, one date or both without a month: '1990' and '1990-06-01'. Strangers share a
  // year 1 time in 50 and a full date 1 in 20,000: one level for both said too much of a year.
  'same-year',
  'off-by-one-day',
  'day-month-swapped', // '2022-03-05' and '2022-05-03'
  'off-by-one-year', // '1983-04-12' and '1984-04-12'
  // '1983' and '1984-04-12': a year apart, but a partial date meets a whole year of dates, so
  // this says far less than two full dates a year apart (strangers share a year at 1 in 50).
  'partial-off-by-one-year',
  'one-typo', // one digit mistyped or two neighbours exchanged: '1983-04-12' and '1983-04-17' or '1938-04-12'
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

/** Shaped like a partial date, whether or not it is one ('1467-01-54' is a mistyped date). */
const DATE_SHAPE = /^\d{4}(?:-\d{2}){0,2}$/;

/**
 * True when two dates of one shape differ in one digit, or in two neighbouring digits exchanged
 * (Damerau): the commonest keying errors. A mistyped date may be no date at all (day 54).
 * @example isOneDigitTypo('1983-04-12', '1938-04-12') // true
 */
export function isOneDigitTypo(a: string, b: string): boolean {
  if (a.length !== b.length || a === b || !DATE_SHAPE.test(a) || !DATE_SHAPE.test(b)) {
    return false;
  }
  let first = -1;
  let differences = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      differences += 1;
      if (differences > 2) {
        return false;
      }
      if (first === -1) {
        first = i;
      }
    }
  }
  if (differences === 1) {
    return true;
  }
  const next = first + 1;
  return a[first] === b[next] && a[next] === b[first];
}

/** How much two agreeing dates say: as much as the coarser of the two. */
export function agreementLevel(a: string, b: string): DateMatchLevel {
  const precision = Math.min(a.length, b.length);
  return precision === 10 ? 'exact' : precision === 7 ? 'compatible' : 'same-year';
}

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
    // A date mistyped into no date (day 54, month 13) still says which date was meant.
    return isOneDigitTypo(dateA, dateB) ? 'one-typo' : 'missing';
  }
  if (dateA === dateB || overlaps(dateA, dateB)) {
    return agreementLevel(dateA, dateB);
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
      return isFullDate(dateA) && isFullDate(dateB) ? 'off-by-one-year' : 'partial-off-by-one-year';
    }
  }
  return isOneDigitTypo(dateA, dateB) ? 'one-typo' : 'different';
}
