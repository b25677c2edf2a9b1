import type { PresenceMode } from '@tally/events';
import type { TallySocket } from '../sockets/socket-types.js';

const MODES = ['members', 'summary'] as const satisfies readonly PresenceMode[];

/**
 * Besides its board's room, a socket on a board is in one presence room of that board, by the
 * `presence` mode it joined with: `presence:joined`/`presence:left` go to the `members` room,
 * `presence:summary` to the `summary` room. A room per mode rather than `except(summaryRoom)`:
 * the in-memory adapter copies every socket id of an excluded room into a new set on each
 * broadcast, which would make each join O(N) again. Ids have no `:`, so no board id is one of these.
 */
export function presenceRoom(boardId: string, mode: PresenceMode): string {
  return `presence-${mode}:${boardId}`;
}

/** Puts the socket in the board's room and the presence room of `mode`, and out of the other one. */
export async function enterBoardRooms(
  socket: TallySocket,
  boardId: string,
  mode: PresenceMode,
): Promise<void> {
  await socket.join([boardId, presenceRoom(boardId, mode)]);
  for (const other of MODES) if (other !== mode) await socket.leave(presenceRoom(boardId, other));
}

/** Takes the socket out of the board's room and its presence rooms. */
export async function leaveBoardRooms(socket: TallySocket, boardId: string): Promise<void> {
  await socket.leave(boardId);
  for (const mode of MODES) await socket.leave(presenceRoom(boardId, mode));
}
