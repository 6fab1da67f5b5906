import { describe, expect, it } from 'vitest';
import { compareRecords } from './comparison-vector.js';
import { givenNamesTellTwinsApart, isDisputedPair, isSlipOfThePen } from './disputed-pair.js';
import { NAME_MATCH_LEVELS } from '../compare-names.js';
import { REFERENCE_MODEL } from '../realtime/reference-model.js';
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
  const withDifferentGivenNames = (share: number) => {
    const m = [...REFERENCE_MODEL.fields.givenName.m];
    m[NAME_MATCH_LEVELS.indexOf('different')] = share;
    return {
      ...REFERENCE_MODEL,
      fields: { ...REFERENCE_MODEL.fields, givenName: { ...REFERENCE_MODEL.fields.givenName, m } },
    };
  };

  it('holds for a register of households, whose people keep their given names', () => {
    expect(givenNamesTellTwinsApart(REFERENCE_MODEL)).toBe(true);
  });

  it("fails where one person's records name another given name one time in twenty or more", () => {
    expect(givenNamesTellTwinsApart(withDifferentGivenNames(0.04))).toBe(true);
    expect(givenNamesTellTwinsApart(withDifferentGivenNames(0.13))).toBe(false);
  });
});
