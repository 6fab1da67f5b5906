import { describe, expect, it } from 'vitest';
import { prepareRecord } from '../linkage/person-record.js';
import { DEDUP_BLOCKING_RULES } from './dedup-blocking-rules.js';

const rule = (name: string) => {
  const found = DEDUP_BLOCKING_RULES.find((candidate) => candidate.name === name);
  if (!found) {
    throw new Error(`no rule ${name}`);
  }
  return found;
};

const sharesKey = (name: string, a: Parameters<typeof prepareRecord>[0], b: typeof a): boolean => {
  const keysOf = rule(name).keysOf;
  const keysB = new Set(keysOf(prepareRecord(b)));
  return keysOf(prepareRecord(a)).some((key) => keysB.has(key));
};

describe('the batch blocking rules', () => {
  it('put a nickname and its name, same surname and year, in one bucket either way round', () => {
    const tom = { id: 't', givenName: 'Tom', familyName: 'Chudleigh', birthDate: '1630-08-01' };
    const thomas = { id: 'th', givenName: 'Thomas', familyName: 'Chudleigh', birthDate: '1630' };
    const swapped = { id: 's', givenName: 'Chudleigh', familyName: 'Thomas', birthDate: '1630' };
    expect(sharesKey('names+birth-year', tom, thomas)).toBe(true);
    expect(sharesKey('names+birth-year', thomas, tom)).toBe(true);
    expect(sharesKey('names+birth-year', tom, swapped)).toBe(true);
    expect(sharesKey('names-only', tom, thomas)).toBe(true);
  });

  it('keep different given names apart', () => {
    const tom = { id: 't', givenName: 'Tom', familyName: 'Chudleigh', birthDate: '1630-08-01' };
    const henry = { id: 'h', givenName: 'Henry', familyName: 'Chudleigh', birthDate: '1630' };
    expect(sharesKey('names+birth-year', tom, henry)).toBe(false);
  });
});
