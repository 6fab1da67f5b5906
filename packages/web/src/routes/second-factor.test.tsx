import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildSession,
  fakeApi,
  quietApi,
  UNAUTHENTICATED,
  type FakeReply,
  type SentRequest,
} from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

const change = (element: HTMLElement, value: string) =>
  fireEvent.change(element, { target: { value } });

const URI = 'otpauth://totp/Haven:olena.k?issuer=Haven&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const RECOVERY_CODES = Array.from({ length: 10 }, (_, i) => `ABCD-EFGH-JKLM-NP${String(i + 10)}`);

/**
 * A server where olena.k signs in with a password and then owes the second factor in the given
 * state, until the verification or enrolment endpoint answers `reply`.
 */
function secondFactorApi(
  owed: 'enrol' | 'verify',
  reply: (request: SentRequest) => FakeReply = () => ({}),
) {
  let state: 'signed-out' | 'enrol' | 'verify' | 'passed' = 'signed-out';
  return fakeApi((request) => {
    const { method, path } = request;
    if (method === 'POST' && path === '/api/v1/session') {
      state = owed;
      return { body: buildSession({ secondFactor: owed }) };
    }
    if (state === 'signed-out') {
      return UNAUTHENTICATED;
    }
    if (method === 'POST' && path === '/api/v1/session/mfa/enrolment') {
      return { body: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', uri: URI } };
    }
    if (method === 'POST' && path.startsWith('/api/v1/session/mfa/')) {
      const answer = reply(request);
      if ((answer.status ?? 200) !== 200) {
        return answer;
      }
      state = 'passed';
      const session = buildSession({ secondFactor: 'passed' });
      return {
        body: path.endsWith('/confirmation')
          ? { recoveryCodes: RECOVERY_CODES, session: { ...session, csrfToken: 'upgraded' } }
          : { ...session, csrfToken: 'upgraded' },
      };
    }
    if (method === 'GET' && path === '/api/v1/session') {
      return { body: buildSession({ secondFactor: state === 'passed' ? 'passed' : owed }) };
    }
    if (state !== 'passed' && path.startsWith('/api/v1/registrations')) {
      return {
        status: 403,
        body: {
          type: 'about:blank',
          title: 'Pass the second factor first',
          status: 403,
          code: 'mfa-required',
        },
      };
    }
    return quietApi(request);
  });
}

async function signInByPassword() {
  await screen.findByRole('heading', { level: 1, name: 'Sign in' });
  change(screen.getByLabelText('Username'), 'olena.k');
  change(screen.getByLabelText('Password'), 'tram lviv sunflower 42');
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

const wrongCode: FakeReply = {
  status: 400,
  body: {
    type: 'about:blank',
    title: 'The code is not right',
    status: 400,
    code: 'wrong-code',
    errors: [{ field: 'code', in: 'body', message: 'Wrong, expired or already used' }],
  },
};

describe('the second step of signing in', () => {
  it('asks for the code after the password, before any record is shown, then goes on', async () => {
    const api = secondFactorApi('verify');
    const { router } = renderApp('/registrations?q=Shevchenko');
    await signInByPassword();

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Second step of signing in' }),
    ).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login/second-factor');
    // No way into the app until the second step is done.
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(api.requests.some((r) => r.path.startsWith('/api/v1/registrations'))).toBe(false);

    change(screen.getByLabelText('Code from the authenticator app'), '123 456');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Registrations' })).toBeTruthy();
    expect(`${router.state.location.pathname}${router.state.location.search}`).toBe(
      '/registrations?q=Shevchenko',
    );
    const verification = api.requests.find((r) => r.path === '/api/v1/session/mfa/verification');
    expect(verification?.body).toEqual({ code: '123456' });
  });

  it('says a wrong code is wrong, next to the field', async () => {
    secondFactorApi('verify', () => wrongCode);
    renderApp('/registrations');
    await signInByPassword();
    await screen.findByRole('heading', { level: 1, name: 'Second step of signing in' });

    change(screen.getByLabelText('Code from the authenticator app'), '000000');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    expect(
      await screen.findByText(
        'This code is not right, has expired or was used already. Enter the code the app shows now.',
      ),
    ).toBeTruthy();
    const input = screen.getByLabelText('Code from the authenticator app') as HTMLInputElement;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.value).toBe('');
  });

  it('checks the code has six digits before sending it', async () => {
    const api = secondFactorApi('verify');
    renderApp('/registrations');
    await signInByPassword();
    await screen.findByRole('heading', { level: 1, name: 'Second step of signing in' });

    change(screen.getByLabelText('Code from the authenticator app'), '12345');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByText('Enter the 6 digits the authenticator app shows.')).toBeTruthy();
    expect(api.requests.some((r) => r.path.startsWith('/api/v1/session/mfa/'))).toBe(false);
  });

  it('says how long to wait once too many codes were wrong', async () => {
    secondFactorApi('verify', () => ({
      status: 429,
      headers: { 'retry-after': '600' },
      body: { type: 'about:blank', title: 'Locked', status: 429, code: 'locked' },
    }));
    renderApp('/registrations');
    await signInByPassword();
    await screen.findByRole('heading', { level: 1, name: 'Second step of signing in' });

    change(screen.getByLabelText('Code from the authenticator app'), '123456');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many failed attempts: signing in is blocked. Try again in 10 minutes.',
    );
  });

  it('takes a recovery code instead', async () => {
    const api = secondFactorApi('verify');
    renderApp('/registrations');
    await signInByPassword();
    await screen.findByRole('heading', { level: 1, name: 'Second step of signing in' });

    fireEvent.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    change(screen.getByLabelText('Recovery code'), 'abcd-efgh-jklm-np10');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    await screen.findByRole('heading', { level: 1, name: 'Registrations' });
    const verification = api.requests.find((r) => r.path === '/api/v1/session/mfa/verification');
    expect(verification?.body).toEqual({ recoveryCode: 'abcd-efgh-jklm-np10' });
  });

  it('is in Ukrainian too', async () => {
    secondFactorApi('verify');
    renderApp('/login/second-factor', { language: 'uk' });
    // Signed out: sign in first, then back to the second step.
    await screen.findByRole('heading', { level: 1, name: 'Вхід' });
    change(screen.getByLabelText('Ім’я користувача'), 'olena.k');
    change(screen.getByLabelText('Пароль'), 'tram lviv sunflower 42');
    fireEvent.click(screen.getByRole('button', { name: 'Увійти' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Другий крок входу' }),
    ).toBeTruthy();
    expect(screen.getByLabelText('Код із застосунку-автентифікатора')).toBeTruthy();
  });
});

describe('setting up the authenticator app', () => {
  it('shows the QR code and key, confirms a first code, then the recovery codes once', async () => {
    const api = secondFactorApi('enrol');
    const { router } = renderApp('/registrations');
    await signInByPassword();

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Set up an authenticator app' }),
    ).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login/authenticator');
    fireEvent.click(screen.getByRole('button', { name: 'Set up the authenticator app' }));

    const qr = await screen.findByRole('img', {
      name: 'QR code to scan with the authenticator app',
    });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(screen.getByLabelText('Key for the authenticator app').textContent).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    );

    change(screen.getByLabelText('Code from the authenticator app'), '654321');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));

    const codes = await screen.findByRole('list', { name: 'Your recovery codes' });
    expect(
      within(codes)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(RECOVERY_CODES);
    const confirmation = api.requests.find(
      (r) => r.path === '/api/v1/session/mfa/enrolment/confirmation',
    );
    expect(confirmation?.body).toEqual({ code: '654321' });

    // Not on before the user says the codes are saved.
    const onward = screen.getByRole('button', { name: 'Continue to Haven' });
    fireEvent.click(onward);
    expect(screen.getByRole('list', { name: 'Your recovery codes' })).toBeTruthy();
    expect(onward.getAttribute('aria-disabled')).toBe('true');

    fireEvent.click(screen.getByLabelText('I have saved these recovery codes'));
    fireEvent.click(onward);

    expect(await screen.findByRole('heading', { level: 1, name: 'Registrations' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/registrations');
    expect(screen.queryByText(RECOVERY_CODES[0] ?? '')).toBeNull();
    // Later requests carry the CSRF token of the upgraded session.
    await waitFor(() =>
      expect(api.requests.some((r) => r.path.startsWith('/api/v1/registrations?'))).toBe(true),
    );
  });

  it('says a wrong first code is wrong', async () => {
    secondFactorApi('enrol', () => wrongCode);
    renderApp('/registrations');
    await signInByPassword();
    fireEvent.click(await screen.findByRole('button', { name: 'Set up the authenticator app' }));
    change(await screen.findByLabelText('Code from the authenticator app'), '000000');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));

    expect(
      await screen.findByText(
        'This code is not right, has expired or was used already. Enter the code the app shows now.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Your recovery codes' })).toBeNull();
  });
});

describe('a session that turns out to owe the second factor', () => {
  it('goes to the second step when a request answers mfa-required', async () => {
    let owes = false;
    fakeApi((request) => {
      if (request.method === 'GET' && request.path === '/api/v1/session') {
        return { body: buildSession({ secondFactor: owes ? 'verify' : 'passed' }) };
      }
      if (request.path.startsWith('/api/v1/registrations?')) {
        owes = true;
        return {
          status: 403,
          body: { type: 'about:blank', title: 'x', status: 403, code: 'mfa-required' },
        };
      }
      return quietApi(request);
    });
    const { router } = renderApp('/registrations');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Second step of signing in' }),
    ).toBeTruthy();
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/registrations')}`);
  });
});

describe('a security key as the second step', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** A browser that offers WebAuthn, whose key prompt the user cancels. */
  function browserWithCancelledKeyPrompt() {
    vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
    vi.stubGlobal('isSecureContext', true);
    const get = vi.fn(() =>
      Promise.reject(
        new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'),
      ),
    );
    Object.defineProperty(navigator, 'credentials', { value: { get }, configurable: true });
    return get;
  }

  it('is offered first to a user with a key; a cancelled prompt says so and codes remain', async () => {
    const prompt = browserWithCancelledKeyPrompt();
    const keyUser = buildSession({ secondFactor: 'verify', secondFactorMethods: ['security-key'] });
    let signedIn = false;
    const api = fakeApi((request) => {
      if (request.method === 'POST' && request.path === '/api/v1/session') {
        signedIn = true;
        return { body: keyUser };
      }
      if (!signedIn) {
        return UNAUTHENTICATED;
      }
      if (request.path === '/api/v1/session/security-keys/authentication-options') {
        return { body: { challenge: 'Y2hhbGxlbmdl', allowCredentials: [], timeout: 60000 } };
      }
      if (request.method === 'GET' && request.path === '/api/v1/session') {
        return { body: keyUser };
      }
      return quietApi(request);
    });
    renderApp('/registrations');
    await signInByPassword();
    await screen.findByRole('heading', { level: 1, name: 'Second step of signing in' });

    fireEvent.click(screen.getByRole('button', { name: 'Use my security key' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The browser did not use a key (cancelled or timed out). Try again, or use a code.',
    );
    expect(prompt).toHaveBeenCalledOnce();
    expect(
      api.requests.some((r) => r.path === '/api/v1/session/security-keys/authentication-options'),
    ).toBe(true);
    // No authenticator app to switch to: the recovery code is the other way in.
    expect(screen.getByLabelText('Recovery code')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Use the authenticator app instead' })).toBeNull();
  });
});
