/**
 * Birth dates of displaced people are often known only to the year or month (lost documents,
 * recollection). A partial date is 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'.
 */
export type PartialDate = string & { readonly __brand: 'PartialDate' };

export type PartialDateProblem = 'format' | 'impossible' | 'future' | 'too-old';

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const OLDEST_BIRTH_YEAR = 1900;

export interface PartialDateRange {
  /** First day the date can denote, 'YYYY-MM-DD'. */
  readonly from: string;
  /** Last day the date can denote, 'YYYY-MM-DD'. */
  readonly to: string;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Checks the shape and calendar validity of a partial date ('2022-02-30' is impossible). */
export function checkPartialDate(text: string): PartialDateProblem | undefined {
  const match = PARTIAL_DATE.exec(text);
  if (!match) {
    return 'format';
  }
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) {
    return 'impossible';
  }
  if (month !== undefined && day !== undefined && (day < 1 || day > daysInMonth(year, month))) {
    return 'impossible';
  }
  return undefined;
}

/**
 * Validates a birth date against today ('YYYY-MM-DD'): it must be a real partial date, not in
 * the future and not before 1900.
 */
export function checkBirthDate(text: string, today: string): PartialDateProblem | undefined {
  const problem = checkPartialDate(text);
  if (problem) {
    return problem;
  }
  const range = partialDateRange(text as PartialDate);
  if (range.from > today) {
    return 'future';
  }
  if (Number(text.slice(0, 4)) < OLDEST_BIRTH_YEAR) {
    return 'too-old';
  }
  return undefined;
}

/**
 * The span of days a partial date can denote.
 * @example partialDateRange('1990-02') // { from: '1990-02-01', to: '1990-02-28' }
 */
export function partialDateRange(date: PartialDate): PartialDateRange {
  const [y, m, d] = date.split('-').map(Number);
  const year = y ?? 0;
  if (m === undefined) {
    return { from: `${pad(year, 4)}-01-01`, to: `${pad(year, 4)}-12-31` };
  }
  if (d === undefined) {
    return {
      from: `${pad(year, 4)}-${pad(m)}-01`,
      to: `${pad(year, 4)}-${pad(m)}-${pad(daysInMonth(year, m))}`,
    };
  }
  return { from: date, to: date };
}

/** True when a 'YYYY-MM-DD' string is a real calendar day. */
export function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && checkPartialDate(text) === undefined;
}

/**
 * Age in whole years on a given day. For a partial birth date the youngest possible age is
 * returned, so that a possible minor is never treated as an adult.
 */
export function ageYearsOn(birthDate: PartialDate, day: string): number {
  const born = partialDateRange(birthDate).to;
  const years = Number(day.slice(0, 4)) - Number(born.slice(0, 4));
  return day.slice(5) >= born.slice(5) ? years : years - 1;
}
