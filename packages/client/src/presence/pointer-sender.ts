import type { BoardMembership } from '../boards/board-membership.js';
import type { ServerEventHub } from '../protocol/server-event-hub.js';
import type { TallySocket } from '../socket.js';
import { createFocusSender, type FocusSender } from './focus-sender.js';

/** Time for a newcomer's connection to finish its upgrade before our focus is told again. */
const REPEAT_AFTER_MS = 1_000;

export interface PointerSender {
  /** Tells the others of the board where this user points (null: nowhere); throttled, volatile. */
  point(boardId: string, counterId: string | null): void;
  dispose(): void;
}

/**
 * `presence:focus` done as the protocol means it: volatile, so it is sent only while the socket
 * is connected and the board joined, and never queued (a pointer delivered late points at the
 * past; the next one replaces it anyway). Focus is only sent when it changes, so whoever arrives
 * later has not heard it, and after our own rejoin the others have forgotten it: it is told again
 * in both cases, once the newcomer's link has had a moment to settle (a link mid-upgrade is not
 * writable, and the server drops volatile messages to it). A viewer sends none (`mayPoint`).
 */
export function createPointerSender(deps: {
  socket: TallySocket;
  hub: ServerEventHub;
  membership: BoardMembership;
  mayPoint(boardId: string): boolean;
}): PointerSender {
  const { socket, hub, membership } = deps;
  const senders = new Map<string, FocusSender>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const joinedBefore = new Set<string>();

  function senderFor(boardId: string): FocusSender {
    let sender = senders.get(boardId);
    if (sender === undefined) {
      sender = createFocusSender((counterId) => {
        if (socket.connected && membership.isJoined(boardId) && deps.mayPoint(boardId))
          socket.volatile.emit('presence:focus', { boardId, counterId });
      });
      senders.set(boardId, sender);
    }
    return sender;
  }

  function repeatSoon(boardId: string): void {
    const sender = senders.get(boardId);
    if (sender === undefined) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      sender.repeat();
    }, REPEAT_AFTER_MS);
    timers.add(timer);
  }

  const offs = [
    hub.on('presence:summary', (event) => repeatSoon(event.boardId)),
    membership.subscribe(() => {
      for (const [boardId, sender] of senders) {
        if (!membership.isRetained(boardId)) {
          sender.dispose();
          senders.delete(boardId);
          joinedBefore.delete(boardId);
          continue;
        }
        const joined = membership.isJoined(boardId);
        if (joined && !joinedBefore.has(boardId)) repeatSoon(boardId);
        if (joined) joinedBefore.add(boardId);
        else joinedBefore.delete(boardId);
      }
    }),
  ];

  return {
    point(boardId, counterId) {
      if (membership.isJoined(boardId)) joinedBefore.add(boardId);
      senderFor(boardId).point(counterId);
    },
    dispose() {
      for (const off of offs) off();
      for (const timer of timers) clearTimeout(timer);
      for (const sender of senders.values()) sender.dispose();
      senders.clear();
    },
  };
}
