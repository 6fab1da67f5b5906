/**
 * What a given name says beyond itself (#3 item 3): the sex of its bearers and the years they
 * were born in. The Fellegi–Sunter score multiplies the fields' evidence as if independent, but
 * two strangers named Богдан are both men, and two strangers named Софія born the same year are
 * far likelier than Софія's share of the whole register says (names go in and out of fashion).
 * Counted over the register, in the batch and kept in step with every write in real time, so
 * that scorePair can weigh the sex and the given name as they are among namesakes.
 */
import type { DateMatchLevel } from '../compare-dates.js';
import type { PreparedRecord } from './person-record.js';

/**
 * A decade's share is drawn towards the name's share over the register as if this many
 * records of that share were added to the decade: in a small register a decade holds a few
 * hundred records, of which one person's own registrations would be a large part.
 */
const DECADE_PRIOR_RECORDS = 2000;

/** '199' for 1990–1999; '' without a birth year. */
export function birthDecadeOf(birthYear: string): string {
  return birthYear.slice(0, 3);
}

/** Birth-date levels of two dates that nearly always lie in one decade. */
export const DATES_OF_ONE_DECADE: readonly DateMatchLevel[] = [
  'exact',
  'compatible',
  'same-year',
  'off-by-one-day',
  'day-month-swapped',
  'off-by-one-year',
  'partial-off-by-one-year',
  'one-typo',
];
const ONE_DECADE: ReadonlySet<string> = new Set(DATES_OF_ONE_DECADE);

export function isOneDecade(level: string): boolean {
  return ONE_DECADE.has(level);
}

/** What scorePair reads. */
export interface GivenNameReading {
  /**
   * The share of the records born in `decade` that carry this given name (its class), drawn
   * towards its share over the whole register where few were born then; undefined when no
   * record has a given name.
   */
  shareInDecade(decade: string, givenClass: string): number | undefined;
  /**
   * Among pairs of records with the same given name and a recorded sex, the share of the same
   * sex: near 1 where names are male or female, as in Ukrainian. Undefined when no such pair.
   */
  readonly sameSexShare: number | undefined;
}

/** Counts of given names by decade and by sex, updated in O(1) as a record comes or goes. */
export class GivenNameContext implements GivenNameReading {
  /** Per decade, records by given name: nested, so a lookup builds no key string. */
  readonly #inDecade = new Map<string, Map<string, number>>();
  readonly #decadeTotals = new Map<string, number>();
  /** Records by given name and in all, as the register's term frequencies count them. */
  readonly #named = new Map<string, number>();
  #namedTotal = 0;
  /** Per given name class: [men, women]. */
  readonly #bySex = new Map<string, [number, number]>();
  /** Ordered pairs of distinct records of one name and one sex, and of one name with a sex. */
  #sameSexPairs = 0;
  #sexedPairs = 0;

  add(record: PreparedRecord): void {
    this.#count(record, 1);
  }

  remove(record: PreparedRecord): void {
    this.#count(record, -1);
  }

  shareInDecade(decade: string, givenClass: string): number | undefined {
    if (this.#namedTotal === 0) {
      return undefined;
    }
    const overall = (this.#named.get(givenClass) ?? 0) / this.#namedTotal;
    const total = this.#decadeTotals.get(decade) ?? 0;
    const count = this.#inDecade.get(decade)?.get(givenClass) ?? 0;
    return (count + DECADE_PRIOR_RECORDS * overall) / (total + DECADE_PRIOR_RECORDS);
  }

  get sameSexShare(): number | undefined {
    return this.#sexedPairs > 0 ? this.#sameSexPairs / this.#sexedPairs : undefined;
  }

  #count(record: PreparedRecord, step: 1 | -1): void {
    const name = record.givenClass;
    if (name === '') {
      return;
    }
    const decade = birthDecadeOf(record.birthYear);
    if (decade !== '') {
      bump(this.#decadeTotals, decade, step);
      let names = this.#inDecade.get(decade);
      if (!names) {
        names = new Map();
        this.#inDecade.set(decade, names);
      }
      bump(names, name, step);
    }
    bump(this.#named, name, step);
    this.#namedTotal += step;
    const sex = record.record.sex;
    if (sex === 'male' || sex === 'female') {
      const counts = this.#bySex.get(name) ?? [0, 0];
      const side = sex === 'male' ? 0 : 1;
      // c(c−1) ordered pairs: adding one to c adds 2c, removing one from c takes 2(c−1).
      const same = counts[side];
      const all = counts[0] + counts[1];
      this.#sameSexPairs += step === 1 ? 2 * same : -2 * (same - 1);
      this.#sexedPairs += step === 1 ? 2 * all : -2 * (all - 1);
      counts[side] += step;
      if (counts[0] + counts[1] === 0) {
        this.#bySex.delete(name);
      } else {
        this.#bySex.set(name, counts);
      }
    }
  }
}

function bump(counts: Map<string, number>, key: string, step: number): void {
  const count = (counts.get(key) ?? 0) + step;
  if (count <= 0) {
    counts.delete(key);
  } else {
    counts.set(key, count);
  }
}
