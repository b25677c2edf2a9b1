import type { Member } from '@tally/events';
import { createLocalPresence } from './local-presence.js';

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

/** The single-node PresenceRegistry: this process's own bookkeeping is the whole truth. */
export function createMemoryPresenceRegistry(): PresenceRegistry {
  const local = createLocalPresence();
  /**
   * Each board's first members as last summarised, kept until they change: joins past the first
   * `limit` do not change them, so a burst of joins on a busy board shares one list (in every
   * snapshot and every summary held for a joiner) instead of making `limit` objects per join, which
   * lived long enough to be promoted and then left the old generation full of garbage.
   */
  const firstMembers = new Map<string, { limit: number; members: Member[] }>();

  function forgetFirstMembers(departures: readonly BoardDeparture[]): void {
    for (const { boardId } of departures) firstMembers.delete(boardId);
  }

  return {
    async connect(socketId, member) {
      local.connect(socketId, member);
    },

    async disconnect(socketId) {
      const departures = local.disconnect(socketId)?.departures ?? [];
      forgetFirstMembers(departures);
      return departures;
    },

    async join(boardId, socketId) {
      const { firstSocketOfMember } = local.join(boardId, socketId);
      const cached = firstMembers.get(boardId);
      // A newcomer is last in arrival order: among the first `limit` only while the board is that small.
      if (firstSocketOfMember && cached && local.memberCount(boardId) <= cached.limit) {
        firstMembers.delete(boardId);
      }
      return { firstSocketOfMember };
    },

    async leave(boardId, socketId) {
      const departure = local.leave(boardId, socketId);
      if (departure) forgetFirstMembers([departure]);
      return departure;
    },

    async members(boardId) {
      return local.members(boardId).map(({ clientId, name }) => ({ clientId, name }));
    },

    async summary(boardId, limit) {
      const count = local.memberCount(boardId);
      let cached = firstMembers.get(boardId);
      if (cached?.limit !== limit) {
        cached = {
          limit,
          members: local.members(boardId, limit).map(({ clientId, name }) => ({ clientId, name })),
        };
        // An empty board is forgotten by presence; its list would outlive it here.
        if (count > 0) firstMembers.set(boardId, cached);
      }
      return { count, members: cached.members };
    },

    async onlineByBoard(boardIds) {
      return new Map(boardIds.map((boardId) => [boardId, local.memberCount(boardId)]));
    },

    async online() {
      return local.clientCount();
    },
  };
}
