import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppProviders } from './app-providers.js';
import { appRoutes } from './app-routes.js';
import { createI18n } from './i18n/create-i18n.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root element');
}
const i18n = createI18n();
document.documentElement.lang = i18n.resolvedLanguage ?? i18n.language;

createRoot(root).render(
  <StrictMode>
    <AppProviders i18n={i18n}>
      <RouterProvider router={createBrowserRouter(appRoutes)} />
    </AppProviders>
  </StrictMode>,
);
