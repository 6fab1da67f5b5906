/**
 * u of every birth-date level counted from the register's dates, not sampled. Among 300,000
 * random pairs of a million registrations a dozen share a full date and fewer still are a day,
 * a year or a digit apart, so the weights of those levels moved by up to half a bit between EM
 * seeds, and precision at a million with them. Each distinct date is met with the few dates at
 * such a level from it (a day or a year off, day and month exchanged, a digit mistyped) and
 * with the partial dates of its years, at the level the batch's own BirthDateTable gives it
 * (a digit slip that is none of the others is 'one-typo' without asking); whatever is not met
 * that way is 'different'. About half a second for a million registrations' 28,000 dates.
 */
import { DATE_MATCH_LEVELS } from '../compare-dates.js';
import { levelShares } from '../linkage/fellegi-sunter.js';
import type { BirthDateTable } from './birth-date-table.js';

const MISSING = DATE_MATCH_LEVELS.indexOf('missing');
const DIFFERENT = DATE_MATCH_LEVELS.indexOf('different');
const ONE_TYPO = DATE_MATCH_LEVELS.indexOf('one-typo');
const FULL_LENGTH = 'YYYY-MM-DD'.length;

/**
 * A date as a number: its digits, times 4, plus its shape (0 a year, 1 a month, 2 a full
 * date), so that dates are looked up without making strings.
 */
function keyOf(text: string): number {
  return (
    Number(text.replaceAll('-', '')) * 4 +
    (text.length === FULL_LENGTH ? 2 : text.length > 4 ? 1 : 0)
  );
}

// Per shape, the digit positions (from the last) whose neighbour on the left is a digit of the
// same part of the date: only those a keying slip can exchange.
const EXCHANGEABLE: readonly (readonly number[])[] = [
  [0, 1, 2],
  [0, 2, 3, 4],
  [0, 2, 4, 5, 6],
];
const DIGITS_OF_SHAPE = [4, 6, 8] as const;

/** Keys of the dates one digit replaced, or two neighbouring digits exchanged, away. */
function digitSlipsOf(key: number, into: number[]): number[] {
  into.length = 0;
  const shape = key % 4;
  const digits = (key - shape) / 4;
  let power = 1;
  for (let position = 0; position < (DIGITS_OF_SHAPE[shape] ?? 0); position++) {
    const digit = Math.floor(digits / power) % 10;
    for (let other = 0; other <= 9; other++) {
      if (other !== digit) {
        into.push((digits + (other - digit) * power) * 4 + shape);
      }
    }
    if (EXCHANGEABLE[shape]?.includes(position)) {
      const left = Math.floor(digits / (power * 10)) % 10;
      if (left !== digit) {
        const exchanged = digits + (left - digit) * power + (digit - left) * power * 10;
        into.push(exchanged * 4 + shape);
      }
    }
    power *= 10;
  }
  return into;
}

/** A full date one day earlier or later, as text. */
function dayAway(text: string, days: number): string {
  // setUTCFullYear, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(
    Number(text.slice(0, 4)),
    Number(text.slice(5, 7)) - 1,
    Number(text.slice(8, 10)) + days,
  );
  return date.toISOString().slice(0, 10);
}

/**
 * Dates of the same length a day or a year away, or with day and month exchanged: the levels
 * compareBirthDates gives those besides 'one-typo'. Any other digit slip is 'one-typo'.
 */
function nearDatesOf(text: string): Set<number> {
  const neighbours = new Set<number>();
  const year = Number(text.slice(0, 4));
  for (const shift of [-1, 1]) {
    neighbours.add(keyOf(`${String(year + shift).padStart(4, '0')}${text.slice(4)}`));
  }
  if (text.length === FULL_LENGTH) {
    neighbours.add(keyOf(dayAway(text, -1)));
    neighbours.add(keyOf(dayAway(text, 1)));
    neighbours.add(keyOf(`${text.slice(0, 5)}${text.slice(8, 10)}-${text.slice(5, 7)}`));
  }
  neighbours.delete(keyOf(text));
  return neighbours;
}

/** Ordered pairs of dated records by level of DATE_MATCH_LEVELS ('missing' left at 0). */
export interface BirthDatePairs {
  readonly atLevel: Float64Array;
  /** The pairs at an informative level: all but 'missing'. */
  readonly informative: number;
}

/**
 * Counts the ordered pairs of dated records at each birth-date level, or undefined with fewer
 * than two dated records.
 * @example countBirthDatePairs(dates.birthDateIds, dates.birthDates)?.atLevel[0] // pairs sharing a full date
 */
export function countBirthDatePairs(
  birthDateIds: Int32Array,
  table: BirthDateTable,
): BirthDatePairs | undefined {
  const texts = table.texts();
  const counts = new Float64Array(texts.length);
  let dated = 0;
  for (const id of birthDateIds) {
    if (id !== 0) {
      counts[id] = (counts[id] ?? 0) + 1;
      dated += 1;
    }
  }
  if (dated < 2) {
    return undefined;
  }
  const idOf = new Map<number, number>();
  // For the pairs of dates of two shapes (a year, a month, a day), by year: the partial dates,
  // and the full dates by month, one date standing for its month's count. Against a partial
  // date every day of a month is at one level.
  const partialsOf = new Map<number, number[]>();
  const monthsOf = new Map<number, { id: number; count: number }[]>();
  const monthOf = new Map<string, { id: number; count: number }>();
  const isUnreadable = new Uint8Array(texts.length);
  let unreadable = 0;
  texts.forEach((text, id) => {
    const count = counts[id] ?? 0;
    if (id === 0 || count === 0) {
      return;
    }
    idOf.set(keyOf(text), id);
    // Shaped like a date but none (day 54): only a digit away from another says anything.
    if (table.compare(id, id) === MISSING) {
      isUnreadable[id] = 1;
      unreadable += count;
      return;
    }
    const year = Number(text.slice(0, 4));
    if (text.length !== FULL_LENGTH) {
      partialsOf.set(year, [...(partialsOf.get(year) ?? []), id]);
      return;
    }
    // 29 February stands alone: a year off it is no date, so it meets '1991' otherwise than
    // the other days of February 1992 do.
    const monthKey = text.endsWith('-02-29') ? text : text.slice(0, 7);
    const month = monthOf.get(monthKey);
    if (month) {
      month.count += count;
    } else {
      const first = { id, count };
      monthOf.set(monthKey, first);
      monthsOf.set(year, [...(monthsOf.get(year) ?? []), first]);
    }
  });
  const pairs = new Float64Array(DATE_MATCH_LEVELS.length);
  let readWithUnreadable = 0;
  const tally = (level: number, id: number, other: number, pairCount: number): void => {
    pairs[level] = (pairs[level] ?? 0) + pairCount;
    if (level !== MISSING && (isUnreadable[id] === 1 || isUnreadable[other] === 1)) {
      readWithUnreadable += pairCount;
    }
  };
  const meet = (id: number, other: number, pairCount: number): void => {
    tally(table.compare(id, other), id, other, pairCount);
  };
  const slips: number[] = [];
  for (const [key, id] of idOf) {
    const text = texts[id] ?? '';
    const count = counts[id] ?? 0;
    meet(id, id, count * (count - 1));
    const near = nearDatesOf(text);
    for (const neighbour of near) {
      const other = idOf.get(neighbour);
      if (other !== undefined) {
        meet(id, other, count * (counts[other] ?? 0));
      }
    }
    for (const slip of digitSlipsOf(key, slips)) {
      const other = idOf.get(slip);
      if (other !== undefined && !near.has(slip)) {
        tally(ONE_TYPO, id, other, count * (counts[other] ?? 0));
      }
    }
  }
  // A partial date against dates of another shape within a year of it (same-year, compatible,
  // a year off; further apart, 'different'), both ways round.
  for (const [year, partials] of partialsOf) {
    for (const id of partials) {
      const count = counts[id] ?? 0;
      const length = (texts[id] ?? '').length;
      for (let near = year - 1; near <= year + 1; near++) {
        for (const other of partialsOf.get(near) ?? []) {
          if ((texts[other] ?? '').length !== length) {
            meet(id, other, count * (counts[other] ?? 0));
          }
        }
        for (const month of monthsOf.get(near) ?? []) {
          meet(id, month.id, count * month.count);
          meet(month.id, id, month.count * count);
        }
      }
    }
  }
  // Every ordered pair has a level; those with an unreadable date are 'missing' unless met.
  const readable = dated - unreadable;
  const informative = readable * (readable - 1) + readWithUnreadable;
  if (informative <= 0) {
    return undefined;
  }
  pairs[MISSING] = 0;
  pairs[DIFFERENT] = 0;
  const met = pairs.reduce((sum, count) => sum + count, 0);
  pairs[DIFFERENT] = Math.max(0, informative - met);
  return { atLevel: pairs, informative };
}

/**
 * u of the birth date from counted pairs, smoothed as estimateModel smooths a sampled level
 * (levelShares), so that a level no pair of a small register is at stays possible.
 * @example birthDateU(countBirthDatePairs(ids, table))
 */
export function birthDateU(counted: BirthDatePairs): number[] {
  return levelShares('birthDate', [...counted.atLevel]);
}
