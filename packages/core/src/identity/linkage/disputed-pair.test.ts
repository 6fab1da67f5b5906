import { describe, expect, it } from 'vitest';
import { compareRecords } from './comparison-vector.js';
import {
  cannotBeTwins,
  givenNamesTellTwinsApart,
  isDisputedPair,
  isSlipOfThePen,
} from './disputed-pair.js';
import { phoneticKey } from '../name-keys.js';
import { prepareRecord, type PersonRecord } from './person-record.js';

const buildRecord = (overrides: Partial<PersonRecord> = {}): PersonRecord => ({
  id: 'r1',
  givenName: 'Олена',
  familyName: 'Коваленко',
  patronymic: 'Петрівна',
  birthDate: '2015-06-09',
  ...overrides,
});

const isDisputed = (a: Partial<PersonRecord>, b: Partial<PersonRecord>): boolean =>
  isDisputedPair(compareRecords(prepareRecord(buildRecord(a)), prepareRecord(buildRecord(b))));

const passport = (number: string) => [{ number }];

describe('isDisputedPair', () => {
  it('disputes twins: everything agrees but the given name', () => {
    expect(isDisputed({}, { givenName: 'Ганна' })).toBe(true);
  });

  it('lets a shared document vouch for a person registered under another given name', () => {
    expect(
      isDisputed(
        { documents: passport('FE123456') },
        { givenName: 'Ганна', documents: passport('FE123456') },
      ),
    ).toBe(false);
    // Twins' passports issued one number apart vouch for nothing.
    expect(
      isDisputed(
        { documents: passport('FE123456') },
        { givenName: 'Ганна', documents: passport('FE123457') },
      ),
    ).toBe(true);
  });

  it('does not dispute a Russian form, a swapped name or a missing given name', () => {
    expect(isDisputed({}, { givenName: 'Елена' })).toBe(false);
    expect(isDisputed({}, { givenName: 'Коваленко', familyName: 'Олена' })).toBe(false);
    expect(isDisputed({}, { givenName: undefined })).toBe(false);
  });

  it('does not dispute a slip of the pen: a name no one else carries, a keystroke or two away', () => {
    const vector = compareRecords(
      prepareRecord(buildRecord({ givenName: 'Thomas' })),
      prepareRecord(buildRecord({ givenName: 'Rhomas' })),
    );
    expect(vector.levels.givenName).toBe('different');
    const thomas = spelling('thomas', 5);
    expect(isDisputedPair(vector, [thomas, spelling('rhomas', 1)])).toBe(false);
    // Carried by others too, it is a name of its own: twins may be named one letter apart.
    expect(isDisputedPair(vector, [thomas, spelling('rhomas', 2)])).toBe(true);
  });
});

const spelling = (canonical: string, carriedBy: number) => ({
  canonical,
  key: phoneticKey(canonical),
  carriedBy,
});

describe('isSlipOfThePen', () => {
  it('takes a lone spelling a keystroke from a name others carry for a slip, two in a long name', () => {
    expect(isSlipOfThePen(spelling('hrarry', 1), spelling('harry', 9))).toBe(true);
    expect(isSlipOfThePen(spelling('scarlett', 3), spelling('scatlett', 1))).toBe(true);
    expect(isSlipOfThePen(spelling('oleksandr', 40), spelling('oleksnadr', 1))).toBe(true);
  });

  it('never takes a known name, the other sex’s form or a short name two keystrokes off', () => {
    // Twins in a small register: each name carried once, or both known names.
    expect(isSlipOfThePen(spelling('mariia', 1), spelling('dariia', 1))).toBe(false);
    expect(isSlipOfThePen(spelling('mariia', 1), spelling('dariia', 3))).toBe(false);
    expect(isSlipOfThePen(spelling('iaroslava', 1), spelling('iaroslav', 3))).toBe(false);
    expect(isSlipOfThePen(spelling('eva', 1), spelling('ida', 3))).toBe(false);
    expect(isSlipOfThePen(spelling('hogu', 1), spelling('hugo', 4))).toBe(false);
    expect(isSlipOfThePen(spelling('olena', 1), spelling('hanna', 4))).toBe(false);
  });
});

describe('givenNamesTellTwinsApart', () => {
  it('holds for a register whose people keep their given names', () => {
    expect(givenNamesTellTwinsApart({ pairs: 21_431, differentPairs: 300 })).toBe(true);
  });

  it('is dropped only where more than one pair in ten names another given name beyond doubt', () => {
    expect(givenNamesTellTwinsApart({ pairs: 5_754, differentPairs: 1_017 })).toBe(false);
    // 15 %, but of 60 pairs: a few twins could make it so.
    expect(givenNamesTellTwinsApart({ pairs: 60, differentPairs: 9 })).toBe(true);
    // One later registration in twenty under another given name (8 % of such pairs): kept.
    expect(givenNamesTellTwinsApart({ pairs: 1_147, differentPairs: 96 })).toBe(true);
    expect(givenNamesTellTwinsApart({ pairs: 0, differentPairs: 0 })).toBe(true);
  });
});

describe('cannotBeTwins', () => {
  it("holds for one document, or dates a clerk's slip apart, not for twins' or siblings' dates", () => {
    expect(cannotBeTwins('exact', 'exact')).toBe(true);
    expect(cannotBeTwins('one-typo', 'missing')).toBe(true);
    expect(cannotBeTwins('day-month-swapped', 'missing')).toBe(true);
    // Twins' one date or one year; twins born either side of midnight; siblings.
    expect(cannotBeTwins('exact', 'different')).toBe(false);
    expect(cannotBeTwins('same-year', 'missing')).toBe(false);
    expect(cannotBeTwins('off-by-one-day', 'missing')).toBe(false);
    expect(cannotBeTwins('different', 'missing')).toBe(false);
    // A slip in the date but passports that differ: two people as likely as one.
    expect(cannotBeTwins('one-typo', 'different')).toBe(false);
    // Twins' passports are often issued one number apart.
    expect(cannotBeTwins('exact', 'one-typo')).toBe(false);
  });
});
