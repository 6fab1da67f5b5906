import { describe, expect, it } from 'vitest';
import { normaliseDocumentNumber } from './identity-documents.js';

describe('document numbers', () => {
  it('compare equal however they were typed', () => {
    expect(normaliseDocumentNumber('fe 123-456')).toBe('FE123456');
    expect(normaliseDocumentNumber('FE<123456')).toBe('FE123456');
    expect(normaliseDocumentNumber('ме 123456')).toBe('МЕ123456');
  });
});
