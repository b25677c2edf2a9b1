import { fetchJson } from '@tally/client';
import type { ActivityResponse } from '@tally/events';
import { BOARD_KEY_HEADER } from '@tally/events/constants';
import { infiniteQueryOptions } from '@tanstack/react-query';
import { joinKey } from '../boards/board-keys';

/** Entries per page of the history. */
export const ACTIVITY_PAGE_SIZE = 100;

export const activityQueryKeys = {
  all: ['activity'] as const,
  board: (boardId: string) => ['activity', boardId] as const,
};

/** A page of the activity route, with when this browser asked for it (to tell what the live feed adds). */
export interface ActivityPage extends ActivityResponse {
  requestedAt: number;
}

/**
 * A board's recorded activity, newest first, a page at a time ("Load older" asks for the next,
 * `before` the last cursor). What the board's state heard live is laid over it (see
 * useActivityFeed); it is loaded again after each load of the board (see useActivityHistory),
 * and dropped as soon as no page shows the board, like the board's state in the client: coming
 * back loads both afresh, instead of an old page under a live feed that starts anew.
 */
export function activityQueryOptions(boardId: string) {
  return infiniteQueryOptions({
    queryKey: activityQueryKeys.board(boardId),
    queryFn: async ({ pageParam, signal }): Promise<ActivityPage> => {
      const query = new URLSearchParams({ limit: String(ACTIVITY_PAGE_SIZE) });
      if (pageParam !== null) query.set('before', pageParam);
      const key = joinKey(boardId);
      const requestedAt = Date.now();
      const page = await fetchJson<ActivityResponse>(
        `/api/boards/${encodeURIComponent(boardId)}/activity?${query}`,
        { signal, headers: key === undefined ? {} : { [BOARD_KEY_HEADER]: key } },
      );
      return { ...page, requestedAt };
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    retry: 2,
    gcTime: 0,
  });
}
