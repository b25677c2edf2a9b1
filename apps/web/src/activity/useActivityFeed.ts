import { useMemo } from 'react';
import type { BoardView } from '../boards/board-view';
import { type FeedLine, feedLines } from './activity-log';
import { uncoveredLive } from './feed-merge';
import { type ActivityPaging, useActivityHistory } from './useActivityHistory';
import { useLiveActivity } from './useLiveActivity';

export interface ActivityFeedState {
  lines: readonly FeedLine[];
  history: ActivityPaging;
}

/**
 * The board's activity feed: the recorded history (who did what, with names, kept across
 * reloads) with what this tab heard live on top, each change once.
 */
export function useActivityFeed(
  boardId: string,
  view: BoardView | undefined,
  selfId: string,
): ActivityFeedState {
  const live = useLiveActivity(boardId, view?.board, selfId);
  const { entries, requestedAt, paging } = useActivityHistory(boardId, view?.loadedAt);
  const lines = useMemo(
    () => feedLines(entries, uncoveredLive(entries, live, requestedAt)),
    [entries, live, requestedAt],
  );
  return { lines, history: paging };
}
