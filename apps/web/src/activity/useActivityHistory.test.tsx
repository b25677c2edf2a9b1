import type { ActivityEntry, ActivityResponse } from '@tally/events';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rememberBoardKeys } from '../boards/board-keys';
import { useActivityHistory } from './useActivityHistory';

function entry(id: number): ActivityEntry {
  return {
    id: String(id),
    at: id,
    kind: 'increment',
    counterId: 'c1',
    counterName: 'Count',
    by: 1,
    value: id,
    actor: { clientId: 'ana-client', name: 'Ana' },
  };
}

/** The activity route as a stand-in for the server: two pages, recording every request. */
function activityRoute() {
  const requests: Array<{ url: string; key: string | null }> = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    requests.push({ url, key: new Headers(init?.headers).get('x-board-key') });
    const older = url.includes('before=');
    const body: ActivityResponse = older
      ? { entries: [entry(1)], nextCursor: null }
      : { entries: [entry(3), entry(2)], nextCursor: '2' };
    return new Response(JSON.stringify(body), { status: 200 });
  });
  return { fetch, requests };
}

function setUp(initialLoadedAt: number | undefined) {
  const route = activityRoute();
  vi.stubGlobal('fetch', route.fetch);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const hook = renderHook(({ loadedAt }) => useActivityHistory('b1', loadedAt), {
    wrapper,
    initialProps: { loadedAt: initialLoadedAt },
  });
  return { ...route, hook };
}

describe('useActivityHistory', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('asks for the history only once the board is loaded, with the board key of a private board', async () => {
    rememberBoardKeys('b1', { accessKey: 'access-key' });
    const { hook, requests } = setUp(undefined);
    expect(hook.result.current.paging.status).toBe('loading');
    expect(requests).toEqual([]);
    hook.rerender({ loadedAt: 1 });
    await waitFor(() => expect(hook.result.current.paging.status).toBe('ready'));
    expect(requests).toEqual([{ url: '/api/boards/b1/activity?limit=100', key: 'access-key' }]);
    expect(hook.result.current.entries.map((e) => e.id)).toEqual(['3', '2']);
    expect(hook.result.current.requestedAt).toBeTypeOf('number');
  });

  it('pages back with the cursor on "Load older"', async () => {
    const { hook, requests } = setUp(1);
    await waitFor(() => expect(hook.result.current.paging.hasOlder).toBe(true));
    act(() => hook.result.current.paging.loadOlder());
    await waitFor(() => expect(hook.result.current.entries.map((e) => e.id)).toEqual(['3', '2', '1']));
    expect(requests.at(-1)?.url).toBe('/api/boards/b1/activity?limit=100&before=2');
    expect(hook.result.current.paging.hasOlder).toBe(false);
  });

  it('asks again after the board was loaded again (a join after a reconnect that was not recovered)', async () => {
    const { hook, requests } = setUp(1);
    await waitFor(() => expect(hook.result.current.paging.status).toBe('ready'));
    hook.rerender({ loadedAt: 1 });
    expect(requests).toHaveLength(1);
    hook.rerender({ loadedAt: 2 });
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]?.url).toBe('/api/boards/b1/activity?limit=100');
  });
});
