import type { BoardDeparture } from './presence-registry.js';
import { presenceRoom } from './presence-rooms.js';
import type { PresenceSummaries } from './presence-summaries.js';
import type { TallyServer, TallySocket } from './socket-types.js';

/**
 * A member's first socket arrived on a board: `presence:joined` to the board's `members`-mode
 * sockets except the joiner's (socket.to), and the board's summary is due.
 */
export function announceArrival(socket: TallySocket, summaries: PresenceSummaries, boardId: string): void {
  const member = { clientId: socket.data.clientId, name: socket.data.name };
  socket.to(presenceRoom(boardId, 'members')).emit('presence:joined', { boardId, member });
  summaries.changed(boardId);
}

/** A member's last socket left a board: `presence:left` to its `members`-mode sockets, and the summary is due. */
export function announceDeparture(
  io: TallyServer,
  summaries: PresenceSummaries,
  departure: BoardDeparture,
): void {
  io.to(presenceRoom(departure.boardId, 'members')).emit('presence:left', departure);
  summaries.changed(departure.boardId);
}
