import type { BoardSnapshot, ServerPayload } from '@tally/events';
import { useEffect, useRef, useState } from 'react';
import type { BoardPresence } from '../presence/board-presence';
import { clientId } from '../socket/identity';
import { useSocket } from '../socket/SocketProvider';
import { type ActivityEntry, type ActivityEvent, appendActivity } from './activity-log';
import { presenceActivity } from './presence-activity';

/** An update of the feed that adds `events`, all at this time. */
function appending(events: readonly ActivityEvent[]) {
  const now = Date.now();
  return (current: readonly ActivityEntry[]) =>
    events.reduce((log, event) => appendActivity(log, event, now), current);
}

/**
 * The board's activity feed: arrivals and departures from the changes of the cached member list
 * (written by presence summaries), counter changes from `counter:updated` as it arrives. Updates
 * carry their `actors` when the server sends them; without, the change is shown as "Someone".
 */
export function useActivityFeed(boardId: string, board: BoardSnapshot | undefined): readonly ActivityEntry[] {
  const socket = useSocket();
  const [entries, setEntries] = useState<readonly ActivityEntry[]>([]);
  const presence = useRef<{ boardId: string; members: BoardPresence } | undefined>(undefined);
  const counters = useRef(new Map<string, { name: string; value: number; version: number }>());

  useEffect(() => {
    if (board === undefined) return;
    const before = presence.current;
    presence.current = { boardId: board.id, members: board };
    if (before?.boardId === board.id) {
      const events = presenceActivity(before.members, board, clientId);
      if (events.length > 0) setEntries(appending(events));
    }
    // Versions move on here only through events: an ack can put a newer version into the cache
    // before the broadcast that names who made it arrives, and that entry must still be written.
    for (const counter of board.counters) {
      const known = counters.current.get(counter.id);
      if (known === undefined) counters.current.set(counter.id, { ...counter });
      else known.name = counter.name;
    }
  }, [board]);

  useEffect(() => {
    setEntries([]);
    const onUpdated = (event: ServerPayload<'counter:updated'>) => {
      if (event.boardId !== boardId) return;
      const changes: ActivityEvent[] = [];
      for (const update of event.updates) {
        const known = counters.current.get(update.counterId);
        if (known === undefined || update.version <= known.version) continue;
        const counterName = known.name;
        const base = { kind: 'changed', counterId: update.counterId, counterName } as const;
        if (update.actors !== undefined) {
          for (const actor of update.actors) {
            if (actor.delta !== 0)
              changes.push({ ...base, clientId: actor.clientId, name: actor.name, delta: actor.delta });
          }
        } else if (update.value !== known.value) {
          changes.push({ ...base, clientId: '', name: 'Someone', delta: update.value - known.value });
        }
        counters.current.set(update.counterId, {
          name: counterName,
          value: update.value,
          version: update.version,
        });
      }
      if (changes.length > 0) setEntries(appending(changes));
    };
    socket.on('counter:updated', onUpdated);
    return () => {
      socket.off('counter:updated', onUpdated);
    };
  }, [socket, boardId]);

  return entries;
}
