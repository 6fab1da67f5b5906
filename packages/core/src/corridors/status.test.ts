import { describe, expect, it } from 'vitest';
import {
  acceptsRunsAt,
  canChangeCorridorStatus,
  canChangeRunStatus,
  checkTimeWindow,
  isCorridorOpenAt,
} from './status.js';

describe('corridor status', () => {
  it.each([
    [undefined, 'planned', true],
    [undefined, 'suspended', false],
    ['planned', 'open', true],
    ['open', 'open', true], // a renewed window
    ['open', 'suspended', true],
    ['suspended', 'open', true],
    ['suspended', 'planned', false],
    ['closed', 'open', false], // reopening is a new negotiation: planned first
    ['closed', 'planned', true],
    ['planned', 'suspended', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canChangeCorridorStatus(from, to)).toBe(allowed);
  });

  it('refuses a window that ends before, or when, it starts', () => {
    expect(checkTimeWindow({ start: '2022-03-05T09:00:00Z', end: '2022-03-05T08:00:00Z' })).toBe(
      'end-before-start',
    );
    expect(checkTimeWindow({ start: '2022-03-05T09:00:00Z', end: '2022-03-05T09:00:00Z' })).toBe(
      'end-before-start',
    );
    // Offsets are compared as instants: 10:00+02:00 is 08:00Z, before 09:00Z.
    expect(
      checkTimeWindow({ start: '2022-03-05T09:00:00Z', end: '2022-03-05T10:00:00+02:00' }),
    ).toBe('end-before-start');
    expect(checkTimeWindow({ start: '2022-03-05T09:00:00Z' })).toBeUndefined();
  });

  it('is open only inside its window', () => {
    const corridor = {
      status: 'open' as const,
      windowStart: '2022-03-08T07:00:00Z',
      windowEnd: '2022-03-08T19:00:00Z',
    };
    expect(isCorridorOpenAt(corridor, new Date('2022-03-08T12:00:00Z'))).toBe(true);
    expect(isCorridorOpenAt(corridor, new Date('2022-03-08T06:59:00Z'))).toBe(false);
    expect(isCorridorOpenAt(corridor, new Date('2022-03-08T19:00:00Z'))).toBe(false);
    // Runs are prepared before the window opens, not after it closed.
    expect(acceptsRunsAt(corridor, new Date('2022-03-08T05:00:00Z'))).toBe(true);
    expect(acceptsRunsAt(corridor, new Date('2022-03-08T20:00:00Z'))).toBe(false);
    expect(
      acceptsRunsAt({ ...corridor, status: 'suspended' }, new Date('2022-03-08T12:00:00Z')),
    ).toBe(false);
  });

  it('ends a run for good once it arrived or was cancelled', () => {
    expect(canChangeRunStatus('planned', 'departed')).toBe(true);
    expect(canChangeRunStatus('departed', 'planned')).toBe(false);
    expect(canChangeRunStatus('arrived', 'cancelled')).toBe(false);
    expect(canChangeRunStatus('cancelled', 'departed')).toBe(false);
  });
});
