import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  buildSession,
  CSRF_TOKEN,
  fakeApi,
  quietApi,
  UNAUTHENTICATED,
} from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

const ANALYST = buildSession({ role: 'analyst', permissions: ['statistics:read'] });

describe('the signed-in session', () => {
  it('goes to sign in when any request finds the session ended, and comes back afterwards', async () => {
    let isSessionAlive = true;
    let listRequests = 0;
    const api = fakeApi((request) => {
      if (request.path === '/api/v1/session' && request.method === 'POST') {
        isSessionAlive = true;
        return { body: buildSession() };
      }
      if (request.path.startsWith('/api/v1/registrations?') && ++listRequests === 1) {
        // The session expired on the server while the page was open.
        isSessionAlive = false;
      }
      return isSessionAlive ? quietApi(request) : UNAUTHENTICATED;
    });
    const { router } = renderApp('/registrations?siteId=5b0c3e0e-8f5a-4c55-9d76-3f0f2f4d9a11');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.search).toBe(
      `?next=${encodeURIComponent('/registrations?siteId=5b0c3e0e-8f5a-4c55-9d76-3f0f2f4d9a11')}`,
    );

    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'olena.k' } });
    fireEvent.change(screen.getByLabelText('Password'), {
      target: { value: 'correct horse battery staple' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('No registrations match the search.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/registrations');
    expect(api.requests.filter((r) => r.path.startsWith('/api/v1/registrations?'))).toHaveLength(2);
  });

  it('shows who is signed in, labels a demo account and signs out with the CSRF token', async () => {
    const api = fakeApi((request) => {
      if (request.path === '/api/v1/session' && request.method === 'GET') {
        return { body: buildSession({ isDemo: true }) };
      }
      if (request.path === '/api/v1/session' && request.method === 'DELETE') {
        return { status: 204 };
      }
      return quietApi(request);
    });
    const { router } = renderApp('/registrations');
    const user = await screen.findByRole('region', { name: 'Signed-in user' });
    expect(within(user).getByText('Olena Kovalenko')).toBeTruthy();
    expect(within(user).getByText('Registrar')).toBeTruthy();
    expect(within(user).getByText('Demo account')).toBeTruthy();

    fireEvent.click(within(user).getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.queryByRole('region', { name: 'Signed-in user' })).toBeNull();
    const signOut = api.requests.find((r) => r.method === 'DELETE');
    expect(signOut?.headers.get('x-csrf-token')).toBe(CSRF_TOKEN);
    expect(signOut?.credentials).toBe('same-origin');
  });
});

describe('role-aware navigation', () => {
  it('offers a registrar the list and the form, and nothing of administration', async () => {
    fakeApi(quietApi);
    renderApp('/registrations');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Registrations', 'Register a household']);
  });

  it('lands an analyst on aggregates, with no link to people', async () => {
    fakeApi((request) =>
      request.path === '/api/v1/session' ? { body: ANALYST } : quietApi(request),
    );
    const { router } = renderApp('/');

    expect(
      await screen.findByText(
        'Your role sees aggregate figures only, never the record of a person.',
      ),
    ).toBeTruthy();
    expect(router.state.location.pathname).toBe('/statistics');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Statistics']);
  });

  it('tells an analyst who opens the list by its address that the role does not open it', async () => {
    const api = fakeApi((request) =>
      request.path === '/api/v1/session' ? { body: ANALYST } : quietApi(request),
    );
    renderApp('/registrations');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Not available to your role' }),
    ).toBeTruthy();
    await waitFor(() => expect(api.requests.length).toBeGreaterThan(0));
    expect(api.requests.some((r) => r.path.startsWith('/api/v1/registrations'))).toBe(false);
  });

  it('offers an administrator the users page', async () => {
    fakeApi((request) => {
      if (request.path === '/api/v1/session') {
        return {
          body: buildSession({
            role: 'administrator',
            permissions: ['users:manage', 'sites:manage', 'statistics:read', 'audit:read'],
          }),
        };
      }
      if (request.path === '/api/v1/users') {
        return { body: [buildSession().user] };
      }
      return quietApi(request);
    });
    const { router } = renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/users');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Statistics', 'Users']);
  });
});
