import { describe, expect, it } from 'vitest';
import { aggregateEvacuationFigures } from './figures.js';
import { reconcileRun } from './reconciliation.js';

const run = {
  status: 'departed' as const,
  expectedArrivalAt: '2022-03-10T12:00:00Z',
  arrivalMarginMinutes: 120,
};
const persons = [
  { id: 'a', arrivedAt: '2022-03-10T11:50:00Z', unexpected: false },
  { id: 'b', arrivedAt: null, unexpected: false },
  { id: 'c', arrivedAt: '2022-03-10T11:55:00Z', unexpected: true },
];

describe('reconciliation of a run', () => {
  it('has nobody missing until the expected arrival plus margin has passed', () => {
    expect(reconcileRun(run, persons, new Date('2022-03-10T14:00:00Z'))).toMatchObject({
      boarded: 2,
      arrived: 1,
      notYetArrived: 1,
      missing: 0,
      unexpected: 1,
      isOverdue: false,
    });
  });

  it('counts everyone boarded and not arrived as missing after it', () => {
    expect(reconcileRun(run, persons, new Date('2022-03-10T14:00:01Z'))).toMatchObject({
      missing: 1,
      missingIds: ['b'],
      unexpectedIds: ['c'],
      isOverdue: true,
    });
  });

  it('has nobody missing from a cancelled run', () => {
    const cancelled = { ...run, status: 'cancelled' as const };
    expect(reconcileRun(cancelled, persons, new Date('2022-03-11T00:00:00Z')).missing).toBe(0);
  });
});

describe('evacuation figures', () => {
  it('counts manifest check-ins where a manifest exists, reported headcounts otherwise, and never runs on the road', () => {
    const figures = aggregateEvacuationFigures([
      {
        corridorId: 'mariupol',
        status: 'arrived',
        arrivalDay: '2022-03-16',
        reportedHeadcount: 4000,
        boarded: 0,
        checkInsByDay: [],
      },
      {
        corridorId: 'mariupol',
        status: 'arrived',
        arrivalDay: '2022-03-17',
        reportedHeadcount: 60,
        boarded: 60,
        checkInsByDay: [{ day: '2022-03-17', count: 58 }],
      },
      {
        corridorId: 'sumy',
        status: 'departed',
        arrivalDay: null,
        reportedHeadcount: 5000,
        boarded: 0,
        checkInsByDay: [],
      },
      {
        corridorId: 'sumy',
        status: 'arrived',
        arrivalDay: '2022-03-08',
        reportedHeadcount: 5000,
        boarded: 0,
        checkInsByDay: [],
      },
    ]);
    expect(figures.total).toBe(9058);
    expect(figures.days).toEqual([
      { day: '2022-03-08', evacuated: 5000 },
      { day: '2022-03-16', evacuated: 4000 },
      { day: '2022-03-17', evacuated: 58 },
    ]);
    expect(figures.corridors.map((c) => [c.corridorId, c.total])).toEqual([
      ['mariupol', 4058],
      ['sumy', 5000],
    ]);
  });

  it('keeps only the days asked for', () => {
    const figures = aggregateEvacuationFigures(
      [
        {
          corridorId: 'c',
          status: 'arrived',
          arrivalDay: '2022-04-02',
          reportedHeadcount: 10,
          boarded: 0,
          checkInsByDay: [],
        },
      ],
      { from: '2022-03-01', to: '2022-03-31' },
    );
    expect(figures.total).toBe(0);
  });
});
