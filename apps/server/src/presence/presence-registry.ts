import type { Member } from '@tally/events';

/** A member whose last socket left a board. */
export interface BoardDeparture {
  boardId: string;
  clientId: string;
}

/** A member back on a board (its node was reaped while frozen, and is back). */
export interface BoardArrival {
  boardId: string;
  member: Member;
}

/** A board's presence in brief: how many members, and the first few in arrival order. */
export interface PresenceSummary {
  count: number;
  members: Member[];
}

/**
 * Who is connected and who is on which board, with members de-duplicated by clientId across
 * their sockets (tabs). Async on purpose: the in-memory version serves one node, and a shared
 * (Redis) version for several nodes implements the same interface.
 */
export interface PresenceRegistry {
  /** A socket connected as `member`. */
  connect(socketId: string, member: Member): Promise<void>;
  /** A socket went away: it leaves every board; returns where its member is gone now. */
  disconnect(socketId: string): Promise<BoardDeparture[]>;
  /** Puts a connected socket on a board; `firstSocketOfMember` says the member was not there before. */
  join(boardId: string, socketId: string): Promise<{ firstSocketOfMember: boolean }>;
  /** Takes a socket off a board; returns the departure when it was its member's last socket there. */
  leave(boardId: string, socketId: string): Promise<BoardDeparture | null>;
  /** The members on a board, in the order they arrived. */
  members(boardId: string): Promise<Member[]>;
  /**
   * How many members a board has, and the first `limit` of them in arrival order (as `members` orders
   * them). The list may be shared with other callers: read it, never change it.
   */
  summary(boardId: string, limit: number): Promise<PresenceSummary>;
  /** Distinct members online on each of `boardIds` (0 for a board nobody is on). */
  onlineByBoard(boardIds: readonly string[]): Promise<Map<string, number>>;
  /** Distinct clientIds connected, on a board or not. */
  online(): Promise<number>;
}
