import type { ActivityEntry } from '@tally/events';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { activityQueryOptions } from './activity-queries';

/** Where the history stands, and "Load older". */
export interface ActivityPaging {
  status: 'loading' | 'error' | 'ready';
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
}

export interface ActivityHistory {
  /** Every loaded entry, newest first. */
  entries: readonly ActivityEntry[];
  /** When the newest page was asked for (this browser's clock); undefined before it arrived. */
  requestedAt: number | undefined;
  paging: ActivityPaging;
}

const NO_ENTRIES: readonly ActivityEntry[] = [];

/**
 * The board's recorded activity. It is asked for once the board is loaded (`loadedAt`), and
 * again after every later load: a join after a reconnect that was not recovered, when the events
 * missed meanwhile are lost. Asking only after the join leaves no gap between what the page
 * holds and what the room tells from then on (the overlap is sorted out by uncoveredLive).
 */
export function useActivityHistory(boardId: string, loadedAt: number | undefined): ActivityHistory {
  const query = useInfiniteQuery({ ...activityQueryOptions(boardId), enabled: loadedAt !== undefined });
  const { refetch, fetchNextPage, data } = query;

  const seenLoad = useRef(loadedAt);
  useEffect(() => {
    const before = seenLoad.current;
    seenLoad.current = loadedAt;
    if (before !== undefined && loadedAt !== undefined && loadedAt !== before) void refetch();
  }, [loadedAt, refetch]);

  const entries = useMemo(() => data?.pages.flatMap((page) => page.entries) ?? NO_ENTRIES, [data]);
  const status: ActivityPaging['status'] = data !== undefined ? 'ready' : query.isError ? 'error' : 'loading';
  const { hasNextPage, isFetchingNextPage } = query;
  // One object while nothing changes, so that the memoised feed does not re-render with the board.
  const paging = useMemo(
    () => ({
      status,
      hasOlder: hasNextPage,
      loadingOlder: isFetchingNextPage,
      loadOlder: () => {
        if (!isFetchingNextPage) void fetchNextPage();
      },
    }),
    [status, hasNextPage, isFetchingNextPage, fetchNextPage],
  );
  return { entries, requestedAt: data?.pages[0]?.requestedAt, paging };
}
