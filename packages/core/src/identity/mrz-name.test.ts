import { describe, expect, it } from 'vitest';
import { parseMrzName } from './mrz-name.js';

describe('parseMrzName', () => {
  it('splits surname and given names at <<', () => {
    expect(parseMrzName('SHEVCHENKO<<OLENA')).toEqual({ family: 'SHEVCHENKO', given: 'OLENA' });
    expect(parseMrzName('KOVALENKO<SHEVCHENKO<<ANNA<MARIIA<<<<<<')).toEqual({
      family: 'KOVALENKO SHEVCHENKO',
      given: 'ANNA MARIIA',
    });
  });

  it('returns undefined for text that is not an MRZ name field', () => {
    expect(parseMrzName('Shevchenko Olena')).toBeUndefined();
    expect(parseMrzName('SHEVCHENKO')).toBeUndefined();
    expect(parseMrzName('')).toBeUndefined();
    expect(parseMrzName(null)).toBeUndefined();
  });
});
