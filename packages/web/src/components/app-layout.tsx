import type { Session } from '@haven/contract';
import type { Permission } from '@haven/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import type { en } from '../i18n/resources.js';
import { hasPermission } from '../session/permissions.js';
import { secondFactorPathOf } from '../session/second-factor.js';
import { useSessionQuery } from '../session/session-query.js';
import { LanguageSwitch } from './language-switch.js';
import { UserMenu } from './user-menu.js';

interface NavItem {
  readonly to: string;
  readonly label: keyof typeof en.nav;
  readonly permission: Permission;
}

// Only links the user's role can use; the server refuses the rest anyway (issue #4).
const NAV_ITEMS: readonly NavItem[] = [
  { to: '/registrations', label: 'registrations', permission: 'persons:read' },
  { to: '/registrations/new', label: 'register', permission: 'registrations:create' },
  { to: '/statistics', label: 'statistics', permission: 'statistics:read' },
  { to: '/users', label: 'users', permission: 'users:manage' },
  { to: '/identity-review', label: 'identityReview', permission: 'identity:review' },
  { to: '/corridors', label: 'corridors', permission: 'corridors:read' },
  { to: '/reception', label: 'reception', permission: 'arrivals:check-in' },
  { to: '/evacuation-figures', label: 'evacuationFigures', permission: 'corridors:read' },
  { to: '/protection-cases', label: 'protectionCases', permission: 'protection:decide' },
  { to: '/cash/programmes', label: 'programmes', permission: 'cash:read' },
  { to: '/cash/holds', label: 'cashHolds', permission: 'cash:manage' },
];

function MainNav({ session }: { readonly session: Session }) {
  const { t } = useTranslation();
  const items = NAV_ITEMS.filter((item) => hasPermission(session, item.permission));
  return (
    <nav aria-label={t('nav.label')}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end>
              {t(`nav.${item.label}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The frame of every page: skip link, header with navigation, the signed-in user and language,
 * and the main landmark. Before signing in it shows only the brand and the language.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const session = useSessionQuery().data;
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
          {session && !secondFactorPathOf(session) && <MainNav session={session} />}
          <div className="header-tools">
            {session && <UserMenu session={session} />}
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        <Outlet />
      </main>
    </>
  );
}
