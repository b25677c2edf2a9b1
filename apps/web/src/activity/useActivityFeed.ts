import type { LiveEvent } from '@tally/client';
import { useMemo } from 'react';
import { type FeedLine, feedLines } from './activity-log';
import { uncoveredLive } from './feed-merge';
import { type ActivityPaging, useActivityHistory } from './useActivityHistory';

export interface ActivityFeedState {
  lines: readonly FeedLine[];
  history: ActivityPaging;
}

/**
 * The board's activity feed: the recorded history (who did what, with names, kept across
 * reloads) with what this tab heard live on top (the board state's `live`), each change once.
 */
export function useActivityFeed(
  boardId: string,
  loadedAt: number | undefined,
  live: readonly LiveEvent[],
): ActivityFeedState {
  const { entries, requestedAt, paging } = useActivityHistory(boardId, loadedAt);
  const lines = useMemo(
    () => feedLines(entries, uncoveredLive(entries, live, requestedAt)),
    [entries, live, requestedAt],
  );
  return { lines, history: paging };
}
