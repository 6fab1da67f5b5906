import { describe, expect, it } from 'vitest';
import type { LinkageField } from '../linkage/comparison-vector.js';
import { prepareRecord } from '../linkage/person-record.js';
import { deduplicatePersons } from './deduplicate-persons.js';
import {
  DEDUP_BLOCKING_RULES,
  dedupBlockingRulesFor,
  EVERY_PAIR_UP_TO_RECORDS,
} from './dedup-blocking-rules.js';

const rule = (name: string) => {
  const found = DEDUP_BLOCKING_RULES.find((candidate) => candidate.name === name);
  if (!found) {
    throw new Error(`no rule ${name}`);
  }
  return found;
};

const sharesKey = (name: string, a: Parameters<typeof prepareRecord>[0], b: typeof a): boolean => {
  const keysOf = rule(name).keysOf;
  const keysB = new Set(keysOf(prepareRecord(b)));
  return keysOf(prepareRecord(a)).some((key) => keysB.has(key));
};

describe('the batch blocking rules', () => {
  it('put a nickname and its name, same surname and year, in one bucket either way round', () => {
    const tom = { id: 't', givenName: 'Tom', familyName: 'Chudleigh', birthDate: '1630-08-01' };
    const thomas = { id: 'th', givenName: 'Thomas', familyName: 'Chudleigh', birthDate: '1630' };
    const swapped = { id: 's', givenName: 'Chudleigh', familyName: 'Thomas', birthDate: '1630' };
    expect(sharesKey('names+birth-year', tom, thomas)).toBe(true);
    expect(sharesKey('names+birth-year', thomas, tom)).toBe(true);
    expect(sharesKey('names+birth-year', tom, swapped)).toBe(true);
    expect(sharesKey('names-only', tom, thomas)).toBe(true);
  });

  it('bring an e-mail address with a slip to the address, but not a passport a digit apart', () => {
    const written = (number: string) => ({ id: number, documents: [{ number }] });
    const email = written('thomas.green@clark.org');
    expect(sharesKey('identifier-one-deletion', email, written('thoas.green@clark.org'))).toBe(
      true,
    );
    expect(sharesKey('identifier-one-deletion', email, written('thomas.green@clakr.org'))).toBe(
      true,
    );
    expect(sharesKey('identifier-one-deletion', email, written('thomas.greene@clark.com'))).toBe(
      false,
    );
    // States issue numbers densely: a digit apart is as often a stranger's.
    expect(sharesKey('identifier-one-deletion', written('FA123456'), written('FA123457'))).toBe(
      false,
    );
  });

  it('let a town and one name meet when the other name and the date are lost', () => {
    const caleb = { id: 'c', givenName: 'Caleb', familyName: 'Rwoe', residence: 'Liverpool' };
    const noSurname = { id: 'n', givenName: 'Caleb', residence: 'Liverpool', birthDate: '1992' };
    const noGiven = { id: 'g', familyName: 'Rwoe', residence: 'Liverpool' };
    const elsewhere = { id: 'e', givenName: 'Caleb', residence: 'Leeds' };
    expect(sharesKey('residence+given-class', caleb, noSurname)).toBe(true);
    expect(sharesKey('residence+family-phonetic', caleb, noGiven)).toBe(true);
    expect(sharesKey('residence+given-class', caleb, elsewhere)).toBe(false);
  });

  it('let a birth place and one name meet, a lone name taken as a surname too', () => {
    const thomas = { id: 't', givenName: 'Thomas', familyName: 'Pollard', birthPlace: 'Mendip' };
    // The surname written in the given-name field, the family name left empty.
    const lone = { id: 'l', givenName: 'Pollard', birthPlace: 'Mendip', postcode: 'BA11 1BB' };
    const tom = { id: 'm', givenName: 'Thomas', familyName: 'Polard', birthPlace: 'mendip' };
    expect(sharesKey('birth-place+family-phonetic', thomas, lone)).toBe(true);
    expect(sharesKey('birth-place+given-class', thomas, tom)).toBe(true);
    expect(sharesKey('postcode+family-phonetic', { ...thomas, postcode: 'BA11 1BB' }, lone)).toBe(
      true,
    );
    expect(
      sharesKey(
        'family-phonetic+birth-year',
        { ...thomas, birthDate: '1597' },
        {
          ...lone,
          birthDate: '1597-07-01',
        },
      ),
    ).toBe(true);
    // Born elsewhere, or two given names (no surname among them): no key in common.
    expect(sharesKey('birth-place+family-phonetic', thomas, { ...lone, birthPlace: 'Bath' })).toBe(
      false,
    );
    expect(
      sharesKey('birth-place+family-phonetic', thomas, { ...lone, givenName: 'Anna Pollard' }),
    ).toBe(false);
  });

  it('let a mistyped name meet across a year off by one, on the other name and the month and day', () => {
    const olena = { id: 'o', givenName: 'Олена', familyName: 'Дзюбенко', birthDate: '1983-04-12' };
    const mistyped = {
      id: 'm',
      givenName: 'Olena',
      familyName: 'Dziubneko',
      birthDate: '1984-04-12',
    };
    const mistypedGiven = {
      id: 'g',
      givenName: 'Olean',
      familyName: 'Dziubenko',
      birthDate: '1984-04-12',
    };
    expect(sharesKey('names-prefix+birth-month-day', olena, mistyped)).toBe(true);
    expect(sharesKey('names-prefix+birth-month-day', olena, mistypedGiven)).toBe(true);
    expect(
      sharesKey('names-prefix+birth-month-day', olena, { ...mistyped, birthDate: '1984-05-12' }),
    ).toBe(false);
  });

  it('keep different given names apart', () => {
    const tom = { id: 't', givenName: 'Tom', familyName: 'Chudleigh', birthDate: '1630-08-01' };
    const henry = { id: 'h', givenName: 'Henry', familyName: 'Chudleigh', birthDate: '1630' };
    expect(sharesKey('names+birth-year', tom, henry)).toBe(false);
  });
});

describe('a small register', () => {
  it('is compared pair by pair: records that share no key still meet', () => {
    // A mistyped given name, no surname on one side, and a date off by a month and a day.
    const { report } = deduplicatePersons([
      { id: 'a', givenName: 'Lucas', birthDate: '1991-04-05' },
      { id: 'b', givenName: 'Luas', familyName: 'Cox', birthDate: '1991-05-06' },
      { id: 'c', familyName: 'Green', birthDate: '1974-10-05' },
    ]);
    expect(report.candidatePairCount).toBe(3);
    expect(report.rules.find((rule) => rule.name === 'every-pair')?.newPairCount).toBe(3);
  });

  it('is not keyed on places or postcodes that no record has', () => {
    const names = (recorded: readonly LinkageField[]) =>
      dedupBlockingRulesFor(EVERY_PAIR_UP_TO_RECORDS + 1, new Set(recorded)).map((r) => r.name);
    expect(names([])).not.toContain('names+residence');
    expect(names([])).toContain('names+birth-year');
    expect(names(['residence'])).toContain('residence+given-class');
    expect(names(['residence'])).not.toContain('postcode+given-class');
  });

  it('stops being compared pair by pair above EVERY_PAIR_UP_TO_RECORDS', () => {
    const names = (count: number) => dedupBlockingRulesFor(count).map((rule) => rule.name);
    expect(names(EVERY_PAIR_UP_TO_RECORDS)).toContain('every-pair');
    expect(names(EVERY_PAIR_UP_TO_RECORDS + 1)).toEqual(DEDUP_BLOCKING_RULES.map((r) => r.name));
  });
});
