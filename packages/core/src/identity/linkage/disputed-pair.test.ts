import { describe, expect, it } from 'vitest';
import { compareRecords } from './comparison-vector.js';
import { isDisputedPair, isSlipOfThePen } from './disputed-pair.js';
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
    const thomas = { canonical: 'thomas', isLone: false };
    expect(isDisputedPair(vector, [thomas, { canonical: 'rhomas', isLone: true }])).toBe(false);
    // Carried by others too, it is a name of its own: twins may be named one letter apart.
    expect(isDisputedPair(vector, [thomas, { canonical: 'rhomas', isLone: false }])).toBe(true);
  });
});

describe('isSlipOfThePen', () => {
  const lone = (canonical: string) => ({ canonical, isLone: true });
  const common = (canonical: string) => ({ canonical, isLone: false });

  it('takes a lone spelling up to two keystrokes from the other name for a slip', () => {
    expect(isSlipOfThePen(lone('hrarry'), common('harry'))).toBe(true);
    expect(isSlipOfThePen(common('amber'), lone('amrbr'))).toBe(true);
  });

  it('does not for two names in use, names further apart, or very short names', () => {
    expect(isSlipOfThePen(common('mariia'), common('dariia'))).toBe(false);
    expect(isSlipOfThePen(lone('olena'), common('hanna'))).toBe(false);
    expect(isSlipOfThePen(lone('yo'), common('ivo'))).toBe(false);
  });
});
