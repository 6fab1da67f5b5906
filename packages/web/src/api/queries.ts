import { useQuery } from '@tanstack/react-query';
import { getHousehold, getRegistration, listSites } from './client.js';

// Query keys and fetchers in one place, so every page reads the same cache.

export function useSites() {
  return useQuery({ queryKey: ['sites'], queryFn: listSites, staleTime: 5 * 60_000 });
}

export function useHousehold(id: string) {
  return useQuery({ queryKey: ['households', id], queryFn: () => getHousehold(id) });
}

export const registrationQuery = (id: string) => ({
  queryKey: ['registrations', 'one', id],
  queryFn: () => getRegistration(id),
});
