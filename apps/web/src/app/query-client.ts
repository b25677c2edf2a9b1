import { QueryClient } from '@tanstack/react-query';

/**
 * Board data arrives through the socket and is kept current by events, so queries do not go
 * stale by themselves; a reconnect invalidates them all (see useResyncOnReconnect). Queries
 * keep React Query's default network mode: nothing is fetched while the browser says it is
 * offline (a doomed request would only fail), and paused fetches resume when it is back.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
    },
    // Actions answer at once when offline (a toast says so) rather than firing much later.
    mutations: { networkMode: 'always' },
  },
});
