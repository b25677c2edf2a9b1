import type { Counter } from '@tally/events';
import { withQueries } from '../app/with-queries';
import { useLiveHistoryPoints } from './useLiveHistoryPoints';

/**
 * Extends the counters' loaded histories as the board changes; nothing to show. Loaded lazily
 * with the sparklines' query cache: before that there is no history to extend.
 */
function LiveHistoryPoints(props: { counters: readonly Counter[] }) {
  useLiveHistoryPoints(props.counters);
  return null;
}

export default withQueries(LiveHistoryPoints);
