import { describe, expect, it } from 'vitest';
import {
  decideBatch,
  protectionStanding,
  releaseLine,
  releaseTopUp,
  type DueHousehold,
} from './batch.js';
import {
  checkPosting,
  commitmentPosting,
  failureReversalPosting,
  settlementPosting,
} from './ledger.js';
import { formatMinor, parseMinor } from './money.js';
import { findProgrammeTemplate, householdEntitlement, type TransferValue } from './programmes.js';
import { isScheduledPeriod, paymentSchedule, periodOf } from './schedule.js';

const poland = findProgrammeTemplate('UNHCR-PL-MPCA-2022');
if (!poland) {
  throw new Error('UNHCR Poland 2022 template missing');
}
const transfer: TransferValue = poland.transfer;

describe('UNHCR Poland 2022 transfer values (DOMAIN.md 13)', () => {
  it.each([
    [1, 70_000],
    [2, 130_000],
    [3, 190_000],
    [4, 250_000],
    [7, 250_000],
    [0, 0],
  ])('a household of %i receives %i grosz a month', (size, amount) => {
    expect(householdEntitlement(transfer, size)).toBe(amount);
  });

  it('cites its source', () => {
    expect(poland.source).toMatchObject({
      verified: true,
      url: expect.stringContaining('reliefweb'),
    });
  });
});

describe('amounts in minor units', () => {
  it('formats and parses without floating point', () => {
    expect(formatMinor(250_000)).toBe('2500.00');
    expect(formatMinor(5)).toBe('0.05');
    expect(parseMinor('1300')).toBe(130_000);
    expect(parseMinor('0.1')).toBe(10);
    expect(parseMinor('12.345')).toBeUndefined();
    expect(parseMinor('-5')).toBeUndefined();
    expect(parseMinor('1e3')).toBeUndefined();
  });
});

describe('payment schedule', () => {
  it('pays three calendar months from the month of enrolment', () => {
    expect(paymentSchedule(poland, '2022-06-14', null)).toEqual([
      { period: '2022-06', startsOn: '2022-06-01', endsOn: '2022-06-30' },
      { period: '2022-07', startsOn: '2022-07-01', endsOn: '2022-07-31' },
      { period: '2022-08', startsOn: '2022-08-01', endsOn: '2022-08-31' },
    ]);
  });

  it('stops at the programme end and at the closure of the enrolment', () => {
    expect(paymentSchedule(poland, '2022-11-02', null).map((due) => due.period)).toEqual([
      '2022-11',
      '2022-12',
    ]);
    expect(paymentSchedule(poland, '2022-06-14', '2022-07-15').map((due) => due.period)).toEqual([
      '2022-06',
      '2022-07',
    ]);
    expect(isScheduledPeriod(poland, '2022-06-14', null, '2022-09')).toBe(false);
    expect(periodOf('2024-02').endsOn).toBe('2024-02-29');
  });
});

describe('double-entry postings', () => {
  it('balances commitments, settlements and reversals', () => {
    for (const posting of [
      commitmentPosting('batch-commitment', 130_000, 'PLN'),
      settlementPosting(70_000, 'PLN'),
      failureReversalPosting(60_000, 'PLN'),
    ]) {
      expect(checkPosting(posting, 'PLN')).toBeUndefined();
      expect(posting.lines.reduce((sum, line) => sum + line.amountMinor, 0)).toBe(0);
    }
  });

  it('refuses a line in another currency, an unbalanced posting and a fraction of a grosz', () => {
    expect(checkPosting(commitmentPosting('batch-commitment', 100, 'RON'), 'PLN')).toMatchObject({
      code: 'wrong-currency',
      reason: expect.stringContaining('PLN'),
    });
    expect(
      checkPosting(
        {
          kind: 'settlement',
          lines: [
            { account: 'beneficiary-payable', amountMinor: 100, currency: 'PLN' },
            { account: 'provider-clearing', amountMinor: -99, currency: 'PLN' },
          ],
        },
        'PLN',
      ),
    ).toMatchObject({ code: 'not-balanced' });
    expect(checkPosting(commitmentPosting('batch-commitment', 0.5, 'PLN'), 'PLN')).toMatchObject({
      code: 'not-an-amount',
    });
  });
});

const june = periodOf('2022-06');
const member = (personId: string, identityKey = personId, standing = 'active' as const) => ({
  personId,
  identityKey,
  standing,
});

describe('deciding a batch', () => {
  it('pays each member once and recomputes the household amount without the held member', () => {
    const households: DueHousehold[] = [
      {
        enrolmentId: 'e1',
        enrolledOn: '2022-06-01',
        recipientPersonId: 'mother',
        members: [member('mother', 'cluster-m'), member('son')],
      },
    ];
    const decided = decideBatch(transfer, households, new Set(['cluster-m']));
    expect(decided.households[0]).toMatchObject({
      amountMinor: 70_000,
      paidPersonIds: ['son'],
      recipientPersonId: 'son',
      held: [{ personId: 'mother', reason: 'paid-elsewhere' }],
    });
    expect(decided).toMatchObject({ totalMinor: 70_000, personsPaid: 1, personsHeld: 1 });
  });

  it('holds the later enrolment of an identity registered twice in the batch, whatever the input order', () => {
    const first: DueHousehold = {
      enrolmentId: 'e-b',
      enrolledOn: '2022-06-01',
      recipientPersonId: 'p1',
      members: [member('p1', 'same')],
    };
    const second: DueHousehold = {
      enrolmentId: 'e-a',
      enrolledOn: '2022-06-03',
      recipientPersonId: 'p2',
      members: [member('p2', 'same'), member('p3')],
    };
    const decided = decideBatch(transfer, [second, first], new Set());
    const byEnrolment = new Map(
      decided.households.map((household) => [household.enrolmentId, household]),
    );
    expect(byEnrolment.get('e-b')).toMatchObject({ amountMinor: 70_000, held: [] });
    expect(byEnrolment.get('e-a')).toMatchObject({
      amountMinor: 70_000,
      paidPersonIds: ['p3'],
      held: [{ personId: 'p2', reason: 'duplicate-in-batch' }],
    });
  });

  it('holds members whose protection ceased or is not active, and pays nothing to a fully held household', () => {
    const decided = decideBatch(
      transfer,
      [
        {
          enrolmentId: 'e1',
          enrolledOn: '2022-06-01',
          recipientPersonId: 'a',
          members: [
            { personId: 'a', identityKey: 'a', standing: 'ceased' },
            { personId: 'b', identityKey: 'b', standing: 'not-active' },
            { personId: 'c', identityKey: 'c', standing: 'none' },
          ],
        },
      ],
      new Set(),
    );
    expect(decided.households[0]).toMatchObject({
      amountMinor: 0,
      recipientPersonId: null,
      held: [
        { personId: 'a', reason: 'status-ceased' },
        { personId: 'b', reason: 'status-not-active' },
        { personId: 'c', reason: 'no-protection-status' },
      ],
    });
  });

  it('keeps the cap: a released fifth member of a capped household adds nothing', () => {
    expect(releaseTopUp(transfer, 1, 70_000)).toBe(60_000);
    expect(releaseTopUp(transfer, 4, 250_000)).toBe(0);
  });

  it('still covers a released member of a capped household, with a zero-amount line', () => {
    expect(releaseLine(transfer, 1, 70_000)).toEqual({ kind: 'top-up', amountMinor: 60_000 });
    expect(releaseLine(transfer, 4, 250_000)).toEqual({ kind: 'covered-at-cap', amountMinor: 0 });
  });
});

describe('protection standing for a period', () => {
  it('is active when granted by the end of the period and valid at its start', () => {
    expect(
      protectionStanding({ status: 'granted', effectiveOn: '2022-06-20', validUntil: null }, june),
    ).toBe('active');
    expect(
      protectionStanding({ status: 'granted', effectiveOn: '2022-07-01', validUntil: null }, june),
    ).toBe('not-active');
    expect(
      protectionStanding(
        { status: 'extended', effectiveOn: '2022-03-01', validUntil: '2022-05-31' },
        june,
      ),
    ).toBe('not-active');
    expect(
      protectionStanding({ status: 'ceased', effectiveOn: '2022-06-10', validUntil: null }, june),
    ).toBe('ceased');
    expect(protectionStanding(undefined, june)).toBe('none');
  });
});
