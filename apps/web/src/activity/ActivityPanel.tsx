import type { LiveEvent } from '@tally/client';
import type { Member } from '@tally/events';
import { withQueries } from '../app/with-queries';
import { ActivityFeed } from './ActivityFeed';
import { useActivityFeed } from './useActivityFeed';

/**
 * The board's activity feed with its history, loaded apart from the first screen: the counters
 * come first, and the feed's history, merging and CSV code is not part of the initial download.
 */
function ActivityPanel(props: {
  boardId: string;
  boardName: string;
  loadedAt: number;
  live: readonly LiveEvent[];
  /** Who is on the board now: the activity filter offers them besides who acted. */
  members: readonly Member[];
}) {
  const { boardId, boardName, loadedAt, live, members } = props;
  const activity = useActivityFeed(boardId, loadedAt, live);
  return (
    <ActivityFeed
      lines={activity.lines}
      history={activity.history}
      boardId={boardId}
      boardName={boardName}
      members={members}
    />
  );
}

export default withQueries(ActivityPanel);
