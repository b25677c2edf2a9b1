import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { boardQueryKeys } from '../boards/board-queries';
import {
  type BoardView,
  withCounterAdded,
  withCounterConfigured,
  withCounterRemoved,
  withCounterRenamed,
  withCounterUpdates,
} from '../boards/board-view';
import { useSocket } from '../socket/SocketProvider';
import { listenToCounterEvents } from './counter-event-listeners';
import { type HistoryPoint, historyQueryKey, withHistoryPoint } from './history';

/**
 * Writes the board's counter events into the query cache: values under the version rules, new,
 * renamed, configured (limits, step, goal) and deleted counters, and each new value as a live
 * point of its sparkline.
 */
export function useCounterEvents(boardId: string): void {
  const socket = useSocket();
  const queryClient = useQueryClient();

  useEffect(() => {
    const key = boardQueryKeys.detail(boardId);
    const update = (change: (view: BoardView) => BoardView) =>
      queryClient.setQueryData<BoardView>(key, (view) => (view === undefined ? view : change(view)));

    return listenToCounterEvents(socket, boardId, {
      'counter:updated': (event) => {
        const before = queryClient.getQueryData<BoardView>(key);
        update((view) => withCounterUpdates(view, event.updates));
        const now = Date.now();
        for (const change of event.updates) {
          const known = before?.board.counters.find((counter) => counter.id === change.counterId);
          if (known !== undefined && change.version <= known.version) continue;
          queryClient.setQueryData<HistoryPoint[]>(historyQueryKey(change.counterId), (points) =>
            points === undefined ? points : withHistoryPoint(points, { t: now, value: change.value }),
          );
        }
      },
      'counter:created': (event) => update((view) => withCounterAdded(view, event.counter)),
      'counter:renamed': (event) => update((view) => withCounterRenamed(view, event.counterId, event.name)),
      'counter:configured': (event) => update((view) => withCounterConfigured(view, event.counter)),
      'counter:deleted': (event) => {
        update((view) => withCounterRemoved(view, event.counterId));
        queryClient.removeQueries({ queryKey: historyQueryKey(event.counterId) });
      },
    });
  }, [socket, queryClient, boardId]);
}
