import { type PresenceMode, type Role, type SocketData, TallyError } from '@tally/events';
import { requireRoleFor } from '../boards/board-roles.js';

/**
 * The boards one socket has joined, with the role its key gave on each and the presence mode it
 * asked for, read from and written to `socket.data.joined` and `socket.data.presenceSummary`: a
 * socket that recovers its session (connection state recovery, possibly on another node) gets
 * socket.data back, and with it the rights and the kind of presence news it had. socket.data is
 * the only copy, so a socket holds no second one: a JoinedBoards is a view, made when needed.
 * A socket joins a board or a few, so the lists are searched in place; they are replaced rather than
 * changed, by copies of their exact length (spread and filter would leave room for 17 elements).
 */
export class JoinedBoards {
  constructor(private readonly data: Pick<SocketData, 'joined' | 'presenceSummary'>) {}

  set(boardId: string, role: Role, mode: PresenceMode): void {
    const joined = this.data.joined ?? [];
    const index = joined.findIndex(([joinedId]) => joinedId === boardId);
    this.data.joined = index === -1 ? joined.concat([[boardId, role]]) : joined.with(index, [boardId, role]);
    const summaryBoards = this.data.presenceSummary ?? [];
    const inSummary = summaryBoards.includes(boardId);
    if (mode === 'summary' && !inSummary) this.data.presenceSummary = summaryBoards.concat([boardId]);
    if (mode !== 'summary' && inSummary) this.data.presenceSummary = without(summaryBoards, boardId);
  }

  /** Forgets the board; false when the socket had not joined it. */
  delete(boardId: string): boolean {
    const joined = this.data.joined ?? [];
    const index = joined.findIndex(([joinedId]) => joinedId === boardId);
    if (index === -1) return false;
    this.data.joined = joined.toSpliced(index, 1);
    this.data.presenceSummary = without(this.data.presenceSummary ?? [], boardId);
    return true;
  }

  /** Every board joined, e.g. to put a recovered socket back into presence. */
  boardIds(): string[] {
    return (this.data.joined ?? []).map(([boardId]) => boardId);
  }

  /** How the socket hears about a board's members (`members` unless it joined with `summary`). */
  presenceMode(boardId: string): PresenceMode {
    return this.data.presenceSummary?.includes(boardId) ? 'summary' : 'members';
  }

  /** The boards joined with `presence: 'summary'`. */
  summaryBoardIds(): string[] {
    return [...(this.data.presenceSummary ?? [])];
  }

  /** The socket's role on a board it joined; `not_joined` otherwise. */
  requireRole(boardId: string): Role {
    const role = this.roleOn(boardId);
    if (!role) throw new TallyError('not_joined', 'join the board first');
    return role;
  }

  /** The socket's role on a board, or undefined when it has not joined it. */
  roleOn(boardId: string): Role | undefined {
    return this.data.joined?.find(([joinedId]) => joinedId === boardId)?.[1];
  }

  /** Like requireRole, and `forbidden` for a viewer (v1.1): a viewer changes nothing. */
  requireWriter(boardId: string): Role {
    const role = this.requireRole(boardId);
    requireRoleFor(role, 'writer');
    return role;
  }

  /** Like requireRole, and `forbidden` unless the role is owner. */
  requireOwner(boardId: string): void {
    requireRoleFor(this.requireRole(boardId), 'owner');
  }

  /**
   * Whether the socket joined boards as a viewer only (v1.1): a display on a wall, not a person, so
   * it is not counted online. A socket on no board yet is counted, as in v1.
   */
  viewerOnly(): boolean {
    const joined = this.data.joined ?? [];
    return joined.length > 0 && joined.every(([, role]) => role === 'viewer');
  }
}

/** `list` without `value`: the same array when it is not in it. */
function without(list: string[], value: string): string[] {
  const index = list.indexOf(value);
  return index === -1 ? list : list.toSpliced(index, 1);
}
