import { describe, expect, it } from 'vitest';
import {
  comparePlaces,
  comparePostcodes,
  normalisePostcode,
  postcodeArea,
} from './compare-places.js';

describe('comparePlaces', () => {
  it('takes a town in Cyrillic and in a host country’s spelling for one town', () => {
    expect(comparePlaces('Київ', 'Kyiv')).toBe('exact');
    expect(comparePlaces('Київ', 'Kyjiw')).toBe('equivalent');
    expect(comparePlaces('Харків', 'Charkiw')).toBe('exact');
  });

  it('tells other towns apart, and says nothing without both', () => {
    expect(comparePlaces('Київ', 'Львів')).toBe('different');
    expect(comparePlaces('Київ', undefined)).toBe('missing');
    expect(comparePlaces('  ', 'Kyiv')).toBe('missing');
  });
});

describe('comparePostcodes', () => {
  it('grades exact, one typo, the same area and another area', () => {
    expect(comparePostcodes('tq13 8df', 'TQ13-8DF')).toBe('exact');
    expect(comparePostcodes('01001', '01011')).toBe('one-typo');
    expect(comparePostcodes('TQ13 8DF', 'TQ13 8HU')).toBe('same-area');
    expect(comparePostcodes('01001', '01034')).toBe('same-area');
    expect(comparePostcodes('01001', '79000')).toBe('different');
  });

  it('says nothing about a code too short to name an area', () => {
    expect(comparePostcodes('12', '12')).toBe('missing');
    expect(comparePostcodes(undefined, '01001')).toBe('missing');
  });

  it('normalises spelling and finds the area', () => {
    expect(normalisePostcode(' tq13-8df ')).toBe('TQ13 8DF');
    expect(postcodeArea('TQ13 8DF')).toBe('TQ13');
    expect(postcodeArea('01001')).toBe('010');
  });
});
