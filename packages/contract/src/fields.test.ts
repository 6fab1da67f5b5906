import { describe, expect, it } from 'vitest';
import { BirthDate, PersonName, UkrainePcode } from './fields.js';

describe('personal names', () => {
  it.each(["Мар'яна", 'Марʼяна', 'Анна-Марія', "O'Brien", 'Jean Pierre', 'St. John', 'Ёлкин'])(
    'accepts %s',
    (name) => {
      expect(PersonName.safeParse(name).success).toBe(true);
    },
  );

  it.each(['', '   ', '123', 'Anna2', '<script>', 'a'.repeat(101)])('rejects %j', (name) => {
    expect(PersonName.safeParse(name).success).toBe(false);
  });

  it('trims surrounding spaces', () => {
    expect(PersonName.parse('  Олена ')).toBe('Олена');
  });
});

describe('birth dates', () => {
  it('accepts partial dates and refuses impossible ones with a reason', () => {
    expect(BirthDate.safeParse('1961').success).toBe(true);
    expect(BirthDate.safeParse('2022-02-30').error?.issues[0]?.message).toBe(
      'Is not a real calendar date',
    );
    expect(BirthDate.safeParse('3000-01-01').error?.issues[0]?.message).toBe(
      'Must not be in the future',
    );
  });
});

describe('places of origin', () => {
  it('accepts OCHA P-codes, not ISO 3166-2 codes', () => {
    expect(UkrainePcode.safeParse('UA80').success).toBe(true); // Kyiv city
    expect(UkrainePcode.safeParse('UA-30').success).toBe(false); // ISO code of Kyiv city
    expect(UkrainePcode.safeParse('UA99').success).toBe(false);
  });
});
