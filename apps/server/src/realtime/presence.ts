import type { SocketContext } from './handler-context.js';
import { announceDeparture } from './presence-announcements.js';
import type { TallyServer, TallySocket } from './socket-types.js';

/**
 * `presence:focus` relay and the departures of a disconnect.
 * (Joins and leaves announce themselves in boards.ts, where the room changes.)
 */
export function registerPresenceHandlers(io: TallyServer, socket: TallySocket, ctx: SocketContext): void {
  const { dispatcher, joined, presence, summaries, stats, log } = ctx;

  dispatcher.handleUnacked('presence:focus', async ({ boardId, counterId }) => {
    joined.requireRole(boardId);
    // Volatile: a pointer position is worth nothing late, so drop it rather than queue it.
    socket.volatile
      .to(boardId)
      .emit('presence:focus', { boardId, clientId: socket.data.clientId, counterId });
  });

  socket.on('disconnect', () => {
    for (const boardId of joined.summaryBoardIds()) summaries.remove(boardId, socket.id);
    presence
      .disconnect(socket.id)
      .then((departures) => {
        // The socket has already left its rooms, so the announcements reach only the others.
        for (const departure of departures) announceDeparture(io, summaries, departure);
        stats.changed();
      })
      .catch((error: unknown) => log.error({ err: error, socketId: socket.id }, 'presence cleanup failed'));
  });
}
