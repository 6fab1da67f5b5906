import { describe, expect, it } from 'vitest';
import { birthDateAsWritten, sexAsWritten } from './written-values.js';

describe('birthDateAsWritten', () => {
  it.each([
    ['1980-12-31', '1980-12-31'],
    ['1980-12', '1980-12'],
    ['1980', '1980'],
    ['1980/12/31', '1980-12-31'],
    ['1980.1.5', '1980-01-05'],
    ['31.12.1980', '1980-12-31'],
    ['5.1.1980', '1980-01-05'],
    ['05/01/1980', '1980-01-05'],
    ['12/31/1980', '1980-12-31'],
    ['12.1980', '1980-12'],
    ['19801231', '1980-12-31'],
    ['1980-12-31T00:00:00Z', '1980-12-31'],
    ['1980-12-31 00:00:00', '1980-12-31'],
    ['31.12.1980 00:00', '1980-12-31'],
    [' 1980-12-31 ', '1980-12-31'],
  ])('reads %s as %s', (text, date) => {
    expect(birthDateAsWritten(text)).toBe(date);
  });

  it('reads a day or month of zeros as not known, and a year of zeros as no date', () => {
    expect(birthDateAsWritten('00.00.1975')).toBe('1975');
    expect(birthDateAsWritten('00.05.1975')).toBe('1975-05');
    expect(birthDateAsWritten('1975-00-00')).toBe('1975');
    expect(birthDateAsWritten('1975-05-00')).toBe('1975-05');
    expect(birthDateAsWritten('0000-00-00')).toBeUndefined();
  });

  it('keeps a mistyped day, which still points at the date meant', () => {
    expect(birthDateAsWritten('54.01.1467')).toBe('1467-01-54');
  });

  it.each([
    '',
    '83',
    '12.04.83',
    '1980-12-31-01',
    '1980-12/31',
    'unknown',
    '31 December 1980',
    '2022-02-30T',
  ])('reads %j as no date', (text) => {
    expect(birthDateAsWritten(text)).toBeUndefined();
  });

  it('does not take a document number of eight digits for a date', () => {
    expect(birthDateAsWritten('12345678')).toBeUndefined();
    expect(birthDateAsWritten('19801331')).toBeUndefined();
  });
});

describe('sexAsWritten', () => {
  it.each([
    ['M', 'male'],
    ['male', 'male'],
    ['Ч', 'male'],
    ['чоловіча', 'male'],
    ['чол.', 'male'],
    ['1', 'male'],
    ['F', 'female'],
    ['Female', 'female'],
    ['Ж', 'female'],
    ['жіноча', 'female'],
    ['K', 'female'],
    ['2', 'female'],
    ['X', 'other'],
    ['unknown', 'unknown'],
  ])('reads %s as %s', (text, sex) => {
    expect(sexAsWritten(text)).toBe(sex);
  });

  it.each(['', '0', 'N', 'yes', 'mf'])('reads %j as no sex', (text) => {
    expect(sexAsWritten(text)).toBeUndefined();
  });
});
