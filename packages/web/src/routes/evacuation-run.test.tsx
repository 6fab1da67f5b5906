import type { EvacuationRun, Reconciliation } from '@haven/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  buildSession,
  fakeApi,
  quietApi,
  SITE,
  type SentRequest,
} from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

const RUN_ID = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';

const COORDINATOR = buildSession({
  role: 'evacuation-coordinator',
  permissions: [
    'persons:read',
    'corridors:read',
    'evacuations:manage',
    'evacuations:operational',
    'manifests:read',
    'arrivals:check-in',
    'evacuation-alerts:handle',
  ],
});

const RUN: EvacuationRun = {
  id: RUN_ID,
  corridorId: '1b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e',
  corridorName: 'Mariupol – Zaporizhzhia',
  kind: 'convoy',
  label: 'Convoy 3',
  destinationSite: { id: SITE.id, name: SITE.name, countryCode: SITE.countryCode, kind: SITE.kind },
  divertedTo: null,
  status: 'departed',
  capacity: 60,
  reportedHeadcount: null,
  boarded: 60,
  arrived: 58,
  unexpected: 0,
  actualArrivalAt: null,
  closedCorridorReason: null,
  operational: null,
  canManage: true,
  canCheckIn: true,
  createdAt: '2022-03-05T06:00:00.000Z',
  createdBy: 'iryna.c',
};

const missingPerson = (n: number, givenName: string, unaccompanied = false) => ({
  manifestPersonId: `2b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6${n}`,
  householdId: '3b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e',
  givenName,
  familyName: 'Клименко',
  birthDate: unaccompanied ? '2015' : '1979-07-02',
  unaccompanied,
});

const RECONCILIATION: Reconciliation = {
  runId: RUN_ID,
  runStatus: 'departed',
  boarded: 60,
  arrived: 58,
  notYetArrived: 0,
  missing: 2,
  unexpected: 0,
  unaccompaniedChildren: 1,
  isOverdue: true,
  missingPersons: [missingPerson(1, 'Степан'), missingPerson(2, 'Соломія', true)],
  unexpectedPersons: [],
  evaluatedAt: '2022-03-05T12:00:00.000Z',
};

function coordinatorApi(
  extra: (request: SentRequest) => { status?: number; body?: unknown } | undefined,
) {
  return fakeApi((request) => {
    const answer = extra(request);
    if (answer) {
      return answer;
    }
    const { method, path } = request;
    if (method === 'GET' && path === '/api/v1/session') {
      return { body: COORDINATOR };
    }
    if (method === 'GET' && path === `/api/v1/evacuation-runs/${RUN_ID}`) {
      return { body: RUN };
    }
    if (method === 'GET' && path === `/api/v1/evacuation-runs/${RUN_ID}/reconciliation`) {
      return { body: RECONCILIATION };
    }
    if (method === 'GET' && path === `/api/v1/evacuation-runs/${RUN_ID}/manifest`) {
      return { body: { runId: RUN_ID, households: [], boarded: 0, arrived: 0 } };
    }
    if (method === 'GET' && path.startsWith('/api/v1/evacuation-alerts')) {
      return { body: [] };
    }
    return quietApi(request);
  });
}

describe('evacuation run page', () => {
  it('shows who boarded and did not arrive once the arrival window has passed', async () => {
    coordinatorApi(() => undefined);
    renderApp(`/evacuations/${RUN_ID}`);

    const figures = await screen.findByRole('list', { name: 'Boarded and arrived' });
    expect(within(figures).getByText('Missing').textContent).toBe('2Missing');
    expect(screen.getByRole('alert').textContent).toBe(
      '2 people boarded and have not arrived: the coordinator is alerted.',
    );
    const missing = screen.getByRole('list', { name: 'Missing' });
    const rows = within(missing)
      .getAllByRole('listitem')
      .map((row) => row.textContent);
    expect(rows).toEqual([
      'Клименко Степан (1979-07-02)',
      'Клименко Соломія (2015)Unaccompanied child',
    ]);
  });

  it('names every bad line of a rejected manifest CSV, in the reader’s language', async () => {
    const api = coordinatorApi(({ method, path }) =>
      method === 'POST' && path === `/api/v1/evacuation-runs/${RUN_ID}/manifest/import`
        ? {
            status: 400,
            body: {
              type: 'about:blank',
              title: 'Some rows of the CSV are not valid',
              status: 400,
              code: 'validation-failed',
              errors: [
                {
                  field: 'csv.line3.birth_date',
                  in: 'body',
                  message: 'Line 3 (birth_date): Is not a real calendar date',
                },
                {
                  field: 'csv.line7',
                  in: 'body',
                  message: 'Line 7 repeats line 2 (same name and birth date)',
                },
              ],
            },
          }
        : undefined,
    );
    const { i18n } = renderApp(`/evacuations/${RUN_ID}`);
    const csv =
      'household,given_name,family_name,sex,birth_date\nH1,Олена,Шевченко,female,1985-02-30\n';
    fireEvent.change(await screen.findByLabelText('Manifest file (CSV, .xlsx, .ods)'), {
      target: { files: [new File([csv], 'convoy-3.csv', { type: 'text/csv' })] },
    });
    await screen.findByText('convoy-3.csv: 1 row after the header line');
    fireEvent.click(screen.getByRole('button', { name: 'Import the manifest' }));

    const problems = await screen.findByRole('list', { name: 'Problems in the file' });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Line 3 (birth_date): This date does not exist',
      'Line 7 repeats line 2 (same name and birth date)',
    ]);
    expect(
      screen.getByText(
        'Nothing was imported: 2 problems in the file. Correct them and upload again.',
      ),
    ).toBeTruthy();
    const upload = api.requests.find((request) => request.path.endsWith('/manifest/import'));
    expect(upload?.body).toEqual({ csv });
    expect(upload?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);

    await i18n.changeLanguage('uk');
    await waitFor(() =>
      expect(
        within(problems)
          .getAllByRole('listitem')
          .map((item) => item.textContent),
      ).toEqual([
        'Рядок 3 (birth_date): Такої дати не існує',
        'Рядок 7 повторює рядок 2 (те саме ім’я та дата народження)',
      ]),
    );
  });

  it('sends a spreadsheet as base64 and words its problems by code and row, in Ukrainian', async () => {
    let answer: { status: number; body: unknown } = {
      status: 400,
      body: {
        type: 'about:blank',
        title: 'The spreadsheet lacks required columns',
        status: 400,
        code: 'missing-columns',
        errors: [
          { field: 'xlsx.given_name', in: 'body', message: 'Missing required column: given_name' },
          {
            field: 'xlsx.row4',
            in: 'body',
            message: 'Row 4 repeats an entry already on the manifest (same identity document)',
          },
        ],
      },
    };
    const api = coordinatorApi(({ method, path }) =>
      method === 'POST' && path === `/api/v1/evacuation-runs/${RUN_ID}/manifest/import`
        ? answer
        : undefined,
    );
    const { i18n } = renderApp(`/evacuations/${RUN_ID}`);
    await i18n.changeLanguage('uk');
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff]);
    fireEvent.change(await screen.findByLabelText('Файл зі списком (CSV, .xlsx, .ods)'), {
      target: { files: [new File([bytes], 'convoy-3.xlsx')] },
    });
    await screen.findByText('convoy-3.xlsx');
    fireEvent.click(screen.getByRole('button', { name: 'Імпортувати список' }));

    const problems = await screen.findByRole('list', { name: 'Проблеми у файлі' });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Бракує обов’язкового стовпця: given_name',
      'Рядок 4 повторює запис, що вже є у списку (той самий документ)',
    ]);
    const upload = api.requests.find((request) => request.path.endsWith('/manifest/import'));
    expect(upload?.body).toEqual({ xlsx: 'UEsDBP8=' });

    // A problem without field errors is worded by its code, not the server's English title.
    answer = {
      status: 409,
      body: {
        type: 'about:blank',
        title: 'The run was cancelled',
        status: 409,
        code: 'run-cancelled',
      },
    };
    fireEvent.click(screen.getByRole('button', { name: 'Імпортувати список' }));
    expect(
      await screen.findByText('Рейс скасовано: більше нічого не можна записати.'),
    ).toBeTruthy();
  });
});
