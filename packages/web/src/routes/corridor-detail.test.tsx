import type { Corridor } from '@haven/contract';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildSession, fakeApi, quietApi } from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

const CORRIDOR_ID = '4c8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';

const CORRIDOR: Corridor = {
  id: CORRIDOR_ID,
  name: 'Mariupol – Zaporizhzhia',
  countryCode: 'PL',
  origin: {
    name: 'Mariupol',
    countryCode: 'UA',
    pcode: 'UA14',
    latitude: 47.0971,
    longitude: 37.5434,
  },
  destination: {
    name: 'Zaporizhzhia',
    countryCode: 'UA',
    pcode: 'UA23',
    latitude: 47.8388,
    longitude: 35.1396,
  },
  route: {
    type: 'LineString',
    coordinates: [
      [37.5434, 47.0971],
      [35.1396, 47.8388],
    ],
  },
  guarantors: ['ICRC'],
  timeZone: 'Europe/Kyiv',
  status: 'planned',
  windowStart: null,
  windowEnd: null,
  isWindowOpen: false,
  statusHistory: [
    {
      status: 'planned',
      windowStart: null,
      windowEnd: null,
      reason: 'Negotiated in Istanbul',
      changedBy: 'iryna.c',
      changedAt: '2022-03-04T18:00:00.000Z',
    },
  ],
  evacuatedTotal: 0,
  canManage: true,
  createdAt: '2022-03-04T18:00:00.000Z',
  createdBy: 'iryna.c',
};

describe('corridor page', () => {
  it('refuses a window that ends before it starts, under the end field, without sending it', async () => {
    const api = fakeApi((request) => {
      if (request.method === 'GET' && request.path === '/api/v1/session') {
        return {
          body: buildSession({
            role: 'evacuation-coordinator',
            permissions: ['corridors:read', 'evacuations:manage'],
          }),
        };
      }
      if (request.method === 'GET' && request.path === `/api/v1/corridors/${CORRIDOR_ID}`) {
        return { body: CORRIDOR };
      }
      if (request.method === 'GET' && request.path.startsWith('/api/v1/evacuation-runs?')) {
        return { body: [] };
      }
      return quietApi(request);
    });
    renderApp(`/corridors/${CORRIDOR_ID}`);

    const form = await screen.findByRole('form', { name: 'Change the status' });
    // Without WebGL (happy-dom) the map gives way to the list of corridors.
    expect(screen.getByText(/This browser cannot draw the map/)).toBeTruthy();
    expect(
      within(screen.getByRole('table', { name: 'Status history' })).getByText('iryna.c'),
    ).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('New status'), { target: { value: 'open' } });
    fireEvent.change(within(form).getByLabelText(/^Window starts/), {
      target: { value: '2022-03-05T09:00' },
    });
    const end = within(form).getByLabelText(/^Window ends/);
    fireEvent.change(end, { target: { value: '2022-03-05T08:00' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the status' }));

    expect(end.getAttribute('aria-invalid')).toBe('true');
    const message = within(form).getByText('The window must end after it starts');
    expect(end.getAttribute('aria-describedby')).toBe(message.parentElement?.id);
    expect(api.requests.some((request) => request.method === 'POST')).toBe(false);
  });
});
