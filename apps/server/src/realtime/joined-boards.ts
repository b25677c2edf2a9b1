import { type Role, TallyError } from '@tally/events';

/** The boards one socket has joined, with the role its key gave on each. */
export class JoinedBoards {
  private readonly roles = new Map<string, Role>();

  set(boardId: string, role: Role): void {
    this.roles.set(boardId, role);
  }

  /** Forgets the board; false when the socket had not joined it. */
  delete(boardId: string): boolean {
    return this.roles.delete(boardId);
  }

  /** The socket's role on a board it joined; `not_joined` otherwise. */
  requireRole(boardId: string): Role {
    const role = this.roles.get(boardId);
    if (!role) throw new TallyError('not_joined', 'join the board first');
    return role;
  }

  /** Like requireRole, and `forbidden` unless the role is owner. */
  requireOwner(boardId: string): void {
    if (this.requireRole(boardId) !== 'owner')
      throw new TallyError('forbidden', 'only the board owner can do this');
  }
}
