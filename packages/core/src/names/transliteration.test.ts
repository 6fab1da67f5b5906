import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transliterateUkrainian } from './transliteration.js';

// The 74 worked examples printed in Resolution 55 itself: a must-pass conformance set.
const officialExamples = readFileSync(
  new URL(
    '../../../../../shared/datasets/ukrainian-transliteration/kmu55_official_examples.csv',
    import.meta.url,
  ),
  'utf8',
)
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',') as [string, string]);

describe('transliterateUkrainian (KMU-55, 2010)', () => {
  it.each(officialExamples)('%s → %s', (cyrillic, latin) => {
    expect(transliterateUkrainian(cyrillic)).toBe(latin);
  });

  it('renders зг as zgh so it does not read back as ж', () => {
    expect(transliterateUkrainian('Розгон')).toBe('Rozghon');
  });

  it('uses word-initial forms after a hyphen or space', () => {
    expect(transliterateUkrainian('Анна-Ярослава')).toBe('Anna-Yaroslava');
    expect(transliterateUkrainian('Юлія Євгенівна')).toBe('Yuliia Yevhenivna');
  });

  it('keeps upper case for names written in capitals, as on documents', () => {
    expect(transliterateUkrainian('ЩЕРБАК')).toBe('SHCHERBAK');
    expect(transliterateUkrainian('ЮЩЕНКО')).toBe('YUSHCHENKO');
  });

  it('passes Latin text through unchanged, apostrophes included', () => {
    expect(transliterateUkrainian('Smith')).toBe('Smith');
    expect(transliterateUkrainian("O'Neil")).toBe("O'Neil");
  });

  it('drops the apostrophe however it was typed', () => {
    for (const apostrophe of ["'", '’', 'ʼ', '`', '′', 'ʹ']) {
      expect(transliterateUkrainian(`Мар${apostrophe}яна`)).toBe('Mariana');
    }
  });

  it('gives Russian-written names a Latin form too', () => {
    expect(transliterateUkrainian('Наталья')).toBe('Natalia');
    expect(transliterateUkrainian('Эдуард')).toBe('Eduard');
  });
});
