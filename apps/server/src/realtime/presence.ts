import type { TallySocket } from '../sockets/socket-types.js';
import type { EventHandlers } from './event-router.js';
import type { RealtimeServices } from './handler-context.js';
import { JoinedBoards } from './joined-boards.js';
import { announceDeparture } from './presence-announcements.js';

/**
 * `presence:focus` relay and the departures of a disconnect.
 * (Joins and leaves announce themselves in boards.ts, where the room changes.)
 */
export const presenceHandlers = {
  async 'presence:focus'({ socket, joined, focusBudgets }, { boardId, counterId }) {
    // A viewer points at nothing (v1.1): its focus is dropped like any refused volatile event.
    joined.requireWriter(boardId);
    // Past the board's budget the relay is dropped, as the link may drop any volatile event.
    if (!focusBudgets.takeRelay(boardId)) return;
    // Volatile: a pointer position is worth nothing late, so drop it rather than queue it.
    socket.volatile
      .to(boardId)
      .emit('presence:focus', { boardId, clientId: socket.data.clientId, counterId });
  },
} satisfies Pick<EventHandlers, 'presence:focus'>;

/** A socket disconnected: it leaves its boards' summaries and presence, and the others are told. */
export function forgetSocket(services: RealtimeServices, socket: TallySocket): void {
  const { io, presence, summaries, stats, log } = services;
  for (const boardId of new JoinedBoards(socket.data).summaryBoardIds()) summaries.remove(boardId, socket.id);
  presence
    .disconnect(socket.id)
    .then((departures) => {
      // The socket has already left its rooms, so the announcements reach only the others.
      for (const departure of departures) announceDeparture(io, summaries, departure);
      stats.changed();
    })
    .catch((error: unknown) => log.error({ err: error, socketId: socket.id }, 'presence cleanup failed'));
}
