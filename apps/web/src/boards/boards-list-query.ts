import { fetchJson } from '@tally/client';
import type { BoardListItem } from '@tally/events';
import { queryOptions } from '@tanstack/react-query';

export const boardsListQueryKey = ['boards'] as const;

/** Public boards with their online counts, refreshed while the list is on screen. */
export function boardsListQueryOptions() {
  return queryOptions({
    queryKey: boardsListQueryKey,
    queryFn: () => fetchJson<BoardListItem[]>('/api/boards'),
    staleTime: 2_000,
    refetchInterval: 5_000,
    refetchOnWindowFocus: true,
  });
}
