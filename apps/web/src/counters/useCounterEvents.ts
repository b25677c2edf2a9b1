import type { ServerPayload } from '@tally/events';
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

    const onUpdated = (event: ServerPayload<'counter:updated'>) => {
      if (event.boardId !== boardId) return;
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
    };
    const onCreated = (event: ServerPayload<'counter:created'>) => {
      if (event.boardId === boardId) update((view) => withCounterAdded(view, event.counter));
    };
    const onRenamed = (event: ServerPayload<'counter:renamed'>) => {
      if (event.boardId === boardId) update((view) => withCounterRenamed(view, event.counterId, event.name));
    };
    const onConfigured = (event: ServerPayload<'counter:configured'>) => {
      if (event.boardId === boardId) update((view) => withCounterConfigured(view, event.counter));
    };
    const onDeleted = (event: ServerPayload<'counter:deleted'>) => {
      if (event.boardId !== boardId) return;
      update((view) => withCounterRemoved(view, event.counterId));
      queryClient.removeQueries({ queryKey: historyQueryKey(event.counterId) });
    };

    socket.on('counter:updated', onUpdated);
    socket.on('counter:created', onCreated);
    socket.on('counter:renamed', onRenamed);
    socket.on('counter:configured', onConfigured);
    socket.on('counter:deleted', onDeleted);
    return () => {
      socket.off('counter:updated', onUpdated);
      socket.off('counter:created', onCreated);
      socket.off('counter:renamed', onRenamed);
      socket.off('counter:configured', onConfigured);
      socket.off('counter:deleted', onDeleted);
    };
  }, [socket, queryClient, boardId]);
}
