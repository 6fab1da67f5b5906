import { describe, expect, it } from 'vitest';
import { compareNames } from './compare-names.js';
import { canonicalTokens, tokenPhoneticKey } from './name-keys.js';
import { isOtherFamilySuffix } from './surname-suffixes.js';

const keyOf = (name: string): string => canonicalTokens(name).map(tokenPhoneticKey).join(' ');
const isOther = (a: string, b: string): boolean => isOtherFamilySuffix(keyOf(a), keyOf(b));

describe('surnames of one root with two suffixes', () => {
  it('are different families, in any script', () => {
    expect(isOther('Грицюк', 'Грицун')).toBe(true);
    expect(isOther('Hrytsiuk', 'Гриценко')).toBe(true);
    expect(isOther('Szewczuk', 'Шевченко')).toBe(true);
    expect(isOther('Вереськак', 'Vereskiuk')).toBe(true);
    expect(isOther('Грицишин', 'Hryćych')).toBe(true);
    // The bare root is a surname of its own.
    expect(isOther('Коваль', 'Ковальчук')).toBe(true);
  });

  it('are not told apart where scripts or Russian forms only write the suffix differently', () => {
    expect(isOther('Грицюк', 'Hryciuk')).toBe(false);
    expect(isOther('Петрів', 'Петров')).toBe(false);
    expect(isOther('Гнатів', 'Hnatiw')).toBe(false);
    expect(isOther('Чупринич', 'Ciuprînîci')).toBe(false);
    expect(isOther('Бондаренко', 'Bondarenco')).toBe(false);
  });

  it('needs a root long enough to be one: Davies and Davis are one English name', () => {
    expect(isOther('Davies', 'Davis')).toBe(false);
    expect(isOther('Жук', 'Жуко')).toBe(false);
  });

  it('makes family names different that Jaro–Winkler alone would call close, and keeps typos close', () => {
    expect(compareNames('Грицюк', 'Грицун', 'family').level).toBe('different');
    expect(compareNames('Ostapczuk', 'Остапчак', 'family').level).toBe('different');
    expect(compareNames('Шевченко', 'Шевчнеко', 'family').level).toBe('close');
    expect(compareNames('Гайдамакич', 'Haidamakytch', 'family').level).not.toBe('different');
  });
});
