import { describe, expect, it } from 'vitest';
import { neutraliseFormula, restoreFormula } from './formula-injection.js';

describe('formula neutralisation', () => {
  it('prefixes cells a spreadsheet would evaluate, and only those', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\t=1",
      "'\r=1",
    ]);
    expect(['Олена', 'FE123456', "O'Brien", "'quoted", ''].map(neutraliseFormula)).toEqual([
      'Олена',
      'FE123456',
      "O'Brien",
      "'quoted",
      '',
    ]);
  });

  it('is undone exactly by import, even for cells that already start with apostrophes', () => {
    for (const cell of ['=1+1', "'=1+1", "''-x", "'plain", 'plain', '-', "'"]) {
      expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
    }
  });
});
