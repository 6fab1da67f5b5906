import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  checkTransition,
  isActiveStatus,
  nextStatuses,
  PROTECTION_STATUSES,
  StatusTransitionError,
} from './status.js';

const granted = { status: 'granted' as const, effectiveOn: '2022-03-10' };

describe('the status timeline', () => {
  it('treats granted, document issued and extended as active, nothing else', () => {
    expect(PROTECTION_STATUSES.filter(isActiveStatus)).toEqual([
      'granted',
      'document-issued',
      'extended',
    ]);
  });

  it('follows applied → granted → document issued → extended → ceased', () => {
    const path = [
      { status: 'applied', reason: null, effectiveOn: '2022-03-05' },
      { status: 'granted', reason: null, effectiveOn: '2022-03-10' },
      { status: 'document-issued', reason: null, effectiveOn: '2022-03-20' },
      { status: 'extended', reason: null, effectiveOn: '2023-03-04' },
      { status: 'ceased', reason: 'returned-to-ukraine', effectiveOn: '2023-09-01' },
    ] as const;
    let current = null as { status: (typeof path)[number]['status']; effectiveOn: string } | null;
    for (const change of path) {
      expect(checkTransition(current, change), change.status).toBeUndefined();
      current = change;
    }
  });

  it('refuses granting a ceased status again without a new application', () => {
    const refusal = checkTransition(
      { status: 'ceased', effectiveOn: '2023-01-01' },
      { status: 'granted', reason: null, effectiveOn: '2023-02-01' },
    );
    expect(refusal).toEqual({
      code: 'transition-not-allowed',
      message: 'A status cannot change from ceased to granted; allowed next: applied',
    });
    expect(() =>
      assertTransition(
        { status: 'ceased', effectiveOn: '2023-01-01' },
        { status: 'extended', reason: null, effectiveOn: '2023-02-01' },
      ),
    ).toThrow(StatusTransitionError);
  });

  it('refuses a document before the grant', () => {
    expect(
      checkTransition(null, { status: 'document-issued', reason: null, effectiveOn: '2022-03-01' })
        ?.code,
    ).toBe('transition-not-allowed');
    expect(nextStatuses(null)).toEqual(['applied', 'granted']);
  });

  it('needs a fitting reason to suspend, lapse or cease', () => {
    expect(
      checkTransition(granted, { status: 'ceased', reason: null, effectiveOn: '2022-05-01' })?.code,
    ).toBe('reason-required');
    expect(
      checkTransition(granted, { status: 'lapsed', reason: 'deceased', effectiveOn: '2022-05-01' })
        ?.code,
    ).toBe('reason-not-allowed');
    expect(
      checkTransition(granted, {
        status: 'lapsed',
        reason: 'absence-rule',
        effectiveOn: '2022-05-01',
      }),
    ).toBeUndefined();
  });

  it('refuses a change dated before the current status', () => {
    expect(
      checkTransition(granted, {
        status: 'document-issued',
        reason: null,
        effectiveOn: '2022-03-01',
      })?.code,
    ).toBe('effective-before-current');
  });
});
