/**
 * Birth dates and sexes as other systems' exports write them (#3 item 5, bad input). A register
 * handed over by a municipality, a border service or a spreadsheet writes 31.12.1980, 1980/12/31
 * or 1980-12-31T00:00:00, and M, Ж or 2 for a sex. Dropping those as malformed throws away the
 * strongest evidence a pair has; reading them keeps it. What cannot be read stays absent.
 */
import type { Sex } from '../registration/household.js';

const pad = (digits: string): string => digits.padStart(2, '0');

// A time of day after a full date: what database exports append (1980-12-31T00:00:00Z).
const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const AS_STORED = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2})${TIME})?)?$`);
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${TIME}$`);
const MONTH_YEAR = /^(\d{1,2})[-/.](\d{4})$/;
const COMPACT = /^(1[89]|20)(\d{2})(0[1-9]|1[0-2])(\d{2})$/;

/**
 * A birth date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', or undefined when the text is no date.
 * Year first in any separator (1980/12/31), year last day first as Europe writes it
 * (31.12.1980; 12/31/1980 only where the day cannot be the month), month and year (12.1980),
 * eight digits (19801231), and a time of day after a full date. A day or month of zeros is not
 * known (00.00.1975 is 1975). Other digits are kept as written, even a day that does not exist:
 * a mistyped date still tells the comparators which date was meant (compareBirthDates).
 * @example birthDateAsWritten('31.12.1980') // '1980-12-31'
 */
export function birthDateAsWritten(text: string): string | undefined {
  const read = readDate(text.trim());
  return read === undefined ? undefined : withoutUnknownParts(read);
}

/**
 * A day or a month written as zeros is not known (Ukrainian and Soviet papers print 00.00.1975
 * for a birth date known to the year): the date is as partial as that, and a year of zeros is
 * no date.
 */
function withoutUnknownParts(date: string): string | undefined {
  if (date.startsWith('0000')) {
    return undefined;
  }
  if (date.slice(5, 7) === '00') {
    return date.slice(0, 4);
  }
  return date.slice(8, 10) === '00' ? date.slice(0, 7) : date;
}

function readDate(trimmed: string): string | undefined {
  if (AS_STORED.test(trimmed)) {
    return trimmed; // most cells: a million of them are read in a batch
  }
  const yearFirst = YEAR_FIRST.exec(trimmed);
  if (yearFirst) {
    const [, year = '', , month, day] = yearFirst;
    return [year, ...[month, day].flatMap((part) => (part === undefined ? [] : [pad(part)]))].join(
      '-',
    );
  }
  const yearLast = YEAR_LAST.exec(trimmed);
  if (yearLast) {
    const [, first = '', , second = '', year = ''] = yearLast;
    // Day first, as every host country writes it; month first only where the second number
    // cannot be a month (an American export's 12/31/1980).
    const isMonthFirst = Number(second) > 12 && Number(first) <= 12;
    const [month, day] = isMonthFirst ? [first, second] : [second, first];
    return `${year}-${pad(month)}-${pad(day)}`;
  }
  const monthYear = MONTH_YEAR.exec(trimmed);
  if (monthYear) {
    const [, month = '', year = ''] = monthYear;
    return `${year}-${pad(month)}`;
  }
  const compact = COMPACT.exec(trimmed);
  if (compact) {
    const [, century = '', years = '', month = '', day = ''] = compact;
    return `${century}${years}-${month}-${day}`;
  }
  return undefined;
}

// Lower case, without a final full stop. F is female, as passports write it (ICAO 9303): a
// Hungarian export's F (férfi) and N (nő) would be misread, and its N is reported as unread.
const SEX_WORDS: Readonly<Record<string, Sex>> = Object.fromEntries([
  ...[
    'm',
    'male',
    'man',
    'boy',
    '1', // ISO/IEC 5218
    'ч',
    'чол',
    'чоловік',
    'чоловіча',
    'чоловічий',
    'м',
    'муж',
    'мужской',
    'mężczyzna',
    'muž',
    'männlich',
    'férfi',
    'bărbat',
    'masculin',
  ].map((word) => [word, 'male' as const]),
  ...[
    'f',
    'female',
    'woman',
    'girl',
    '2', // ISO/IEC 5218
    'ж',
    'жін',
    'жінка',
    'жіноча',
    'жіночий',
    'жен',
    'женский',
    'k',
    'kobieta',
    'žena',
    'w',
    'weiblich',
    'nő',
    'femeie',
    'feminin',
  ].map((word) => [word, 'female' as const]),
  ['other', 'other' as const],
  ['x', 'other' as const], // ICAO 9303: unspecified
  ['unknown', 'unknown' as const],
]);

/**
 * A sex as forms and exports write it (M, F, Ж, чоловіча, kobieta, ISO/IEC 5218's 1 and 2), or
 * undefined when the text says none.
 * @example sexAsWritten('Ж') // 'female'
 */
export function sexAsWritten(text: string): Sex | undefined {
  return SEX_WORDS[text.trim().toLowerCase().replace(/\.$/, '')];
}
