import { describe, expect, it } from 'vitest';
import { transliterateUkrainian } from '../../names/transliteration.js';
import { compareNames, isSexVariant } from '../compare-names.js';
import { canonicalTokens, tokenPhoneticKey } from '../name-keys.js';
import { UKRAINIAN_DIMINUTIVE_LINES } from './ukrainian-diminutives.js';

const lines = UKRAINIAN_DIMINUTIVE_LINES.map((line) => {
  const [name = '', ...forms] = line.split(' ');
  return { name, forms };
});

const keyOf = (name: string): string => tokenPhoneticKey(canonicalTokens(name)[0] ?? '');

describe('the Ukrainian diminutives', () => {
  it('make each everyday form one name with its name, in Cyrillic and in Latin', () => {
    for (const { name, forms } of lines) {
      for (const form of forms) {
        expect(compareNames(name, form, 'given').level, `${name} ${form}`).toBe('equivalent');
        expect(
          compareNames(transliterateUkrainian(name), transliterateUkrainian(form), 'given').level,
          `${name} ${form} in Latin`,
        ).toBe('equivalent');
      }
    }
  });

  it('keep every form apart from the names it is not listed with', () => {
    const allForms = new Set(lines.flatMap(({ forms }) => forms));
    for (const { name, forms } of lines) {
      for (const form of allForms) {
        if (!forms.includes(form)) {
          expect(compareNames(name, form, 'given').level, `${name} ${form}`).not.toBe(
            'equivalent',
          );
        }
      }
    }
  });

  it("make no name one with another person's name through a form that keys as it", () => {
    for (const [name, other] of [
      ['Данило', 'Діана'],
      ['Данило', 'Дана'],
      ['Віктор', 'Віта'],
      ['Людмила', 'Люсія'],
      ['Георгій', 'Зоря'],
      ['Антон', 'Антося'],
      ['Олександр', 'Олександра'],
    ]) {
      expect(compareNames(name, other, 'given').level, `${name} ${other}`).not.toBe('equivalent');
    }
  });

  it('list a form under two names only when they are one name for a man and for a woman', () => {
    const namesOf = new Map<string, string[]>();
    for (const { name, forms } of lines) {
      for (const form of forms) {
        namesOf.set(form, [...(namesOf.get(form) ?? []), name]);
      }
    }
    for (const [form, names] of namesOf) {
      if (names.length > 1) {
        expect(names, form).toHaveLength(2);
        expect(isSexVariant(keyOf(names[0] ?? ''), keyOf(names[1] ?? '')), form).toBe(true);
      }
    }
  });
});
