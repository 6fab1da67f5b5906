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
    expect(isOther('Петрів', 'Петров')).toBe(false);
    expect(isOther('Ковальов', 'Kowalew')).toBe(false);
    expect(isOther('Чупринич', 'Ciuprînîci')).toBe(false);
    // Romanian writes к as c, which the keys read as the ц or ч of Polish and Czech.
    expect(isOther('Мельник', 'Melnic')).toBe(false);
    expect(isOther('Мельник', "Mel'nyc")).toBe(false);
  });

  it('needs a root of four letters: Davies and Davis are one English name', () => {
    expect(isOther('Davies', 'Davis')).toBe(false);
    expect(isOther('Бабич', 'Бабак')).toBe(false);
    expect(isOther('Гнатич', 'Гнатак')).toBe(true);
  });

  it('makes family names different that Jaro–Winkler alone would call close, and keeps typos close', () => {
    const sisters = compareNames('Грицюк', 'Грицун', 'family');
    expect(sisters.level).toBe('different');
    expect(sisters.score).toBeLessThan(0.92);
    expect(compareNames('Ostapczuk', 'Остапчак', 'family').level).toBe('different');
    expect(compareNames('Шевченко', 'Шевчнеко', 'family').level).toBe('close');
    expect(compareNames('Мельник', 'Melnic', 'family').level).toBe('close');
  });
});
