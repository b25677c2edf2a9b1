import type { Member } from '@tally/events';
import {
  addToSet,
  addToSetIn,
  type CompactStringSet,
  removeFromSet,
  removeFromSetIn,
  setHas,
  setValues,
} from './compact-string-set.js';
import type { BoardDeparture } from './presence-registry.js';

/** A member on a board, with when their first socket arrived there (cross-node order needs it). */
export interface LocalBoardMember extends Member {
  arrivedAt: number;
}

/** What a socket's disconnect changed locally. */
export interface LocalDisconnect {
  clientId: string;
  /** Boards where this was the member's last socket. */
  departures: BoardDeparture[];
  lastSocketOfClient: boolean;
}

/**
 * One process's own sockets, members and boards, synchronous and without I/O. The in-memory
 * registry answers from it directly; the Redis registry keeps its node's truth here and mirrors it.
 */
export interface LocalPresence {
  connect(socketId: string, member: Member): { firstSocketOfClient: boolean };
  /** Null when the socket was not connected. */
  disconnect(socketId: string): LocalDisconnect | null;
  /** Throws when the socket is not connected. */
  join(boardId: string, socketId: string): { firstSocketOfMember: boolean; member: LocalBoardMember };
  leave(boardId: string, socketId: string): BoardDeparture | null;
  /** The members on a board, in the order they arrived; the first `limit` of them when given. */
  members(boardId: string, limit?: number): LocalBoardMember[];
  memberCount(boardId: string): number;
  clientCount(): number;
  clientIds(): string[];
  boardIds(): string[];
}

interface BoardEntry {
  name: string;
  arrivedAt: number;
  sockets: CompactStringSet;
}

export function createLocalPresence(): LocalPresence {
  const memberBySocket = new Map<string, Member>();
  const socketsByClient = new Map<string, CompactStringSet>();
  /** The boards of each socket that is on one (connected sockets on none have no entry). */
  const boardsBySocket = new Map<string, CompactStringSet>();
  /** boardId → clientId → that member's sockets there; insertion order is arrival order. */
  const membersByBoard = new Map<string, Map<string, BoardEntry>>();

  function leave(boardId: string, socketId: string): BoardDeparture | null {
    const member = memberBySocket.get(socketId);
    const boardMembers = membersByBoard.get(boardId);
    const entry = member && boardMembers?.get(member.clientId);
    if (!member || !boardMembers || !entry || !setHas(entry.sockets, socketId)) return null;
    removeFromSetIn(boardsBySocket, socketId, boardId);
    const sockets = removeFromSet(entry.sockets, socketId);
    if (sockets !== undefined) {
      entry.sockets = sockets;
      return null;
    }
    boardMembers.delete(member.clientId);
    if (boardMembers.size === 0) membersByBoard.delete(boardId);
    return { boardId, clientId: member.clientId };
  }

  return {
    connect(socketId, member) {
      memberBySocket.set(socketId, member);
      const sockets = addToSetIn(socketsByClient, member.clientId, socketId);
      return { firstSocketOfClient: typeof sockets === 'string' };
    },

    disconnect(socketId) {
      const member = memberBySocket.get(socketId);
      if (!member) return null;
      const departures: BoardDeparture[] = [];
      for (const boardId of setValues(boardsBySocket.get(socketId))) {
        const departure = leave(boardId, socketId);
        if (departure) departures.push(departure);
      }
      boardsBySocket.delete(socketId);
      memberBySocket.delete(socketId);
      const lastSocketOfClient = removeFromSetIn(socketsByClient, member.clientId, socketId) === undefined;
      return { clientId: member.clientId, departures, lastSocketOfClient };
    },

    join(boardId, socketId) {
      const member = memberBySocket.get(socketId);
      if (!member) throw new Error(`presence: socket ${socketId} is not connected`);
      let boardMembers = membersByBoard.get(boardId);
      if (!boardMembers) {
        boardMembers = new Map();
        membersByBoard.set(boardId, boardMembers);
      }
      addToSetIn(boardsBySocket, socketId, boardId);
      const entry = boardMembers.get(member.clientId);
      if (entry) {
        entry.sockets = addToSet(entry.sockets, socketId);
        return {
          firstSocketOfMember: false,
          member: { clientId: member.clientId, name: entry.name, arrivedAt: entry.arrivedAt },
        };
      }
      const arrivedAt = Date.now();
      boardMembers.set(member.clientId, { name: member.name, arrivedAt, sockets: socketId });
      return {
        firstSocketOfMember: true,
        member: { clientId: member.clientId, name: member.name, arrivedAt },
      };
    },

    leave,

    members(boardId, limit = Number.POSITIVE_INFINITY) {
      const found: LocalBoardMember[] = [];
      // Stops at `limit`: a summary of a board of 10,000 reads 100 entries, not 10,000.
      for (const [clientId, { name, arrivedAt }] of membersByBoard.get(boardId) ?? []) {
        if (found.length >= limit) break;
        found.push({ clientId, name, arrivedAt });
      }
      return found;
    },

    memberCount(boardId) {
      return membersByBoard.get(boardId)?.size ?? 0;
    },

    clientCount() {
      return socketsByClient.size;
    },

    clientIds() {
      return [...socketsByClient.keys()];
    },

    boardIds() {
      return [...membersByBoard.keys()];
    },
  };
}
