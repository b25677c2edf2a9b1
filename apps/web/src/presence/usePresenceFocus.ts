import type { Member, ServerPayload } from '@tally/events';
import { useEffect, useMemo, useRef, useState } from 'react';
import { isJoined, subscribeToJoins } from '../boards/board-membership';
import { useSocket } from '../socket/SocketProvider';
import { withoutDeparted } from './board-presence';
import { createFocusSender } from './focus-sender';

/** Time for a newcomer's connection to finish its upgrade before our focus is told again. */
const REPEAT_AFTER_MS = 1_000;

export interface PresenceFocus {
  /** Which counter each other member points at (members pointing nowhere are absent). */
  focusByClient: ReadonlyMap<string, string>;
  /** Tells the others where this user points; throttled and sent volatile. */
  point(counterId: string | null): void;
}

/**
 * Who points at what on this board, given its listed members (to forget those who leave). The
 * relay is volatile (a lost message is simply replaced by the next), so this is fleeting UI
 * state, not server data for the query cache. A viewer (`sends` false) sees the others' pointers
 * and sends none: the server would ignore them, and a display is not a person in the room.
 */
export function usePresenceFocus(
  boardId: string,
  members: readonly Member[] | undefined,
  sends: boolean,
): PresenceFocus {
  const socket = useSocket();
  const [focusByClient, setFocusByClient] = useState<ReadonlyMap<string, string>>(() => new Map());

  const sender = useMemo(
    () =>
      createFocusSender((counterId) => {
        if (sends) socket.volatile.emit('presence:focus', { boardId, counterId });
      }),
    [socket, boardId, sends],
  );
  useEffect(() => () => sender.dispose(), [sender]);

  // Focus is only sent when it changes, so whoever arrives later has not heard it, and after our
  // own rejoin (a reconnect) the others have forgotten it: tell it again in both cases. Arrivals
  // show as a presence summary (at most one a second; it names no newcomer past the first ones).
  // The relay is volatile on the way to the newcomer too, and a link that just opened is often
  // mid-upgrade (not writable, so the server drops it): repeat once it has settled.
  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const repeatSoon = () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        sender.repeat();
      }, REPEAT_AFTER_MS);
      timers.add(timer);
    };
    const onSummary = (event: ServerPayload<'presence:summary'>) => {
      if (event.boardId === boardId) repeatSoon();
    };
    socket.on('presence:summary', onSummary);
    const unsubscribe = subscribeToJoins(() => {
      if (isJoined(boardId)) repeatSoon();
    });
    return () => {
      socket.off('presence:summary', onSummary);
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
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
    socket.on('presence:focus', onFocus);
    return () => {
      socket.off('presence:focus', onFocus);
    };
  }, [socket, boardId]);

  // No event says who left (summaries carry a count and the first names): forget the pointer of
  // whoever drops off the list, or it would stay, and be back should they return.
  const listed = useRef(members);
  useEffect(() => {
    const before = listed.current;
    listed.current = members;
    if (before === undefined || members === undefined || before === members) return;
    setFocusByClient((current) => withoutDeparted(current, before, members));
  }, [members]);

  return { focusByClient, point: sender.point };
}
