import type { Session } from '@haven/contract';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { forgetSession, getSession } from '../api/client.js';

export const SESSION_QUERY_KEY = ['session'] as const;

/** Who is signed in, or null; asked once when the app starts and kept until it changes. */
export function useSessionQuery() {
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: getSession,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Everything read under a session, dropped when it ends: on a shared tablet the next user must
 * not see what the last one was allowed to. The sign-in page calls it once the pages that read
 * the data are gone; removing it under them would only make them fetch it again.
 */
export function forgetReadData(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY_KEY[0] });
}

/** Records who is signed in now (null: nobody), which every page behind the session follows. */
export function startSession(client: QueryClient, session: Session | null): void {
  if (session === null) {
    forgetSession();
  } else {
    forgetReadData(client);
  }
  client.setQueryData(SESSION_QUERY_KEY, session);
}
