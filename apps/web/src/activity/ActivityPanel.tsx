import type { LiveEvent } from '@tally/client';
import { ActivityFeed } from './ActivityFeed';
import { useActivityFeed } from './useActivityFeed';

/**
 * The board's activity feed with its history, loaded apart from the first screen: the counters
 * come first, and the feed's history, merging and CSV code is not part of the initial download.
 */
export default function ActivityPanel(props: {
  boardId: string;
  boardName: string;
  loadedAt: number;
  live: readonly LiveEvent[];
}) {
  const { boardId, boardName, loadedAt, live } = props;
  const activity = useActivityFeed(boardId, loadedAt, live);
  return (
    <ActivityFeed lines={activity.lines} history={activity.history} boardId={boardId} boardName={boardName} />
  );
}
