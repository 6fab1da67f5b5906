import type { PersonCashAssistance, Programme } from '@haven/contract';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildSession, fakeApi, quietApi, SITE } from '../test-support/fake-api.js';
import type { HouseholdData } from '../api/types.js';
import { renderApp } from '../test-support/render-app.js';

const WELFARE_OFFICER = buildSession({
  role: 'welfare-officer',
  permissions: ['persons:read', 'cash:read', 'cash:enrol', 'cash:manage'],
});
const HOUSEHOLD_ID = '1f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const PROGRAMME_ID = '2f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

const member = (id: string, givenName: string, relationshipToHead: 'head' | 'parent') => ({
  id,
  givenName,
  familyName: 'Шевченко',
  patronymic: null,
  givenNameLatin: givenName === 'Олена' ? 'Olena' : 'Halyna',
  familyNameLatin: 'Shevchenko',
  patronymicLatin: null,
  sex: 'female' as const,
  birthDate: '1985-03-14',
  nationality: 'UKR',
  relationshipToHead,
  childCareStatus: null,
  documents: [],
  specificNeeds: [],
});
const OLENA = member('3f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', 'Олена', 'head');
const HALYNA = member('4f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', 'Галина', 'parent');

const HOUSEHOLD: HouseholdData = {
  id: HOUSEHOLD_ID,
  members: [OLENA, HALYNA],
  registrations: [
    {
      id: '5f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      householdId: HOUSEHOLD_ID,
      site: { id: SITE.id, name: SITE.name, countryCode: 'PL', kind: 'border-crossing' },
      registeredAt: '2022-03-02T09:00:00.000Z',
      originPcode: 'UA46',
      householdSize: 2,
      head: OLENA,
    },
  ],
};

const PROGRAMME: Programme = {
  id: PROGRAMME_ID,
  name: 'UNHCR Poland multi-purpose cash assistance 2022',
  countryCode: 'PL',
  currency: 'PLN',
  assistanceKind: 'multi-purpose-cash',
  templateId: 'UNHCR-PL-MPCA-2022',
  rulesVersion: 1,
  transfer: { firstPersonMinor: 70_000, additionalPersonMinor: 60_000, householdCapMinor: 250_000 },
  periodsPerEnrolment: 3,
  validFrom: '2022-03-01',
  validTo: '2022-12-31',
  source: { title: 'UNHCR Poland cash assistance factsheet', url: null, verified: true },
  createdAt: '2026-11-29T07:00:00.000Z',
  createdByName: 'Piotr Kowalski',
};

const nothing = (personId: string): PersonCashAssistance => ({
  personId,
  enrolments: [],
  payments: [],
  holds: [],
});

describe('enrolling a household in cash assistance', { timeout: 20_000 }, () => {
  it('names each member the server refuses, and why', async () => {
    const api = fakeApi((request) => {
      if (request.path === '/api/v1/session') {
        return { body: WELFARE_OFFICER };
      }
      if (request.path === `/api/v1/households/${HOUSEHOLD_ID}`) {
        return { body: HOUSEHOLD };
      }
      if (request.path === '/api/v1/cash/programmes' && request.method === 'GET') {
        return { body: { items: [PROGRAMME] } };
      }
      const person = /^\/api\/v1\/persons\/([0-9a-f-]+)\/cash-assistance$/.exec(request.path);
      if (person?.[1]) {
        return { body: nothing(person[1]) };
      }
      if (request.method === 'POST' && request.path.endsWith('/enrolments')) {
        return {
          status: 422,
          body: {
            type: 'about:blank',
            title:
              'Only persons with an active protection status in the programme country can be enrolled',
            status: 422,
            code: 'protection-not-active',
            errors: [
              {
                field: 'personIds[1]',
                in: 'body',
                message: 'Protection in this country has ceased',
              },
            ],
          },
        };
      }
      return quietApi(request);
    });
    renderApp(`/households/${HOUSEHOLD_ID}/cash`);
    const programme = await screen.findByRole('option', { name: PROGRAMME.name });
    fireEvent.change(screen.getByLabelText('Programme'), {
      target: { value: programme.getAttribute('value') },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enrol the household' }));

    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('active protection status');
    expect(refusal.textContent).toContain('Шевченко Галина: Protection in this country has ceased');
    const post = api.requests.find((request) => request.method === 'POST');
    expect(post?.body).toMatchObject({
      householdId: HOUSEHOLD_ID,
      personIds: [OLENA.id, HALYNA.id],
      recipientPersonId: OLENA.id,
    });
  });
});
