import type { ServerPayload } from '@tally/events';
import { useEffect, useMemo, useState } from 'react';
import { isJoined, subscribeToJoins } from '../boards/board-membership';
import { useSocket } from '../socket/SocketProvider';
import { createFocusSender } from './focus-sender';

export interface PresenceFocus {
  /** Which counter each other member points at (members pointing nowhere are absent). */
  focusByClient: ReadonlyMap<string, string>;
  /** Tells the others where this user points; throttled and sent volatile. */
  point(counterId: string | null): void;
}

/**
 * Who points at what on this board. The relay is volatile (a lost message is simply replaced
 * by the next), so this is fleeting UI state, not server data for the query cache.
 */
export function usePresenceFocus(boardId: string): PresenceFocus {
  const socket = useSocket();
  const [focusByClient, setFocusByClient] = useState<ReadonlyMap<string, string>>(() => new Map());

  const sender = useMemo(
    () => createFocusSender((counterId) => socket.volatile.emit('presence:focus', { boardId, counterId })),
    [socket, boardId],
  );
  useEffect(() => () => sender.dispose(), [sender]);

  // Focus is only sent when it changes, so whoever arrives later has not heard it, and after our
  // own rejoin (a reconnect) the others have forgotten it: tell it again in both cases.
  useEffect(() => {
    const onJoined = (event: ServerPayload<'presence:joined'>) => {
      if (event.boardId === boardId) sender.repeat();
    };
    socket.on('presence:joined', onJoined);
    const unsubscribe = subscribeToJoins(() => {
      if (isJoined(boardId)) sender.repeat();
    });
    return () => {
      socket.off('presence:joined', onJoined);
      unsubscribe();
    };
  }, [socket, boardId, sender]);

  useEffect(() => {
    setFocusByClient(new Map());
    const onFocus = (event: ServerPayload<'presence:focus'>) => {
      if (event.boardId !== boardId) return;
      setFocusByClient((current) => {
        if (current.get(event.clientId) === (event.counterId ?? undefined)) return current;
        const next = new Map(current);
        if (event.counterId === null) next.delete(event.clientId);
        else next.set(event.clientId, event.counterId);
        return next;
      });
    };
    const onLeft = (event: ServerPayload<'presence:left'>) => {
      if (event.boardId !== boardId) return;
      setFocusByClient((current) => {
        if (!current.has(event.clientId)) return current;
        const next = new Map(current);
        next.delete(event.clientId);
        return next;
      });
    };
    socket.on('presence:focus', onFocus);
    socket.on('presence:left', onLeft);
    return () => {
      socket.off('presence:focus', onFocus);
      socket.off('presence:left', onLeft);
    };
  }, [socket, boardId]);

  return { focusByClient, point: sender.point };
}
