import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  buildSession,
  fakeApi,
  quietApi,
  UNAUTHENTICATED,
  type SentRequest,
} from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

const change = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });

const problem = (status: number, code: string, title: string) => ({
  status,
  body: { type: 'about:blank', title, status, code },
});

/** An API where nobody is signed in until POST /session answers `signInReply`. */
function signedOutApi(signInReply: (request: SentRequest) => ReturnType<typeof quietApi>) {
  let isSignedIn = false;
  return fakeApi(async (request) => {
    if (request.path === '/api/v1/session' && request.method === 'POST') {
      const reply = await signInReply(request);
      isSignedIn = (reply.status ?? 200) === 200;
      return reply;
    }
    if (!isSignedIn) {
      return UNAUTHENTICATED;
    }
    return quietApi(request);
  });
}

function signInWith(username: string, password: string) {
  change(screen.getByLabelText('Username'), username);
  change(screen.getByLabelText('Password'), password);
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('signing in', () => {
  it('sends a signed-out user to sign in, then back to the page they asked for', async () => {
    const api = signedOutApi(() => ({ body: buildSession() }));
    const { router } = renderApp('/registrations?q=Shevchenko');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.getByText('Sign in to continue where you left off.')).toBeTruthy();
    // Nothing of the app is offered before signing in.
    expect(screen.queryByRole('navigation')).toBeNull();

    signInWith(' Olena.K ', 'correct horse battery staple');

    expect(await screen.findByRole('heading', { level: 1, name: 'Registrations' })).toBeTruthy();
    expect(`${router.state.location.pathname}${router.state.location.search}`).toBe(
      '/registrations?q=Shevchenko',
    );
    const signIn = api.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/session');
    expect(signIn?.body).toEqual({
      username: 'olena.k',
      password: 'correct horse battery staple',
    });
    expect(screen.getByText('Olena Kovalenko')).toBeTruthy();
    expect(screen.getByText('Registrar')).toBeTruthy();
  });

  it('says the username or password is wrong, and empties the password', async () => {
    signedOutApi(() => problem(401, 'invalid-credentials', 'Wrong username or password'));
    renderApp('/login');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });

    signInWith('olena.k', 'not the password');

    expect((await screen.findByRole('alert')).textContent).toBe(
      'The username or password is not right. Check both and try again.',
    );
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
  });

  it('says how many minutes to wait once signing in is locked, in Ukrainian too', async () => {
    signedOutApi(() => ({
      ...problem(429, 'locked', 'Too many failed sign-ins'),
      headers: { 'retry-after': '270' },
    }));
    renderApp('/login', { language: 'uk' });
    await screen.findByRole('heading', { level: 1, name: 'Вхід' });

    change(screen.getByLabelText('Ім’я користувача'), 'olena.k');
    change(screen.getByLabelText('Пароль'), 'guess number six');
    fireEvent.click(screen.getByRole('button', { name: 'Увійти' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Забагато невдалих спроб: вхід заблоковано. Спробуйте знову через 5 хвилин.',
    );
  });

  it('says the server could not be reached when the network fails', async () => {
    signedOutApi(() => {
      throw new TypeError('Failed to fetch');
    });
    renderApp('/login');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });

    signInWith('olena.k', 'correct horse battery staple');

    expect((await screen.findByRole('alert')).textContent).toContain('Could not reach the server');
  });

  it('asks for both fields before sending anything', async () => {
    const api = signedOutApi(() => ({ body: buildSession() }));
    renderApp('/login');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });

    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() =>
      expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true'),
    );
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('ignores a return address outside Haven after signing in', async () => {
    signedOutApi(() => ({ body: buildSession() }));
    const { router } = renderApp('/login?next=//evil.example/steal');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });

    signInWith('olena.k', 'correct horse battery staple');

    await screen.findByRole('heading', { level: 1, name: 'Registrations' });
    expect(router.state.location.pathname).toBe('/registrations');
  });
});
