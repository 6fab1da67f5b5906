import { render, type RenderResult } from '@testing-library/react';
import type { i18n } from 'i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders, createQueryClient } from '../app-providers.js';
import { appRoutes } from '../app-routes.js';
import { createI18n } from '../i18n/create-i18n.js';
import type { Language } from '../i18n/resources.js';

interface RenderAppOptions {
  /** A fixed language; without it the app detects one as in the browser. */
  readonly language?: Language;
}

/** The whole app at a path, with a fresh cache and translation instance. */
export function renderApp(
  path: string,
  options: RenderAppOptions = {},
): RenderResult & { i18n: i18n; router: ReturnType<typeof createMemoryRouter> } {
  const i18n = createI18n(options.language ? { language: options.language } : {});
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  // The app's own client (its 401 handling included), without retries to keep tests quick.
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    ...queryClient.getDefaultOptions(),
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
  });
  const result = render(
    <AppProviders i18n={i18n} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, i18n, router };
}
