import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import {
  isCsrfRefused,
  isRetryable,
  isSecondFactorRequired,
  isUnauthenticated,
} from './api/problem-error.js';
import { SESSION_QUERY_KEY, startSession } from './session/session-query.js';

export function createQueryClient(): QueryClient {
  // Any answer saying the session is gone (expired, signed out in another tab) ends it here too:
  // the pages behind <RequireSession> then send the user to sign in and back.
  const endSessionOn = (error: Error) => {
    if (isUnauthenticated(error)) {
      startSession(client, null);
    } else if (isCsrfRefused(error) || isSecondFactorRequired(error)) {
      // Signing in again elsewhere gave this browser a new session and token: fetch it, so
      // that trying again works. A session still owing its second factor is sent to it the same
      // way: the fresh session says so, and <RequireSession> follows.
      void client.refetchQueries({ queryKey: SESSION_QUERY_KEY });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: endSessionOn }),
    mutationCache: new MutationCache({ onError: endSessionOn }),
    defaultOptions: {
      queries: {
        // Only a lost answer is worth asking again; a 404 stays a 404.
        retry: (failures, error) => failures < 2 && isRetryable(error),
        staleTime: 30_000,
        // Tablets wake up and refocus constantly; refetching each time wastes a poor connection.
        refetchOnWindowFocus: false,
      },
    },
  });
  return client;
}

interface AppProvidersProps {
  readonly i18n: i18n;
  readonly queryClient?: QueryClient;
  readonly children: ReactNode;
}

export function AppProviders({ i18n, queryClient, children }: AppProvidersProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </I18nextProvider>
  );
}
