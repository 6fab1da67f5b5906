import { describe, expect, it } from 'vitest';
import { compareRecords } from './comparison-vector.js';
import { isDisputedPair } from './disputed-pair.js';
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
});
