import type { SecondFactorStatus, Session } from '@haven/contract';
import { homePathOf } from './permissions.js';

export const AUTHENTICATOR_SETUP_PATH = '/login/authenticator';
export const SECOND_FACTOR_PATH = '/login/second-factor';

/** Where a session that still owes its second factor goes: set up the app, or give a code. */
export function secondFactorPathOf(session: {
  readonly secondFactor: SecondFactorStatus;
}): string | undefined {
  switch (session.secondFactor) {
    case 'enrol':
      return AUTHENTICATOR_SETUP_PATH;
    case 'verify':
      return SECOND_FACTOR_PATH;
    case 'passed':
    case 'not-required':
      return undefined;
  }
}

const withNext = (path: string, next: string | undefined): string =>
  next ? `${path}?${new URLSearchParams({ next }).toString()}` : path;

/**
 * Where a second-factor page at `page` sends its visitor instead of showing itself, or
 * undefined to stay: nobody signed in goes to sign in, a session that owes the other step goes
 * there, one that owes nothing goes on to `next` (or the start page of the role).
 */
export function secondFactorRedirect(
  session: Session | null,
  page: string,
  next: string | undefined,
): string | undefined {
  if (session === null) {
    return withNext('/login', next);
  }
  const owed = secondFactorPathOf(session);
  if (owed === undefined) {
    return next ?? homePathOf(session);
  }
  return owed === page ? undefined : withNext(owed, next);
}
