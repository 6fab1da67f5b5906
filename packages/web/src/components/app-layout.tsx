import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from './language-switch.js';

/** The frame of every page: skip link, header with navigation and language, and the main landmark. */
export function AppLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

  // A new page replaces the old one without a load: start screen readers at its content.
  useEffect(() => {
    if (previousPath.current !== pathname) {
      previousPath.current = pathname;
      main.current?.focus();
    }
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <p className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </p>
          <nav aria-label={t('nav.label')}>
            <ul>
              <li>
                <NavLink to="/registrations" end>
                  {t('nav.registrations')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/registrations/new">{t('nav.register')}</NavLink>
              </li>
            </ul>
          </nav>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        <Outlet />
      </main>
    </>
  );
}
