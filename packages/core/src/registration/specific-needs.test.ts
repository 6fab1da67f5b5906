import { describe, expect, it } from 'vitest';
import {
  findSpecificNeed,
  isSpecificNeedCode,
  sensitivityOf,
  SPECIFIC_NEED_CODES,
} from './specific-needs.js';

describe('UNHCR specific-needs codes', () => {
  it('knows the codes most relevant to the Ukraine response', () => {
    for (const code of [
      'WR-UW',
      'SP-PT',
      'ER-NF',
      'DS-PM',
      'SM-CI',
      'SC-UC',
      'SC-SC',
      'FU-TR',
      'LP-ND',
      'PG-LC',
    ]) {
      expect(isSpecificNeedCode(code), code).toBe(true);
    }
    expect(findSpecificNeed('SC-UC')?.label).toBe('Unaccompanied child');
  });

  it('rejects unknown or malformed codes', () => {
    for (const code of ['XX-YY', 'WR', 'WR-ZZ', 'WR-UW-1', '']) {
      expect(isSpecificNeedCode(code), code).toBe(false);
    }
  });

  it('classes SGBV, torture and legal/physical protection as protection-sensitive, health needs as health', () => {
    expect(sensitivityOf('SV-VF')).toBe('protection');
    expect(sensitivityOf('TR-PI')).toBe('protection');
    expect(sensitivityOf('LP-ND')).toBe('protection');
    expect(sensitivityOf('SM-CI')).toBe('health');
    expect(sensitivityOf('WR-UW')).toBe('standard');
    expect(sensitivityOf('unknown')).toBe('protection');
  });

  it('has no duplicate codes', () => {
    expect(new Set(SPECIFIC_NEED_CODES).size).toBe(SPECIFIC_NEED_CODES.length);
  });
});
