import type { BoardSnapshot, ServerPayload } from '@tally/events';
import { useEffect, useRef, useState } from 'react';
import { useSocket } from '../socket/SocketProvider';
import { type ActivityEntry, type ActivityEvent, appendActivity } from './activity-log';

/**
 * The board's activity feed, built from presence and counter events as they arrive. Names are
 * remembered from the snapshot (a member who leaves is gone from the list by then). Updates
 * carry their `actors` when the server sends them; without, the change is shown as "Someone".
 */
export function useActivityFeed(boardId: string, board: BoardSnapshot | undefined): readonly ActivityEntry[] {
  const socket = useSocket();
  const [entries, setEntries] = useState<readonly ActivityEntry[]>([]);
  const memberNames = useRef(new Map<string, string>());
  const counters = useRef(new Map<string, { name: string; value: number; version: number }>());

  useEffect(() => {
    if (board === undefined) return;
    for (const member of board.members) memberNames.current.set(member.clientId, member.name);
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
    const add = (events: ActivityEvent[]) => {
      if (events.length === 0) return;
      const now = Date.now();
      setEntries((current) => events.reduce((log, event) => appendActivity(log, event, now), current));
    };
    const onJoined = (event: ServerPayload<'presence:joined'>) => {
      if (event.boardId !== boardId) return;
      memberNames.current.set(event.member.clientId, event.member.name);
      add([{ kind: 'joined', name: event.member.name }]);
    };
    const onLeft = (event: ServerPayload<'presence:left'>) => {
      if (event.boardId !== boardId) return;
      add([{ kind: 'left', name: memberNames.current.get(event.clientId) ?? 'Someone' }]);
    };
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
      add(changes);
    };
    socket.on('presence:joined', onJoined);
    socket.on('presence:left', onLeft);
    socket.on('counter:updated', onUpdated);
    return () => {
      socket.off('presence:joined', onJoined);
      socket.off('presence:left', onLeft);
      socket.off('counter:updated', onUpdated);
    };
  }, [socket, boardId]);

  return entries;
}
