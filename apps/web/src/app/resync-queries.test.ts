import type { TallyClient } from '@tally/client';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { activityQueryKeys } from '../activity/activity-queries';
import { boardsListQueryKey } from '../boards/boards-list-query';
import { historyQueryKey } from '../counters/history';
import { resyncQueriesOnReconnect } from './resync-queries';

/** The part of a client it uses: its connect listeners, which the test calls as the client would. */
function clientStandIn() {
  const listeners = new Set<(recovered: boolean) => void>();
  const client: Pick<TallyClient, 'onConnect'> = {
    onConnect(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  const connect = (recovered: boolean) => {
    for (const listener of listeners) listener(recovered);
  };
  return { client, connect, listeners };
}

function setUp() {
  const { client, connect, listeners } = clientStandIn();
  const queryClient = new QueryClient();
  const stop = resyncQueriesOnReconnect(client, queryClient);
  const cache = (key: readonly unknown[]) => {
    queryClient.setQueryData(key, { cached: true });
    return () => queryClient.getQueryState(key)?.isInvalidated;
  };
  return { connect, cache, stop, listeners };
}

describe('resyncQueriesOnReconnect', () => {
  it('refetches the HTTP data but the activity after a connection the server did not recover', () => {
    const { connect, cache } = setUp();
    const listStale = cache(boardsListQueryKey);
    const historyStale = cache(historyQueryKey('c1'));
    const activityStale = cache(activityQueryKeys.board('b1'));
    connect(false);
    expect(listStale()).toBe(true);
    expect(historyStale()).toBe(true);
    // The activity is asked for again once the board has been joined again, not before.
    expect(activityStale()).toBe(false);
  });

  it('refetches nothing after a recovered connection (regression: every connect refetched)', () => {
    const { connect, cache } = setUp();
    const listStale = cache(boardsListQueryKey);
    const historyStale = cache(historyQueryKey('c1'));
    connect(true);
    expect(listStale()).toBe(false);
    expect(historyStale()).toBe(false);
  });

  it('stops listening when asked', () => {
    const { stop, listeners } = setUp();
    expect(listeners.size).toBe(1);
    stop();
    expect(listeners.size).toBe(0);
  });
});
