import type { ServerPayload } from '@tally/events';
import type { TallySocket } from '../socket/socket';

/** The events that change a board's counters: values, new, renamed, configured and deleted ones. */
type CounterEventName =
  | 'counter:updated'
  | 'counter:created'
  | 'counter:renamed'
  | 'counter:configured'
  | 'counter:deleted';

export type CounterEventListeners = { [E in CounterEventName]: (payload: ServerPayload<E>) => void };

/**
 * Listens to the counter events of one board (those of other boards the socket is in are passed
 * over) for a hook's effect; the function it returns removes exactly the listeners it added.
 */
export function listenToCounterEvents(
  socket: TallySocket,
  boardId: string,
  listeners: CounterEventListeners,
): () => void {
  const forBoard =
    <P extends { boardId: string }>(listener: (payload: P) => void) =>
    (payload: P) => {
      if (payload.boardId === boardId) listener(payload);
    };
  const onUpdated = forBoard(listeners['counter:updated']);
  const onCreated = forBoard(listeners['counter:created']);
  const onRenamed = forBoard(listeners['counter:renamed']);
  const onConfigured = forBoard(listeners['counter:configured']);
  const onDeleted = forBoard(listeners['counter:deleted']);

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
}
