import type { Role } from '@tally/events';
import { type RoleNeeded, requireRoleFor } from './board-roles.js';
import type { CounterBoards } from './counter-boards.js';

/**
 * The caller's role on a board: from the boards a socket joined, or from an HTTP request's board
 * key (which reads the board, remembered after the first time: see BoardAccess).
 */
export type RoleOnBoard = (boardId: string) => Role | Promise<Role>;

/**
 * The one check before any action on a counter, shared by the socket handlers and the HTTP routes:
 * the counter's board (`not_found` for no such counter), the caller's role there (`not_joined`,
 * `forbidden` as `roleOn` decides) and whether that role may do what is `needed` (`forbidden`).
 */
export async function authorizeCounter(
  counterBoards: CounterBoards,
  counterId: string,
  roleOn: RoleOnBoard,
  needed: RoleNeeded,
): Promise<{ boardId: string; role: Role }> {
  const boardId = await counterBoards.boardOf(counterId);
  const role = await roleOn(boardId);
  requireRoleFor(role, needed);
  return { boardId, role };
}
