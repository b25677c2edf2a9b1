import type { TallyClient } from '@tally/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { activityQueryKeys } from '../activity/activity-queries';
import { TallyClientProvider } from '../app/TallyClientProvider';
import { boardsListQueryKey } from '../boards/boards-list-query';
import { historyQueryKey } from '../counters/history';
import { useResyncOnReconnect } from './useResyncOnReconnect';

/** The part of a client the hook uses: its connect listeners, which the test calls as the client would. */
function clientStandIn() {
  const listeners = new Set<(recovered: boolean) => void>();
  const client = {
    onConnect(listener: (recovered: boolean) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  const connect = (recovered: boolean) => {
    for (const listener of listeners) listener(recovered);
  };
  return { client: client as unknown as TallyClient, connect, listeners };
}

function setUp() {
  const { client, connect, listeners } = clientStandIn();
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <TallyClientProvider client={client}>{children}</TallyClientProvider>
    </QueryClientProvider>
  );
  const hook = renderHook(() => useResyncOnReconnect(), { wrapper });
  const cache = (key: readonly unknown[]) => {
    queryClient.setQueryData(key, { cached: true });
    return () => queryClient.getQueryState(key)?.isInvalidated;
  };
  return { connect, cache, hook, listeners };
}

describe('useResyncOnReconnect', () => {
  afterEach(cleanup);

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

  it('stops listening when the app goes', () => {
    const { hook, listeners } = setUp();
    expect(listeners.size).toBe(1);
    hook.unmount();
    expect(listeners.size).toBe(0);
  });
});
