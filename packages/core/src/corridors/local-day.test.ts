import { describe, expect, it } from 'vitest';
import { defaultCorridorTimeZone, isKnownTimeZone } from './local-day.js';

describe('corridor time zones', () => {
  it('counts a corridor from Ukraine in Kyiv time, and knows no default for an unknown origin', () => {
    expect(defaultCorridorTimeZone('UA')).toBe('Europe/Kyiv');
    expect(defaultCorridorTimeZone('US')).toBeUndefined();
  });

  it('accepts IANA names and refuses offsets and made-up zones', () => {
    expect(isKnownTimeZone('Europe/Kyiv')).toBe(true);
    expect(isKnownTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone('+02:00')).toBe(false);
    expect(isKnownTimeZone("Europe/Kyiv'; DROP TABLE corridors")).toBe(false);
  });
});
