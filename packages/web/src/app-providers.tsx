import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { isRetryable } from './api/problem-error.js';

export function createQueryClient(): QueryClient {
  return new QueryClient({
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
