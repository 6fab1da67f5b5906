import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-rules.js';

const common = new Set(['123456789012', 'qwertyuiopas']);
const isCommon = (password: string) => common.has(password);

describe('new passwords', () => {
  it('refuses a common password whatever its case', () => {
    expect(passwordWeakness('QWERTYuiopas', 'anna', isCommon)).toBe('common');
  });

  it('refuses a password that contains the user name', () => {
    expect(passwordWeakness('my name is Anna.Nowak!', 'anna.nowak', isCommon)).toBe(
      'contains-username',
    );
  });

  it('accepts anything else', () => {
    expect(passwordWeakness('tram lviv sunflower 42', 'anna.nowak', isCommon)).toBeUndefined();
  });
});
