import type { Batch, Hold, PaymentLine } from '@haven/contract';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildSession, fakeApi, quietApi } from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

const WELFARE_OFFICER = buildSession({
  role: 'welfare-officer',
  permissions: ['persons:read', 'cash:read', 'cash:enrol', 'cash:manage'],
});
const BATCH_ID = '3c2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const PROGRAMME_ID = '4d2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const HOLD_ID = '5e2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const pln = (amountMinor: number) => ({ amountMinor, currency: 'PLN' as const });

const BATCH: Batch = {
  id: BATCH_ID,
  programmeId: PROGRAMME_ID,
  programmeName: 'UNHCR Poland multi-purpose cash assistance 2022',
  period: '2022-05',
  state: 'built',
  currency: 'PLN',
  total: pln(130_000),
  payments: 1,
  personsPaid: 2,
  personsHeld: 1,
  heldByReason: { 'paid-elsewhere': 1 },
  paidConfirmed: pln(0),
  failed: pln(0),
  outstanding: pln(130_000),
  builtAt: '2026-11-29T07:00:00.000Z',
  builtByName: 'Piotr Kowalski',
  exportedAt: null,
  reconciledAt: null,
  ledger: {
    ledgerSumMinor: 0,
    committedMinor: 130_000,
    paymentLinesMinor: 130_000,
    balanced: true,
  },
};

const LINE: PaymentLine = {
  id: '6f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  reference: 'HVN-2022-05-000001',
  kind: 'regular',
  enrolmentId: '7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  householdId: '8b2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  recipientPersonId: '9c2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  recipientName: 'Шевченко Олена',
  personsCovered: 2,
  amount: pln(130_000),
  outcome: 'pending',
  failureReason: null,
};

const HOLD: Hold = {
  id: HOLD_ID,
  batchId: BATCH_ID,
  programmeId: PROGRAMME_ID,
  programmeName: BATCH.programmeName,
  period: '2022-05',
  enrolmentId: LINE.enrolmentId,
  personId: 'ad2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  givenName: 'Галина',
  familyName: 'Коваль',
  reason: 'paid-elsewhere',
  conflict: {
    programmeName: 'UNHCR Romania multi-purpose cash assistance 2022',
    countryCode: 'RO',
    period: '2022-05',
    personId: 'be2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  },
  state: 'open',
  decidedAt: null,
  decidedByName: null,
  decisionReason: null,
  releasedPaymentId: null,
};

/** A fake API whose hold is decided by the first decision it receives. */
function batchApi() {
  let hold = HOLD;
  return fakeApi((request) => {
    if (request.path === '/api/v1/session') {
      return { body: WELFARE_OFFICER };
    }
    if (request.path === `/api/v1/cash/batches/${BATCH_ID}`) {
      return { body: BATCH };
    }
    if (request.path.startsWith(`/api/v1/cash/batches/${BATCH_ID}/payments`)) {
      return { body: { items: [LINE], nextAfter: null } };
    }
    if (request.method === 'GET' && request.path.startsWith('/api/v1/cash/holds?')) {
      const isAsked = request.path.includes(`state=${hold.state}`);
      return { body: { items: isAsked ? [hold] : [], nextAfter: null } };
    }
    if (request.method === 'POST' && request.path === `/api/v1/cash/holds/${HOLD_ID}/decision`) {
      const body = request.body as { reason: string };
      hold = {
        ...hold,
        state: 'cancelled',
        decidedAt: '2026-11-29T07:10:00.000Z',
        decidedByName: 'Piotr Kowalski',
        decisionReason: body.reason,
      };
      return { body: hold };
    }
    return quietApi(request);
  });
}

describe('a disbursement batch', { timeout: 20_000 }, () => {
  it('shows each household paid once and the held member with the reason', async () => {
    batchApi();
    renderApp(`/cash/batches/${BATCH_ID}`);
    await screen.findByRole('heading', { level: 1, name: 'Disbursement batch 2022-05' });
    const payments = await screen.findByRole('table', { name: 'Payments' });
    const rows = within(payments).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('Шевченко Олена');
    // 700 PLN for the first person, 600 PLN for the second (UNHCR Poland 2022).
    expect(rows[0]?.textContent).toContain('1,300.00');
    expect(screen.getByText('Balanced')).toBeTruthy();

    const held = await screen.findByRole('list', { name: 'Held members' });
    const halyna = within(held).getByRole('listitem');
    expect(halyna.textContent).toContain('Коваль Галина');
    expect(halyna.textContent).toContain('Already paid for this period elsewhere');
    expect(halyna.textContent).toContain('UNHCR Romania multi-purpose cash assistance 2022');
    expect(halyna.textContent).toContain('Romania');
  });

  it('will not release or cancel a held payment without a reason', async () => {
    const api = batchApi();
    renderApp(`/cash/batches/${BATCH_ID}`);
    const cancel = await screen.findByRole('button', { name: 'Cancel the payment' });
    fireEvent.click(cancel);
    expect(screen.getByText('Say why you release or cancel this payment')).toBeTruthy();
    expect(api.requests.filter((request) => request.method === 'POST')).toEqual([]);

    fireEvent.change(screen.getByLabelText('Reason'), {
      target: { value: 'Same passport: paid in Romania for May.' },
    });
    fireEvent.click(cancel);
    await screen.findByText(/Cancelled by Piotr Kowalski/);
    const posts = api.requests.filter((request) => request.method === 'POST');
    expect(posts.map((post) => post.body)).toEqual([
      { decision: 'cancel', reason: 'Same passport: paid in Romania for May.' },
    ]);
  });
});
