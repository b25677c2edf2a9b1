import type { BoardSnapshot } from '@tally/events';
import { useEffect, useRef, useState } from 'react';
import { listenToCounterEvents } from '../counters/counter-event-listeners';
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
    const counterChange = (kind: CounterEventKind, payload: Parameters<typeof counterEvent>[1]) =>
      add([counterEvent(kind, payload, known.current, Date.now())]);

    return listenToCounterEvents(socket, boardId, {
      'counter:updated': (event) => add(updateEvents(event, known.current, Date.now())),
      'counter:created': ({ counter, actor }) => {
        if (!known.current.has(counter.id)) known.current.set(counter.id, { ...counter });
        counterChange('counter_created', {
          counterId: counter.id,
          name: counter.name,
          value: counter.value,
          actor,
        });
      },
      'counter:renamed': ({ counterId, name, actor }) =>
        counterChange('counter_renamed', { counterId, name, actor }),
      'counter:configured': ({ counter, actor }) =>
        counterChange('counter_configured', { counterId: counter.id, name: counter.name, actor }),
      'counter:deleted': ({ counterId, actor }) => counterChange('counter_deleted', { counterId, actor }),
    });
  }, [socket, boardId]);

  return live;
}
