import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  buildSession,
  CSRF_TOKEN,
  fakeApi,
  quietApi,
  SITE,
  type SentRequest,
} from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const change = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });

/** Fills the form for a household of one, as a registrar would. */
async function fillValidRegistration() {
  const site = await screen.findByRole('option', { name: /Medyka/ });
  change(screen.getByLabelText('Site'), site.getAttribute('value') ?? '');
  change(screen.getByLabelText('Oblast of origin'), 'UA63');
  change(screen.getByLabelText('Arrival mode'), 'bus');
  const member = screen.getByRole('group', { name: 'Member 1' });
  change(within(member).getByLabelText('Family name'), 'Шевченко');
  change(within(member).getByLabelText('Given name'), 'Олена');
  change(within(member).getByLabelText('Sex'), 'female');
  change(within(member).getByLabelText('Birth date', { exact: false }), '1985-03');
  fireEvent.click(screen.getByLabelText('Registration for protection and assistance'));
  change(screen.getByLabelText('How consent was given'), 'verbal');
}

/** Registrations sent; the previews of possible matches are not registrations. */
const posts = (requests: readonly SentRequest[]) =>
  requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/registrations');
const previews = (requests: readonly SentRequest[]) =>
  requests.filter((r) => r.path === '/api/v1/registrations/preview');

const HOUSEHOLD_ID = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const NEW_PERSON_ID = '9a8b7c6d-5e4f-4a3b-9c1d-0e1f2a3b4c5e';

/** Олена Шевченко as a Polish clerk registered her at Medyka: the match the preview finds. */
const MATCHES = {
  index: 'ready',
  members: [
    {
      member: 0,
      personId: null,
      possibleMatches: [
        {
          personId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
          householdId: '2a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
          registrationId: '4a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
          site: { id: SITE.id, name: 'Medyka', countryCode: 'PL', kind: 'border-crossing' },
          givenName: 'Olena',
          familyName: 'Szewczenko',
          patronymic: null,
          givenNameLatin: 'Olena',
          familyNameLatin: 'Szewczenko',
          sex: 'female',
          birthDate: '1985-03-14',
          matchProbability: 0.987,
          matchWeight: 18.4,
          isSwapped: false,
          contributions: [
            { field: 'givenName', level: 'exact', weight: 5.1, isTermFrequencyAdjusted: true },
            {
              field: 'familyName',
              level: 'equivalent',
              weight: 7.2,
              isTermFrequencyAdjusted: true,
            },
            { field: 'patronymic', level: 'missing', weight: 0, isTermFrequencyAdjusted: false },
            {
              field: 'birthDate',
              level: 'compatible',
              weight: 5.1,
              isTermFrequencyAdjusted: false,
            },
            { field: 'sex', level: 'same', weight: 1, isTermFrequencyAdjusted: false },
            { field: 'document', level: 'missing', weight: 0, isTermFrequencyAdjusted: false },
          ],
        },
      ],
      outOfScopeCount: 1,
    },
  ],
} as const;

/** The preview answers MATCHES; everything else as the quiet API. */
const matchingApi = (request: SentRequest) =>
  request.path === '/api/v1/registrations/preview' ? { body: MATCHES } : quietApi(request);

// Filling the whole form takes a few seconds of rendering on a busy machine.
describe('registering a household', { timeout: 20_000 }, () => {
  it('checks the form with the contract before sending and moves focus to the first error', async () => {
    const api = fakeApi(quietApi);
    renderApp('/registrations/new');
    await screen.findByRole('option', { name: /Medyka/ });

    fireEvent.click(screen.getByRole('button', { name: 'Register household' }));

    expect(posts(api.requests)).toEqual([]);
    const site = screen.getByLabelText('Site');
    expect(site.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(site);
    const familyName = screen.getByLabelText('Family name');
    expect(familyName.getAttribute('aria-invalid')).toBe('true');
    const errorId = familyName
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    expect(document.getElementById(errorId ?? '')?.textContent).toBe('Enter a value');
    expect(screen.getByText('Tick at least one purpose')).toBeTruthy();
  });

  it("shows the server's field error next to the input it names, in the chosen language", async () => {
    const api = fakeApi((request) =>
      request.method === 'POST'
        ? {
            status: 400,
            body: {
              type: 'https://haven.example/problems/validation-failed',
              title: 'The request is not valid',
              status: 400,
              code: 'validation-failed',
              errors: [
                {
                  field: 'household.members[0].birthDate',
                  in: 'body',
                  message: 'Must not be before 1900',
                },
              ],
            },
          }
        : quietApi(request),
    );
    renderApp('/registrations/new', { language: 'uk' });
    await screen.findByRole('option', { name: /Medyka/ });
    // Labels are Ukrainian here; fill by the stable ids of the fields instead.
    const field = (id: string) => document.getElementById(id) as HTMLElement;
    change(field('field-siteId'), SITE.id);
    change(field('field-originPcode'), 'UA63');
    change(field('field-arrivalMode'), 'bus');
    change(field('field-household-members-0-familyName'), 'Шевченко');
    change(field('field-household-members-0-givenName'), 'Олена');
    change(field('field-household-members-0-sex'), 'female');
    change(field('field-household-members-0-birthDate'), '1985-03');
    fireEvent.click(screen.getByLabelText('Реєстрація для захисту та допомоги'));
    change(field('field-consent-method'), 'verbal');

    fireEvent.click(screen.getByRole('button', { name: 'Зареєструвати домогосподарство' }));

    const birthDate = screen.getByLabelText('Дата народження', { exact: false });
    await waitFor(() => expect(birthDate.getAttribute('aria-invalid')).toBe('true'));
    const errorId = birthDate
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    expect(document.getElementById(errorId ?? '')?.textContent).toContain(
      'Дата не може бути раніше 1900 року',
    );
    expect(document.activeElement).toBe(birthDate);
    expect(posts(api.requests)).toHaveLength(1);
  });

  it('sends the registration with an Idempotency-Key and reuses it when the same form is resent', async () => {
    let attempts = 0;
    const api = fakeApi((request) => {
      if (request.method !== 'POST') {
        return quietApi(request);
      }
      attempts += 1;
      return attempts === 1
        ? {
            status: 500,
            body: {
              type: 'about:blank',
              title: 'Something went wrong on our side',
              status: 500,
              code: 'internal-error',
            },
          }
        : {
            status: 404,
            body: {
              type: 'about:blank',
              title: 'No such resource',
              status: 404,
              code: 'not-found',
            },
          };
    });
    renderApp('/registrations/new');
    await fillValidRegistration();

    fireEvent.click(screen.getByRole('button', { name: 'Register household' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Register household' }));
    await waitFor(() => expect(posts(api.requests)).toHaveLength(2));

    const [first, second] = posts(api.requests);
    // The session's CSRF token goes with every unsafe request, beside the SameSite cookie.
    expect(first?.headers.get('x-csrf-token')).toBe(CSRF_TOKEN);
    expect(first?.credentials).toBe('same-origin');
    expect(first?.headers.get('idempotency-key')).toMatch(UUID);
    expect(second?.headers.get('idempotency-key')).toBe(first?.headers.get('idempotency-key'));
    expect(first?.body).toMatchObject({
      siteId: SITE.id,
      originPcode: 'UA63',
      household: {
        members: [{ familyName: 'Шевченко', nationality: 'UKR', relationshipToHead: 'head' }],
      },
      consent: { purposes: ['registration'], givenByMember: 0, method: 'verbal' },
    });
    expect(first?.body).not.toHaveProperty('registrar');
  });

  it('fetches the new CSRF token after signing in again elsewhere, so that resending works', async () => {
    let sessionChecks = 0;
    const api = fakeApi((request) => {
      if (request.path === '/api/v1/session') {
        sessionChecks += 1;
        return {
          body: { ...buildSession(), csrfToken: sessionChecks === 1 ? 'old-token' : 'new-token' },
        };
      }
      if (request.method === 'POST') {
        return request.headers.get('x-csrf-token') === 'new-token'
          ? quietApi(request)
          : {
              status: 403,
              body: { type: 'about:blank', title: 'Bad token', status: 403, code: 'csrf' },
            };
      }
      return quietApi(request);
    });
    renderApp('/registrations/new');
    await fillValidRegistration();

    fireEvent.click(screen.getByRole('button', { name: 'Register household' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You signed in again in another window or tab. Try once more: nothing is lost.',
    );
    await waitFor(() => expect(sessionChecks).toBe(2));
    fireEvent.click(screen.getByRole('button', { name: 'Register household' }));

    await waitFor(() => expect(posts(api.requests)).toHaveLength(2));
    expect(posts(api.requests).map((r) => r.headers.get('x-csrf-token'))).toEqual([
      'old-token',
      'new-token',
    ]);
  });

  it('keeps the session alive while a long household is being typed', async () => {
    const api = fakeApi(quietApi);
    renderApp('/registrations/new');
    await screen.findByRole('option', { name: /Medyka/ });
    const sessionChecks = () => api.requests.filter((r) => r.path === '/api/v1/session').length;
    expect(sessionChecks()).toBe(1);

    // Six minutes of typing later (the server ends a session idle for 30).
    const startMs = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(startMs + 6 * 60_000);
    fireEvent.input(screen.getByLabelText('Family name'), { target: { value: 'Шевченко' } });

    await waitFor(() => expect(sessionChecks()).toBe(2));
  });

  it('offers only the sites where the user may register', async () => {
    const siret = {
      ...SITE,
      id: '6c1d4f1f-9a6b-4d66-8e87-4a1a3a5eab22',
      name: 'Siret',
      countryCode: 'RO',
      canRegister: false,
    };
    fakeApi((request) =>
      request.path === '/api/v1/sites' ? { body: [SITE, siret] } : quietApi(request),
    );
    renderApp('/registrations/new');
    await screen.findByRole('option', { name: /Medyka/ });
    expect(screen.queryByRole('option', { name: /Siret/ })).toBeNull();
  });

  it('sends a note typed about a specific need', async () => {
    const api = fakeApi(quietApi);
    renderApp('/registrations/new');
    await fillValidRegistration();
    const member = screen.getByRole('group', { name: 'Member 1' });
    fireEvent.click(within(member).getByLabelText('Chronic illness'));
    change(
      within(member).getByLabelText('Note on this need: Chronic illness', { exact: false }),
      'Needs insulin kept cold.',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Register household' }));

    await waitFor(() => expect(posts(api.requests)).toHaveLength(1));
    expect(posts(api.requests)[0]?.body).toMatchObject({
      household: {
        members: [{ specificNeeds: [{ code: 'SM-CI', note: 'Needs insulin kept cold.' }] }],
      },
    });
  });

  it('shows possible earlier registrations and why, once the form is filled', async () => {
    const api = fakeApi(matchingApi);
    renderApp('/registrations/new');
    await fillValidRegistration();

    const section = await screen.findByRole(
      'region',
      { name: 'Possible earlier registrations' },
      { timeout: 5000 },
    );
    expect(previews(api.requests)).toHaveLength(1);
    expect(previews(api.requests)[0]?.body).toMatchObject({
      household: { members: [{ familyName: 'Шевченко', givenName: 'Олена' }] },
    });
    expect(posts(api.requests)).toEqual([]);
    expect(within(section).getByRole('heading', { name: 'Member 1: Шевченко Олена' })).toBeTruthy();
    const match = within(section).getByRole('article', { name: 'Szewczenko Olena' });
    expect(match.textContent).toContain('Match probability: 98.7%');
    // The explanation: each field's comparison and weight.
    const familyName = within(match).getByRole('row', { name: /Family name/ });
    expect(familyName.textContent).toContain('equivalent');
    expect(familyName.textContent).toContain('+7.2');
    expect(within(match).getByRole('link', { name: 'Open household' }).getAttribute('href')).toBe(
      `/households/${MATCHES.members[0].possibleMatches[0].householdId}`,
    );
    expect(section.textContent).toContain('A likely match is registered outside your area');
  });

  it('shows the possible matches in Ukrainian', async () => {
    fakeApi(matchingApi);
    renderApp('/registrations/new', { language: 'uk' });
    await screen.findByRole('option', { name: /Medyka/ });
    const field = (id: string) => document.getElementById(id) as HTMLElement;
    change(field('field-siteId'), SITE.id);
    change(field('field-originPcode'), 'UA63');
    change(field('field-arrivalMode'), 'bus');
    change(field('field-household-members-0-familyName'), 'Шевченко');
    change(field('field-household-members-0-givenName'), 'Олена');
    change(field('field-household-members-0-sex'), 'female');
    change(field('field-household-members-0-birthDate'), '1985-03');
    fireEvent.click(screen.getByLabelText('Реєстрація для захисту та допомоги'));
    change(field('field-consent-method'), 'verbal');

    const section = await screen.findByRole(
      'region',
      { name: 'Можливі попередні реєстрації' },
      { timeout: 5000 },
    );
    expect(section.textContent).toContain('Імовірність збігу');
    expect(within(section).getByRole('row', { name: /Прізвище/ })).toBeTruthy();
    expect(section.textContent).toContain('Імовірний збіг зареєстровано поза вашою зоною');
  });

  it('shows the matches found at registration on the new household', async () => {
    const created = (body: unknown) => ({
      id: '5b2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      householdId: HOUSEHOLD_ID,
      site: { id: SITE.id, name: 'Medyka', countryCode: 'PL', kind: 'border-crossing' },
      registeredAt: '2022-03-05T09:30:00.000Z',
      registrar: 'olena.k',
      originPcode: 'UA63',
      arrivalMode: 'bus',
      arrivalDate: null,
      members: [
        {
          id: NEW_PERSON_ID,
          givenName: 'Олена',
          familyName: 'Шевченко',
          patronymic: null,
          givenNameLatin: 'Olena',
          familyNameLatin: 'Shevchenko',
          patronymicLatin: null,
          sex: 'female',
          birthDate: '1985-03',
          nationality: 'UKR',
          relationshipToHead: 'head',
          childCareStatus: null,
          documents: [],
          specificNeeds: [],
        },
      ],
      consent: {
        purposes: ['registration'],
        givenByPersonId: NEW_PERSON_ID,
        method: 'verbal',
        consentedAt: '2022-03-05T09:30:00.000Z',
        recordedBy: 'olena.k',
      },
      ...(typeof body === 'object' ? body : {}),
    });
    const registration = created({});
    fakeApi((request) => {
      if (request.method === 'POST' && request.path === '/api/v1/registrations') {
        return {
          status: 201,
          body: created({
            identityMatches: {
              ...MATCHES,
              members: [{ ...MATCHES.members[0], personId: NEW_PERSON_ID }],
            },
          }),
        };
      }
      if (request.path === `/api/v1/households/${HOUSEHOLD_ID}`) {
        return {
          body: {
            id: HOUSEHOLD_ID,
            members: registration.members,
            registrations: [
              {
                id: registration.id,
                householdId: HOUSEHOLD_ID,
                site: registration.site,
                registeredAt: registration.registeredAt,
                originPcode: 'UA63',
                householdSize: 1,
                head: {
                  givenName: 'Олена',
                  familyName: 'Шевченко',
                  givenNameLatin: 'Olena',
                  familyNameLatin: 'Shevchenko',
                  birthDate: '1985-03',
                },
              },
            ],
          },
        };
      }
      if (request.path === `/api/v1/registrations/${registration.id}`) {
        return { body: registration };
      }
      return quietApi(request);
    });
    const { router } = renderApp('/registrations/new');
    await fillValidRegistration();
    fireEvent.click(screen.getByRole('button', { name: 'Register household' }));

    const section = await screen.findByRole('region', { name: 'Possible earlier registrations' });
    expect(router.state.location.pathname).toBe(`/households/${HOUSEHOLD_ID}`);
    expect(within(section).getByRole('heading', { name: 'Member 1: Шевченко Олена' })).toBeTruthy();
    expect(within(section).getByRole('article', { name: 'Szewczenko Olena' })).toBeTruthy();
  });
});
