import type { User } from '@haven/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildSession, CSRF_TOKEN, fakeApi, quietApi, SITE } from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

const ADMIN = buildSession({
  role: 'administrator',
  permissions: ['users:manage', 'sites:manage', 'statistics:read'],
});

const REGISTRAR: User = {
  id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
  username: 'anna.n',
  displayName: 'Anna Nowak',
  role: 'registrar',
  countries: [],
  siteIds: [SITE.id],
  isDemo: false,
  disabled: false,
  createdAt: '2026-02-01T08:00:00.000Z',
};

function usersApi() {
  let users: User[] = [ADMIN.user, REGISTRAR];
  return fakeApi((request) => {
    if (request.path === '/api/v1/session') {
      return { body: ADMIN };
    }
    if (request.path === '/api/v1/countries') {
      return {
        body: [
          { code: 'PL', alpha3: 'POL', name: 'Poland' },
          { code: 'RO', alpha3: 'ROU', name: 'Romania' },
        ],
      };
    }
    if (request.path === '/api/v1/users' && request.method === 'GET') {
      return { body: users };
    }
    if (request.path === `/api/v1/users/${REGISTRAR.id}` && request.method === 'PATCH') {
      users = users.map((user) => (user.id === REGISTRAR.id ? { ...user, disabled: true } : user));
      return { body: users[1] };
    }
    if (request.path === `/api/v1/users/${REGISTRAR.id}/mfa` && request.method === 'DELETE') {
      return { status: 204 };
    }
    if (request.path === '/api/v1/users' && request.method === 'POST') {
      return { status: 201, body: { ...REGISTRAR, id: crypto.randomUUID() } };
    }
    return quietApi(request);
  });
}

describe('users', { timeout: 20_000 }, () => {
  it('lists users with role and scope, and disables one', async () => {
    const api = usersApi();
    renderApp('/users');
    const row = (await screen.findByText('Anna Nowak')).closest('tr');
    expect(row?.textContent).toContain('Registrar');
    expect(row?.textContent).toContain('Medyka');

    fireEvent.click(
      within(row ?? document.body).getByRole('button', { name: 'Disable Anna Nowak' }),
    );

    await waitFor(() => expect(row?.textContent).toContain('Disabled'));
    const patch = api.requests.find((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({ disabled: true });
    expect(patch?.headers.get('x-csrf-token')).toBe(CSRF_TOKEN);
    // Nobody disables their own account by mistake.
    const me = screen.getByText('Olena Kovalenko', { selector: 'th' }).closest('tr');
    expect(within(me ?? document.body).queryByRole('button')).toBeNull();
  });

  it("resets a user's second factor (a lost phone)", async () => {
    const api = usersApi();
    renderApp('/users');
    const row = (await screen.findByText('Anna Nowak')).closest('tr');

    fireEvent.click(
      within(row ?? document.body).getByRole('button', {
        name: 'Reset the second factor of Anna Nowak',
      }),
    );

    expect((await screen.findByRole('status')).textContent).toBe(
      'Anna Nowak will set up a new authenticator app at the next sign-in.',
    );
    const reset = api.requests.find((r) => r.method === 'DELETE');
    expect(reset?.path).toBe(`/api/v1/users/${REGISTRAR.id}/mfa`);
    expect(reset?.headers.get('x-csrf-token')).toBe(CSRF_TOKEN);
  });

  it('checks a new user with the contract, then creates them', async () => {
    const api = usersApi();
    renderApp('/users');
    await screen.findByText('Anna Nowak');
    const form = screen.getByRole('form', { name: 'Add a user' });
    const change = (label: string, value: string) =>
      fireEvent.change(within(form).getByLabelText(label, { exact: false }), {
        target: { value },
      });
    change('Full name', 'Anna Nowak');
    change('Username', 'anna.n');
    change('First password', 'too short');
    change('Role', 'registrar');
    fireEvent.click(within(form).getByRole('button', { name: 'Add user' }));

    expect(await within(form).findByText('Must be at least 12 characters')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);

    change('First password', 'a long enough first password');
    fireEvent.click(within(form).getByLabelText('Medyka (Poland)'));
    fireEvent.click(within(form).getByLabelText('Poland'));
    fireEvent.click(within(form).getByRole('button', { name: 'Add user' }));

    expect(await within(form).findByText('User Anna Nowak added.')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({
      displayName: 'Anna Nowak',
      username: 'anna.n',
      password: 'a long enough first password',
      role: 'registrar',
      countries: ['PL'],
      siteIds: [SITE.id],
    });
  });
});
