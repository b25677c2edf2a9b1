import type { BoardSnapshot, ServerPayload } from '@tally/events';
import { useEffect, useRef, useState } from 'react';
import type { BoardPresence } from '../presence/board-presence';
import { useSocket } from '../socket/SocketProvider';
import {
  type CounterEventKind,
  counterEvent,
  type KnownCounters,
  type LiveEvent,
  presenceEvents,
  updateEvents,
  withLiveEvents,
} from './live-activity';
import { presenceActivity } from './presence-activity';

/**
 * What this tab hears about the board while it shows it: arrivals and departures from the
 * changes of the cached member list (written by presence summaries), value changes from
 * `counter:updated` (with their `actors`), and counters created, renamed, configured and deleted
 * (with their `actor`, v1.1). Kept as heard, oldest first; the feed merges it with the history.
 */
export function useLiveActivity(
  boardId: string,
  board: BoardSnapshot | undefined,
  selfId: string,
): readonly LiveEvent[] {
  const socket = useSocket();
  const [live, setLive] = useState<readonly LiveEvent[]>([]);
  const presence = useRef<{ boardId: string; members: BoardPresence } | undefined>(undefined);
  const known = useRef<KnownCounters>(new Map());

  useEffect(() => {
    if (board === undefined) return;
    const before = presence.current;
    presence.current = { boardId: board.id, members: board };
    if (before?.boardId === board.id) {
      const events = presenceEvents(presenceActivity(before.members, board, selfId), Date.now());
      if (events.length > 0) setLive((current) => withLiveEvents(current, events));
    }
    // Versions move on here only through events: an ack can put a newer version into the cache
    // before the broadcast that names who made it arrives, and that change must still be told.
    for (const counter of board.counters) {
      const counterKnown = known.current.get(counter.id);
      if (counterKnown === undefined) known.current.set(counter.id, { ...counter });
      else counterKnown.name = counter.name;
    }
  }, [board, selfId]);

  useEffect(() => {
    setLive([]);
    const add = (events: readonly LiveEvent[]) => {
      if (events.length > 0) setLive((current) => withLiveEvents(current, events));
    };
    const forBoard =
      <P extends { boardId: string }>(handle: (payload: P) => void) =>
      (payload: P) => {
        if (payload.boardId === boardId) handle(payload);
      };
    const counterChange = (kind: CounterEventKind, payload: Parameters<typeof counterEvent>[1]) =>
      add([counterEvent(kind, payload, known.current, Date.now())]);

    const onUpdated = forBoard((event: ServerPayload<'counter:updated'>) =>
      add(updateEvents(event, known.current, Date.now())),
    );
    const onCreated = forBoard(({ counter, actor }: ServerPayload<'counter:created'>) => {
      if (!known.current.has(counter.id)) known.current.set(counter.id, { ...counter });
      counterChange('counter_created', {
        counterId: counter.id,
        name: counter.name,
        value: counter.value,
        actor,
      });
    });
    const onRenamed = forBoard(({ counterId, name, actor }: ServerPayload<'counter:renamed'>) =>
      counterChange('counter_renamed', { counterId, name, actor }),
    );
    const onConfigured = forBoard(({ counter, actor }: ServerPayload<'counter:configured'>) =>
      counterChange('counter_configured', { counterId: counter.id, name: counter.name, actor }),
    );
    const onDeleted = forBoard(({ counterId, actor }: ServerPayload<'counter:deleted'>) =>
      counterChange('counter_deleted', { counterId, actor }),
    );

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
  }, [socket, boardId]);

  return live;
}
