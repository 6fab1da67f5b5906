import type { IdentityReviewPair, IdentityReviewPairSummary } from '@haven/contract';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  buildSession,
  CSRF_TOKEN,
  fakeApi,
  quietApi,
  type FakeReply,
  type SentRequest,
} from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

const CASEWORKER = buildSession({
  role: 'caseworker',
  permissions: ['persons:read', 'identity:review'],
});

const PAIR_ID = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

type Person = IdentityReviewPair['persons'][number];

const olena: Person = {
  id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  householdId: '2a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  givenName: 'Олена',
  familyName: 'Шевченко',
  patronymic: 'Іванівна',
  givenNameLatin: 'Olena',
  familyNameLatin: 'Shevchenko',
  patronymicLatin: 'Ivanivna',
  sex: 'female',
  birthDate: '1985-04-12',
  nationality: 'UKR',
  documents: [{ type: 'international-passport', issuingCountry: 'UKR', number: 'FE123456' }],
  registration: {
    id: '3a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    registeredAt: '2022-03-05T09:30:00.000Z',
    siteName: 'Medyka',
    countryCode: 'PL',
  },
};

const olenaAgain: Person = {
  ...olena,
  id: '4a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  householdId: '5a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  givenName: 'Olena',
  familyName: 'Szewczenko',
  patronymic: null,
  familyNameLatin: 'Szewczenko',
  patronymicLatin: null,
  documents: [],
  registration: {
    id: '6a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    registeredAt: '2022-04-01T09:30:00.000Z',
    siteName: 'Medyka',
    countryCode: 'PL',
  },
};

const SUMMARY: IdentityReviewPairSummary = {
  id: PAIR_ID,
  matchWeight: 6.75,
  matchProbability: 0.93,
  queuedBecause: 'merged-given-names-differ',
  queuedAt: '2026-11-01T10:00:00.000Z',
  persons: [
    { ...olena, countryCode: 'PL' },
    { ...olenaAgain, countryCode: 'PL' },
  ],
};

const PAIR: IdentityReviewPair = {
  id: PAIR_ID,
  matchWeight: 6.75,
  matchProbability: 0.93,
  queuedBecause: 'merged-given-names-differ',
  queuedAt: '2026-11-01T10:00:00.000Z',
  persons: [olena, olenaAgain],
  comparison: [
    { field: 'givenName', level: 'exact', weight: 4.5, isTermFrequencyAdjusted: true },
    { field: 'familyName', level: 'equivalent', weight: 3.25, isTermFrequencyAdjusted: true },
    { field: 'patronymic', level: 'missing', weight: 0, isTermFrequencyAdjusted: false },
    { field: 'birthDate', level: 'exact', weight: 6, isTermFrequencyAdjusted: false },
    { field: 'sex', level: 'same', weight: 1, isTermFrequencyAdjusted: false },
    { field: 'document', level: 'missing', weight: 0, isTermFrequencyAdjusted: false },
  ],
  decision: null,
};

function reviewApi(session = CASEWORKER) {
  return fakeApi((request) =>
    request.path === '/api/v1/session' ? { body: session } : reviewHandler(request),
  );
}

/** The review endpoints of the fake API; anything else as the quiet API answers it. */
function reviewHandler(request: SentRequest): FakeReply | Promise<FakeReply> {
  if (request.method === 'GET' && request.path === '/api/v1/identity-review/pairs') {
    return {
      body: {
        items: [SUMMARY],
        nextCursor: null,
        awaitingOtherCountries: [{ countryCode: 'RO', pairs: 2 }],
      },
    };
  }
  if (request.method === 'GET' && request.path === `/api/v1/identity-review/pairs/${PAIR_ID}`) {
    return { body: PAIR };
  }
  if (request.method === 'POST' && request.path.endsWith('/decision')) {
    return {
      body: {
        ...PAIR,
        decision: {
          decision: 'different-people',
          reason: 'Twin sister',
          decidedBy: 'olena.k',
          decidedAt: '2026-11-02T10:00:00.000Z',
        },
      },
    };
  }
  return quietApi(request);
}

describe('identity review', { timeout: 20_000 }, () => {
  it('lists the pairs waiting in the queue, reachable from the navigation', async () => {
    reviewApi();
    renderApp('/identity-review');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Identity review' })).toBeTruthy();
    const link = await screen.findByRole('link', {
      name: 'Review Shevchenko Olena and Szewczenko Olena',
    });
    expect(link.getAttribute('href')).toBe(`/identity-review/${PAIR_ID}`);
    expect(screen.getByText('93.0%')).toBeTruthy();
    expect(link.closest('tr')?.textContent).toContain('Merged: twins?');
    // Pairs across the border: counted with their country, never shown.
    expect(
      screen.getByText('2 pairs with a record in Romania await a reviewer of both countries'),
    ).toBeTruthy();
  });

  it('shows the two records side by side, marks the differences and the weights, and decides', async () => {
    const api = reviewApi();
    renderApp(`/identity-review/${PAIR_ID}`);
    const table = await screen.findByRole('table', { name: /side by side/ });
    // Why it is asked: already one identity, though it could be twins.
    expect(screen.getByRole('note').textContent).toMatch(
      /joined into one identity although their given names differ.*Choose “Different people”/,
    );
    const row = (label: string) =>
      within(table)
        .getByRole('rowheader', { name: new RegExp(`^${label}`) })
        .closest('tr');
    expect(row('Family name')?.textContent).toContain('Differs');
    expect(row('Family name')?.textContent).toContain('+3.3');
    expect(row('Family name')?.textContent).toContain('equivalent');
    expect(row('Date of birth')?.textContent).not.toContain('Differs');
    expect(row('Documents')?.textContent).toContain('FE123456');

    fireEvent.change(screen.getByLabelText('Reason (optional)'), {
      target: { value: 'Twin sister' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Different people' }));
    expect(await screen.findByText(/Your decision is recorded/)).toBeTruthy();
    const post = api.requests.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({ decision: 'different-people', reason: 'Twin sister' });
    expect(post?.headers.get('x-csrf-token')).toBe(CSRF_TOKEN);
    expect(screen.getByText(/Decided: different people, by olena.k/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Same person' })).toBeNull();
  });

  it('says so when another reviewer decided first', async () => {
    fakeApi((request) => {
      if (request.method === 'POST') {
        return {
          status: 409,
          body: {
            type: 'about:blank',
            title: 'This pair has already been decided',
            status: 409,
            code: 'already-decided',
          },
        };
      }
      return request.path === '/api/v1/session' ? { body: CASEWORKER } : reviewHandler(request);
    });
    renderApp(`/identity-review/${PAIR_ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Same person' }));
    expect(await screen.findByText(/Another reviewer decided this pair/)).toBeTruthy();
  });

  it('speaks Ukrainian', async () => {
    reviewApi();
    renderApp(`/identity-review/${PAIR_ID}`, { language: 'uk' });
    expect(await screen.findByRole('heading', { name: 'Це одна людина?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Одна людина' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Різні люди' })).toBeTruthy();
    expect(screen.getByRole('note').textContent).toMatch(/^Ці записи об’єднано в одну особу/);
  });

  it('has no navigation entry for a role without identity:review', async () => {
    reviewApi(buildSession());
    renderApp('/registrations');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Identity review' })).toBeNull();
  });
});
