import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../i18n/create-i18n.js';
import { fakeApi, quietApi } from '../test-support/fake-api.js';
import { renderApp } from '../test-support/render-app.js';

describe('language switch', () => {
  it('switches every label to Ukrainian, marks the page as Ukrainian and remembers the choice', async () => {
    fakeApi(quietApi);
    renderApp('/registrations/new');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Register a household' }),
    ).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');

    fireEvent.click(screen.getByRole('button', { name: 'Українська' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Реєстрація домогосподарства' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Реєстрації' })).toBeTruthy();
    expect(screen.getByLabelText('Прізвище')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Українська' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(document.documentElement.lang).toBe('uk');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('uk');
  });

  it('starts in the language chosen before', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'uk');
    fakeApi(quietApi);
    renderApp('/registrations');
    expect(await screen.findByRole('heading', { level: 1, name: 'Реєстрації' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Шукати' })).toBeTruthy();
  });
});
