import { useQuery } from '@tanstack/react-query';
import { getHousehold, getRegistration, listHostCountries, listSites } from './client.js';

// Query keys and fetchers in one place, so every page reads the same cache.

export function useSites() {
  return useQuery({ queryKey: ['sites'], queryFn: listSites, staleTime: 5 * 60_000 });
}

/** The host countries of this deployment: they change with a migration, not during a day. */
export function useHostCountries() {
  return useQuery({
    queryKey: ['countries'],
    queryFn: listHostCountries,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useHousehold(id: string) {
  return useQuery({ queryKey: ['households', id], queryFn: () => getHousehold(id) });
}

export const registrationQuery = (id: string) => ({
  queryKey: ['registrations', 'one', id],
  queryFn: () => getRegistration(id),
});
