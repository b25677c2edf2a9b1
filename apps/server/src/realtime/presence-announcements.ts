import type { BoardArrival, BoardDeparture } from '../presence/presence-registry.js';
import type { PresenceSummaries } from '../presence/presence-summaries.js';
import type { TallyServer, TallySocket } from '../sockets/socket-types.js';
import { presenceRoom } from './presence-rooms.js';

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

/**
 * A member is back on a board without having joined again: its node was frozen long enough to be
 * reaped, and every view was told that the member left. `presence:joined` to the board's
 * `members`-mode sockets, the member's own included (they were told too), and the summary is due.
 */
export function announceReturn(io: TallyServer, summaries: PresenceSummaries, arrival: BoardArrival): void {
  const { boardId, member } = arrival;
  io.to(presenceRoom(boardId, 'members')).emit('presence:joined', { boardId, member });
  summaries.changed(boardId);
}
