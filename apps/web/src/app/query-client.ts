import { QueryClient } from '@tanstack/react-query';
import { resyncQueriesOnReconnect } from './resync-queries';
import { tallyClient } from './tally-client';

/**
 * HTTP data only (the boards list, activity pages, counter histories): boards themselves live in
 * the Tally client. Queries do not go stale by themselves; live updates extend what needs it, and
 * a connection the server did not recover invalidates the rest (resync-queries.ts). Only lazily
 * loaded parts of the app import it (see with-queries.tsx): the first screen does without it.
 * Queries keep React Query's default network mode: nothing is fetched while the browser says it
 * is offline (a doomed request would only fail), and paused fetches resume when it is back.
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

resyncQueriesOnReconnect(tallyClient, queryClient);
