import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, quietApi, SITE } from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

function summary(n: number) {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    householdId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    site: { id: SITE.id, name: SITE.name, countryCode: SITE.countryCode, kind: SITE.kind },
    registeredAt: '2022-03-05T09:30:00.000Z',
    originPcode: 'UA63',
    householdSize: 2,
    head: {
      givenName: `Олена${'а'.repeat(n)}`,
      familyName: 'Шевченко',
      givenNameLatin: `Olena${'a'.repeat(n)}`,
      familyNameLatin: 'Shevchenko',
      birthDate: '1985-04',
    },
  };
}

describe('registrations list', () => {
  it('loads the next page after the last row when asked, and links each row to its household', async () => {
    const api = fakeApi((request) => {
      if (request.path.startsWith('/api/v1/registrations?')) {
        const isSecondPage = request.path.includes('cursor=page-2');
        return {
          body: isSecondPage
            ? { items: [summary(3)], nextCursor: null }
            : { items: [summary(1), summary(2)], nextCursor: 'page-2' },
        };
      }
      return quietApi(request);
    });
    renderApp('/registrations');

    expect(await screen.findByText('2 registrations shown')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('3 registrations shown')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const link = screen.getByRole('link', { name: /Шевченко Оленаааа/ });
    expect(link.getAttribute('href')).toBe(`/households/${summary(3).householdId}`);
    expect(
      api.requests.map((r) => r.path).filter((p) => p.startsWith('/api/v1/registrations')),
    ).toEqual(['/api/v1/registrations?limit=25', '/api/v1/registrations?limit=25&cursor=page-2']);
  });

  it('searches by name and birth date, refusing an impossible date before asking the server', async () => {
    const api = fakeApi(quietApi);
    renderApp('/registrations');
    await screen.findByText('No registrations match the search.');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Шевченко' } });
    const birthDate = screen.getByLabelText('Birth date');
    fireEvent.change(birthDate, { target: { value: '1985-02-30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));

    expect(birthDate.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Write a real date as 1985, 1985-03 or 1985-03-14')).toBeTruthy();

    fireEvent.change(birthDate, { target: { value: '1985-02' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(api.requests.at(-1)?.path).toBe(
        `/api/v1/registrations?q=${encodeURIComponent('Шевченко')}&birthDate=1985-02&limit=25`,
      ),
    );
  });
});
