import { type Role, type SocketData, TallyError } from '@tally/events';

/**
 * The boards one socket has joined, with the role its key gave on each. Mirrored into
 * `socket.data.joined`: a socket that recovers its session (connection state recovery, possibly
 * on another node) gets socket.data back, and with it the rights it had.
 */
export class JoinedBoards {
  private readonly roles: Map<string, Role>;

  constructor(private readonly data: Pick<SocketData, 'joined'>) {
    this.roles = new Map(data.joined ?? []);
  }

  set(boardId: string, role: Role): void {
    this.roles.set(boardId, role);
    this.data.joined = [...this.roles];
  }

  /** Forgets the board; false when the socket had not joined it. */
  delete(boardId: string): boolean {
    const had = this.roles.delete(boardId);
    this.data.joined = [...this.roles];
    return had;
  }

  /** Every board joined, e.g. to put a recovered socket back into presence. */
  boardIds(): string[] {
    return [...this.roles.keys()];
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
