import { describe, expect, it } from 'vitest';
import type { PartialDate } from '../registration/partial-date.js';
import {
  findDuplicatePersons,
  manifestHouseholdsFromRows,
  missingManifestColumns,
  unaccompaniedMembers,
} from './manifest.js';

const born = (date: string) => ({ birthDate: date as PartialDate });

describe('unaccompanied children on a manifest', () => {
  it('flags every child of a household without an adult', () => {
    expect(unaccompaniedMembers([born('2012-01-01'), born('2015')], '2022-03-10')).toEqual([
      true,
      true,
    ]);
  });

  it('does not flag children travelling with an adult, nor the adult', () => {
    expect(unaccompaniedMembers([born('1985-06-01'), born('2015')], '2022-03-10')).toEqual([
      false,
      false,
    ]);
  });

  it('takes a partial birth date at its youngest: born in 2004 may still be 17', () => {
    expect(unaccompaniedMembers([born('2004'), born('2010')], '2022-03-10')).toEqual([true, true]);
    expect(unaccompaniedMembers([born('2004-01-15'), born('2010')], '2022-03-10')).toEqual([
      false,
      false,
    ]);
  });
});

describe('the same person twice on a manifest', () => {
  it('finds a name written in Cyrillic and in Latin with the same birth date', () => {
    expect(
      findDuplicatePersons([
        { givenName: 'Олена', familyName: 'Шевченко', birthDate: '1980-02-03' },
        { givenName: 'Петро', familyName: 'Шевченко', birthDate: '1979' },
        { givenName: 'OLENA', familyName: 'Szewczenko', birthDate: '1980-02-03' },
      ]),
    ).toEqual([{ index: 2, firstIndex: 0, reason: 'same-name-and-birth-date' }]);
  });

  it('finds the same document under two spellings of the number', () => {
    expect(
      findDuplicatePersons([
        {
          givenName: 'Олена',
          familyName: 'Шевченко',
          birthDate: '1980',
          documentType: 'international-passport',
          documentNumber: 'FA 123456',
        },
        {
          givenName: 'Olha',
          familyName: 'Koval',
          birthDate: '1990',
          documentType: 'international-passport',
          documentNumber: 'fa123456',
        },
      ]),
    ).toEqual([{ index: 1, firstIndex: 0, reason: 'same-document' }]);
  });

  it('keeps namesakes born on other days apart', () => {
    expect(
      findDuplicatePersons([
        { givenName: 'Олена', familyName: 'Шевченко', birthDate: '1980' },
        { givenName: 'Олена', familyName: 'Шевченко', birthDate: '2001' },
      ]),
    ).toEqual([]);
  });
});

describe('manifest CSV rows', () => {
  it('names the required columns a header lacks, whatever its case and spacing', () => {
    expect(missingManifestColumns(['\uFEFFHousehold', 'Given Name', 'family-name', 'sex'])).toEqual(
      ['birth_date'],
    );
  });

  it('groups rows into households and makes the first row the head when no relationship is given', () => {
    const households = manifestHouseholdsFromRows([
      { line: 2, cells: { household: 'A', given_name: 'Олена' } },
      { line: 3, cells: { household: 'B', given_name: 'Петро' } },
      { line: 4, cells: { household: 'A', given_name: 'Данило' } },
    ]);
    expect(
      households.map((h) => [
        h.household,
        h.members.map((m) => [m.line, m.fields.relationshipToHead]),
      ]),
    ).toEqual([
      [
        'A',
        [
          [2, 'head'],
          [4, 'other-relative'],
        ],
      ],
      ['B', [[3, 'head']]],
    ]);
  });
});
