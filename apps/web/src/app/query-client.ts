import { QueryClient } from '@tanstack/react-query';

/**
 * Board data arrives through the socket and is kept current by events, so queries do not go
 * stale by themselves; a reconnect invalidates them all (see useResyncOnReconnect).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
      // The socket decides what "online" means here, not navigator.onLine.
      networkMode: 'always',
    },
    mutations: { networkMode: 'always' },
  },
});
