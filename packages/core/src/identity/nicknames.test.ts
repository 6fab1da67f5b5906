import { describe, expect, it } from 'vitest';
import { compareNames, comparePersonNames } from './compare-names.js';
import { isNicknamePair, nicknamePartners } from './nicknames.js';
import { tokenPhoneticKey } from './name-keys.js';

const key = (name: string): string => tokenPhoneticKey(name.toLowerCase());

describe('English nicknames', () => {
  it.each([
    ['Tom', 'Thomas'],
    ['Peggy', 'Margaret'],
    ['Bill', 'William'],
    ['Bob', 'Robert'],
    ['Jack', 'John'],
    ['Archie', 'Archibald'],
  ])('treats %s and %s as one given name', (nickname, name) => {
    expect(compareNames(nickname, name, 'given').level).toBe('equivalent');
    expect(compareNames(name, nickname, 'given').level).toBe('equivalent');
    expect(isNicknamePair(key(nickname), key(name))).toBe(true);
  });

  it('does not chain: Bill is William and Robert, but William is not Robert', () => {
    expect(compareNames('Bill', 'Robert', 'given').level).toBe('equivalent');
    expect(compareNames('William', 'Robert', 'given').level).toBe('different');
  });

  it('keeps apart two names the Ukrainian-Russian dictionary knows as two (sisters, not one)', () => {
    expect(compareNames('Anna', 'Anastasiia', 'given').level).toBe('different');
    expect(compareNames('Анна', 'Анастасія', 'given').level).toBe('different');
    expect(compareNames('Alla', 'Oleksandra', 'given').level).toBe('different');
  });

  it('leaves family names alone, and different names different', () => {
    expect(compareNames('Tom', 'Thomas', 'family').level).not.toBe('equivalent');
    expect(compareNames('Thomas', 'Margaret', 'given').level).toBe('different');
    expect(compareNames('Олена', 'Ольга', 'given').level).toBe('different');
  });

  it('finds a nickname written in the family name field (names exchanged)', () => {
    const compared = comparePersonNames(
      { given: 'Chudleigh', family: 'Tom' },
      { given: 'Thomas', family: 'Chudleigh' },
    );
    expect(compared.isSwapped).toBe(true);
    expect(compared.given.level).toBe('equivalent');
  });

  it('lists the partners of a name for blocking, and none for an unknown one', () => {
    expect(nicknamePartners(key('Tom'))).toContain(key('Thomas'));
    expect(nicknamePartners(key('Thomas'))).toContain(key('Tom'));
    expect(nicknamePartners(key('Zzyzx'))).toEqual([]);
  });
});
