import type { CheckInResult, EvacuationRun, Manifest } from '@haven/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildSession, fakeApi, quietApi, SITE } from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

const RUN_ID = '5d8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';
const HOUSEHOLD_ID = '6d8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';
const CHILD_ID = '7d8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';

const RUN: EvacuationRun = {
  id: RUN_ID,
  corridorId: '1b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e',
  corridorName: 'Mariupol – Zaporizhzhia',
  kind: 'bus',
  label: 'Bus 7',
  destinationSite: { id: SITE.id, name: SITE.name, countryCode: SITE.countryCode, kind: SITE.kind },
  divertedTo: null,
  status: 'departed',
  capacity: 50,
  reportedHeadcount: null,
  boarded: 1,
  arrived: 0,
  unexpected: 0,
  actualArrivalAt: null,
  closedCorridorReason: null,
  operational: null,
  canManage: false,
  canCheckIn: true,
  createdAt: '2022-03-05T06:00:00.000Z',
  createdBy: 'iryna.c',
};

const child = {
  id: CHILD_ID,
  householdId: HOUSEHOLD_ID,
  givenName: 'Марко',
  familyName: 'Бойко',
  patronymic: null,
  sex: 'male',
  birthDate: '2012-06-01',
  nationality: 'UKR',
  relationshipToHead: 'head',
  documentType: null,
  documentNumber: null,
  documentIssuingCountry: null,
  unaccompanied: true,
  unexpected: false,
  arrival: null,
  registrationPersonId: null,
  sourceLine: 4,
} as const;

const manifest = (arrivedAt: string | null): Manifest => ({
  runId: RUN_ID,
  households: [
    {
      id: HOUSEHOLD_ID,
      reference: 'H7',
      members: [
        {
          ...child,
          arrival: arrivedAt ? { arrivedAt, siteId: SITE.id, checkedInBy: 'olena.k' } : null,
        },
      ],
    },
  ],
  boarded: 1,
  arrived: arrivedAt ? 1 : 0,
});

const CHECKED_IN: CheckInResult = {
  runId: RUN_ID,
  arrivals: [
    {
      manifestPersonId: CHILD_ID,
      arrivedAt: '2022-03-05T14:00:00.000Z',
      alreadyCheckedIn: false,
      unexpected: false,
      unaccompanied: true,
    },
  ],
  flags: [
    { kind: 'unaccompanied-child', manifestPersonId: CHILD_ID, message: 'Unaccompanied child' },
  ],
  registrationDraft: {
    siteId: SITE.id,
    originPcode: 'UA14',
    arrivalMode: 'evacuation-convoy',
    arrivalDate: '2022-03-05',
    household: {
      members: [
        {
          manifestPersonId: CHILD_ID,
          givenName: 'Марко',
          familyName: 'Бойко',
          sex: 'male',
          birthDate: '2012-06-01',
          nationality: 'UKR',
          relationshipToHead: 'head',
          childCareStatus: 'unaccompanied',
          documents: [],
          specificNeeds: [],
        },
      ],
    },
  },
};

describe('reception check-in', () => {
  it('flags an unaccompanied child at once and opens the registration filled from the manifest', async () => {
    let arrivedAt: string | null = null;
    const api = fakeApi((request) => {
      const { method, path } = request;
      if (method === 'GET' && path === '/api/v1/session') {
        return {
          body: buildSession({
            permissions: [
              'registrations:create',
              'persons:read',
              'corridors:read',
              'manifests:read',
              'arrivals:check-in',
            ],
          }),
        };
      }
      if (method === 'GET' && path === `/api/v1/evacuation-runs/${RUN_ID}`) {
        return { body: RUN };
      }
      if (method === 'GET' && path === `/api/v1/evacuation-runs/${RUN_ID}/manifest`) {
        return { body: manifest(arrivedAt) };
      }
      if (method === 'POST' && path === `/api/v1/evacuation-runs/${RUN_ID}/check-ins`) {
        arrivedAt = '2022-03-05T14:00:00.000Z';
        return { body: CHECKED_IN };
      }
      return quietApi(request);
    });
    renderApp(`/reception/runs/${RUN_ID}`);

    // Found by the Latin spelling of a passport as well as the Cyrillic of the manifest.
    const search = await screen.findByLabelText('Find by name');
    fireEvent.change(search, { target: { value: 'Shevchenko' } });
    expect(screen.getByText('0 households shown')).toBeTruthy();
    fireEvent.change(search, { target: { value: 'marko boik' } });
    expect(screen.getByText('1 household shown')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check in Бойко Марко' }));

    const alert = await screen.findByText('Unaccompanied child: refer to child protection now.');
    expect(alert.closest('[role="alert"]')?.textContent).toContain('Бойко Марко');
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({
      manifestPersonId: CHILD_ID,
    });
    // The list now shows the arrival instead of the button: a second check-in cannot be sent.
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Check in Бойко Марко' })).toBeNull(),
    );
    expect(screen.getByRole('list', { name: 'Arrivals of this run' }).textContent).toBe(
      '1Boarded1Arrived0Still expected',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Register this household' }));
    const head = await screen.findByRole('group', { name: 'Member 1' });
    expect(
      (within(head).getByLabelText('Family name', { exact: true }) as HTMLInputElement).value,
    ).toBe('Бойко');
    expect((screen.getByLabelText('Arrival mode') as HTMLSelectElement).value).toBe(
      'evacuation-convoy',
    );
    expect(screen.getByText(/Filled in from the manifest of Bus 7/)).toBeTruthy();
  });

  it('on a diverted run, names the site the registrar stands at and shows the other-site flag', async () => {
    const PRZEMYSL = {
      id: '8d8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e',
      name: 'Przemyśl',
      countryCode: 'PL',
      kind: 'reception-centre',
    } as const;
    let answer: { status?: number; body: unknown } = {
      status: 400,
      body: {
        type: 'about:blank',
        title: 'The request is not valid',
        status: 400,
        code: 'validation-failed',
        errors: [
          {
            field: 'siteId',
            in: 'body',
            message: 'Name the site where you check in: the run is now expected at Przemyśl',
          },
        ],
      },
    };
    const api = fakeApi((request) => {
      const { method, path } = request;
      if (method === 'GET' && path === '/api/v1/session') {
        return {
          body: buildSession({
            permissions: [
              'registrations:create',
              'persons:read',
              'corridors:read',
              'manifests:read',
              'arrivals:check-in',
            ],
          }),
        };
      }
      if (method === 'GET' && path === `/api/v1/evacuation-runs/${RUN_ID}`) {
        return { body: { ...RUN, divertedTo: PRZEMYSL } };
      }
      if (method === 'GET' && path === `/api/v1/evacuation-runs/${RUN_ID}/manifest`) {
        return { body: manifest(null) };
      }
      if (method === 'POST' && path === `/api/v1/evacuation-runs/${RUN_ID}/check-ins`) {
        return answer;
      }
      return quietApi(request);
    });
    const { i18n } = renderApp(`/reception/runs/${RUN_ID}`);
    await i18n.changeLanguage('uk');
    expect(
      await screen.findByText('Маршрут змінено: рейс тепер очікують у пункті Przemyśl.'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Відмітити Бойко Марко' }));
    expect(
      await screen.findByText(
        'Вкажіть пункт, де ви реєструєте прибуття: рейс тепер очікують у пункті Przemyśl',
      ),
    ).toBeTruthy();

    answer = {
      body: {
        ...CHECKED_IN,
        flags: [
          {
            kind: 'arrival-at-other-site',
            manifestPersonId: CHILD_ID,
            message: 'Checked in elsewhere',
          },
        ],
      },
    };
    fireEvent.change(screen.getByLabelText(/Де ви реєструєте прибуття/), {
      target: { value: SITE.id },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Відмітити Бойко Марко' }));
    expect(
      await screen.findByText(
        'Прибуття зареєстровано не в тому пункті, де очікують рейс: координатора повідомлено.',
      ),
    ).toBeTruthy();
    const sent = api.requests.filter((r) => r.method === 'POST').map((r) => r.body);
    expect(sent).toEqual([
      { manifestPersonId: CHILD_ID },
      { manifestPersonId: CHILD_ID, siteId: SITE.id },
    ]);
  });
});
