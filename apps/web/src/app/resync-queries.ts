import type { TallyClient } from '@tally/client';
import type { QueryClient } from '@tanstack/react-query';
import { activityQueryKeys } from '../activity/activity-queries';

/**
 * Brings the HTTP data up to date after a connection the server did not recover: while this tab
 * was away, the boards list and the counters' histories moved on unheard. (After a recovered
 * one the server replayed what was missed, and nothing is refetched.) Boards are the client's:
 * it joins them again itself. A board's activity history follows its board's load instead (see
 * useActivityHistory): asked for before the join, it would miss what happens between the two.
 * Returns the removal of the listener.
 */
export function resyncQueriesOnReconnect(
  client: Pick<TallyClient, 'onConnect'>,
  queryClient: QueryClient,
): () => void {
  return client.onConnect((recovered) => {
    if (recovered) return;
    // A load already on its way (waiting for this very connection) is not started twice.
    void queryClient.invalidateQueries(
      { predicate: (query) => query.queryKey[0] !== activityQueryKeys.all[0] },
      { cancelRefetch: false },
    );
  });
}
