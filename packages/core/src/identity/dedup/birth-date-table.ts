/**
 * compareBirthDates for millions of pairs (#3 item 5): each distinct date is parsed once into
 * day numbers, and a pair is then compared with a few integer tests, giving the same level.
 */
import {
  checkPartialDate,
  partialDateRange,
  type PartialDate,
} from '../../registration/partial-date.js';
import { DATE_MATCH_LEVELS, isOneDigitTypo, type DateMatchLevel } from '../compare-dates.js';

const MS_PER_DAY = 86_400_000;
const NONE = Number.NaN;
/** Shaped like a partial date but none (a mistyped day 54): kept for the one-typo level. */
const DATE_SHAPE = /^\d{4}(?:-\d{2}){0,2}$/;

const level = (name: DateMatchLevel): number => DATE_MATCH_LEVELS.indexOf(name);
const COMPATIBLE = level('compatible');
/** compareBirthDates's agreementLevel by the coarser date's length. */
const agreement: Readonly<Record<number, number>> = {
  4: level('same-year'),
  7: COMPATIBLE,
  10: level('exact'),
};
const OFF_BY_ONE_DAY = level('off-by-one-day');
const DAY_MONTH_SWAPPED = level('day-month-swapped');
const OFF_BY_ONE_YEAR = level('off-by-one-year');
const PARTIAL_OFF_BY_ONE_YEAR = level('partial-off-by-one-year');
const ONE_TYPO = level('one-typo');
const DIFFERENT = level('different');
const MISSING = level('missing');

function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    MS_PER_DAY
  );
}

function isPartialDate(text: string): text is PartialDate {
  return checkPartialDate(text) === undefined;
}

/** First and last day a partial date denotes, or NaN when it is not a partial date. */
function rangeOf(text: string): [number, number] {
  if (!isPartialDate(text)) {
    return [NONE, NONE];
  }
  const range = partialDateRange(text);
  return [dayNumber(range.from), dayNumber(range.to)];
}

/** Distinct birth dates as parsed day ranges; a record refers to its date by id. */
export interface BirthDateTable {
  /** The id of a record's birth date; 0 is absent or not shaped like a partial date. */
  idOf(text: string | undefined): number;
  /** The level of compareBirthDates for two ids. */
  compare(a: number, b: number): number;
  /** The dates by id ('' at 0): given to idOf in this order, they get the same ids again. */
  texts(): readonly string[];
}

/**
 * @example const dates = createBirthDateTable(); dates.compare(dates.idOf('2022-03-05'), dates.idOf('2022-05-03')) // index of 'day-month-swapped'
 */
export function createBirthDateTable(): BirthDateTable {
  const ids = new Map<string, number>();
  const texts: string[] = [''];
  // Per id: first and last day, and those a year earlier and later (NaN when that is no date).
  const from = [NONE];
  const to = [NONE];
  const earlierFrom = [NONE];
  const earlierTo = [NONE];
  const laterFrom = [NONE];
  const laterTo = [NONE];
  const shifted = (text: string, years: number): string =>
    `${String(Number(text.slice(0, 4)) + years).padStart(4, '0')}${text.slice(4)}`;
  return {
    idOf(raw) {
      const text = raw?.trim() ?? '';
      if (text === '') {
        return 0;
      }
      let id = ids.get(text);
      if (id === undefined) {
        const [start, end] = rangeOf(text);
        if (Number.isNaN(start) && !DATE_SHAPE.test(text)) {
          id = 0;
        } else {
          id = texts.length;
          texts.push(text);
          const [earlierStart, earlierEnd] = rangeOf(shifted(text, -1));
          const [laterStart, laterEnd] = rangeOf(shifted(text, 1));
          from.push(start);
          to.push(end);
          earlierFrom.push(earlierStart);
          earlierTo.push(earlierEnd);
          laterFrom.push(laterStart);
          laterTo.push(laterEnd);
        }
        ids.set(text, id);
      }
      return id;
    },
    texts: () => texts,
    compare(a, b) {
      if (a === 0 || b === 0) {
        return MISSING;
      }
      const fromA = from[a] ?? NONE;
      const toA = to[a] ?? NONE;
      const fromB = from[b] ?? NONE;
      const toB = to[b] ?? NONE;
      const textA = texts[a] ?? '';
      const textB = texts[b] ?? '';
      if (Number.isNaN(fromA) || Number.isNaN(fromB)) {
        // Not a date (as compareBirthDates): only a typo away from one says anything.
        return isOneDigitTypo(textA, textB) ? ONE_TYPO : MISSING;
      }
      if (a === b || (fromA <= toB && fromB <= toA)) {
        return agreement[Math.min(textA.length, textB.length)] ?? COMPATIBLE;
      }
      if (textA.length === 10 && textB.length === 10) {
        if (Math.abs(fromA - fromB) === 1) {
          return OFF_BY_ONE_DAY;
        }
        if (
          textA.slice(0, 4) === textB.slice(0, 4) &&
          textA.slice(5, 7) === textB.slice(8, 10) &&
          textA.slice(8, 10) === textB.slice(5, 7)
        ) {
          return DAY_MONTH_SWAPPED;
        }
      }
      // NaN compares false: a shift that is no date never overlaps.
      if (
        ((earlierFrom[a] ?? NONE) <= toB && fromB <= (earlierTo[a] ?? NONE)) ||
        ((laterFrom[a] ?? NONE) <= toB && fromB <= (laterTo[a] ?? NONE))
      ) {
        return textA.length === 10 && textB.length === 10
          ? OFF_BY_ONE_YEAR
          : PARTIAL_OFF_BY_ONE_YEAR;
      }
      return isOneDigitTypo(textA, textB) ? ONE_TYPO : DIFFERENT;
    },
  };
}
