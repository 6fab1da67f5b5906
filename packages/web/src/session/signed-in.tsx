import type { Session } from '@haven/contract';
import type { Permission } from '@haven/core';
import { createContext, use, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { LoadFailure } from '../components/load-failure.js';
import { hasPermission } from './permissions.js';
import { secondFactorPathOf } from './second-factor.js';
import { useSessionQuery } from './session-query.js';

const SignedInContext = createContext<Session | null>(null);

/** The session of the signed-in user; only pages inside {@link RequireSession} may ask. */
export function useSignedIn(): Session {
  const session = use(SignedInContext);
  if (!session) {
    throw new Error('useSignedIn() is used outside <RequireSession>');
  }
  return session;
}

/**
 * Shows its children to a signed-in user; anyone else goes to the sign-in page, which brings them
 * back here afterwards. A 401 from any request ends the session and so lands here too.
 */
export function RequireSession({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const session = useSessionQuery();
  if (session.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (session.isError) {
    return <LoadFailure error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (session.data === null) {
    const next = new URLSearchParams({ next: `${pathname}${search}` });
    return <Navigate to={`/login?${next.toString()}`} replace />;
  }
  // Signed in by password alone: the second factor first, then back here (issue 7).
  const secondFactorPath = secondFactorPathOf(session.data);
  if (secondFactorPath) {
    const next = new URLSearchParams({ next: `${pathname}${search}` });
    return <Navigate to={`${secondFactorPath}?${next.toString()}`} replace />;
  }
  return <SignedInContext value={session.data}>{children}</SignedInContext>;
}

/** A page for holders of one permission; others read why they cannot see it. */
export function RequirePermission({
  permission,
  children,
}: {
  readonly permission: Permission;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const session = useSignedIn();
  if (hasPermission(session, permission)) {
    return children;
  }
  return (
    <>
      <title>{`${t('access.deniedTitle')} · ${t('app.name')}`}</title>
      <h1>{t('access.deniedTitle')}</h1>
      <p>{t('access.denied')}</p>
    </>
  );
}
