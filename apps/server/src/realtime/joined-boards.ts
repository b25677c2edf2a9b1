import { type PresenceMode, type Role, type SocketData, TallyError } from '@tally/events';

/**
 * The boards one socket has joined, with the role its key gave on each and the presence mode it
 * asked for. Mirrored into `socket.data.joined` and `socket.data.presenceSummary`: a socket that
 * recovers its session (connection state recovery, possibly on another node) gets socket.data
 * back, and with it the rights and the kind of presence news it had.
 */
export class JoinedBoards {
  private readonly roles: Map<string, Role>;
  private readonly summaryBoards: Set<string>;

  constructor(private readonly data: Pick<SocketData, 'joined' | 'presenceSummary'>) {
    this.roles = new Map(data.joined ?? []);
    this.summaryBoards = new Set(data.presenceSummary ?? []);
  }

  set(boardId: string, role: Role, mode: PresenceMode): void {
    this.roles.set(boardId, role);
    if (mode === 'summary') this.summaryBoards.add(boardId);
    else this.summaryBoards.delete(boardId);
    this.mirror();
  }

  /** Forgets the board; false when the socket had not joined it. */
  delete(boardId: string): boolean {
    const had = this.roles.delete(boardId);
    this.summaryBoards.delete(boardId);
    this.mirror();
    return had;
  }

  /** Every board joined, e.g. to put a recovered socket back into presence. */
  boardIds(): string[] {
    return [...this.roles.keys()];
  }

  /** How the socket hears about a board's members (`members` unless it joined with `summary`). */
  presenceMode(boardId: string): PresenceMode {
    return this.summaryBoards.has(boardId) ? 'summary' : 'members';
  }

  /** The boards joined with `presence: 'summary'`. */
  summaryBoardIds(): string[] {
    return [...this.summaryBoards];
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

  private mirror(): void {
    this.data.joined = [...this.roles];
    this.data.presenceSummary = [...this.summaryBoards];
  }
}
