import { describe, expect, it } from 'vitest';
import { foldName, nameSearchText, nameSearchTokens } from './search-key.js';

describe('name search keys', () => {
  it('folds diacritics, case and apostrophes', () => {
    expect(foldName("Мар'яна Ševčenko")).toBe('маряна sevcenko');
    expect(foldName('Марʼяна')).toBe(foldName("Мар'яна"));
  });

  it('splits queries into words', () => {
    expect(nameSearchTokens('  Anna-Maria  KOVAL ')).toEqual(['anna', 'maria', 'koval']);
  });

  it('frames distinct tokens with spaces for word-prefix search', () => {
    expect(nameSearchText(['Шевченко', 'Shevchenko', null, 'Shevchenko'])).toBe(
      ' шевченко shevchenko ',
    );
  });
});
