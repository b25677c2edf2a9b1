import type { Member } from '@tally/events';

/** A member whose last socket left a board. */
export interface BoardDeparture {
  boardId: string;
  clientId: string;
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
  /** Distinct members online on each of `boardIds` (0 for a board nobody is on). */
  onlineByBoard(boardIds: readonly string[]): Promise<Map<string, number>>;
  /** Distinct clientIds connected, on a board or not. */
  online(): Promise<number>;
}

interface BoardMember {
  name: string;
  sockets: Set<string>;
}

/** The single-node PresenceRegistry: plain maps, no I/O. */
export function createMemoryPresenceRegistry(): PresenceRegistry {
  const memberBySocket = new Map<string, Member>();
  const socketsByClient = new Map<string, Set<string>>();
  const boardsBySocket = new Map<string, Set<string>>();
  const membersByBoard = new Map<string, Map<string, BoardMember>>();

  function removeFromBoard(boardId: string, socketId: string): BoardDeparture | null {
    const member = memberBySocket.get(socketId);
    const boardMembers = membersByBoard.get(boardId);
    const entry = member && boardMembers?.get(member.clientId);
    if (!member || !boardMembers || !entry?.sockets.delete(socketId)) return null;
    boardsBySocket.get(socketId)?.delete(boardId);
    if (entry.sockets.size > 0) return null;
    boardMembers.delete(member.clientId);
    if (boardMembers.size === 0) membersByBoard.delete(boardId);
    return { boardId, clientId: member.clientId };
  }

  return {
    async connect(socketId, member) {
      memberBySocket.set(socketId, member);
      boardsBySocket.set(socketId, new Set());
      const sockets = socketsByClient.get(member.clientId) ?? new Set<string>();
      sockets.add(socketId);
      socketsByClient.set(member.clientId, sockets);
    },

    async disconnect(socketId) {
      const member = memberBySocket.get(socketId);
      if (!member) return [];
      const departures: BoardDeparture[] = [];
      for (const boardId of [...(boardsBySocket.get(socketId) ?? [])]) {
        const departure = removeFromBoard(boardId, socketId);
        if (departure) departures.push(departure);
      }
      boardsBySocket.delete(socketId);
      memberBySocket.delete(socketId);
      const sockets = socketsByClient.get(member.clientId);
      sockets?.delete(socketId);
      if (sockets?.size === 0) socketsByClient.delete(member.clientId);
      return departures;
    },

    async join(boardId, socketId) {
      const member = memberBySocket.get(socketId);
      const socketBoards = boardsBySocket.get(socketId);
      if (!member || !socketBoards) throw new Error(`presence: socket ${socketId} is not connected`);
      let boardMembers = membersByBoard.get(boardId);
      if (!boardMembers) {
        boardMembers = new Map();
        membersByBoard.set(boardId, boardMembers);
      }
      const entry = boardMembers.get(member.clientId);
      socketBoards.add(boardId);
      if (entry) {
        entry.sockets.add(socketId);
        return { firstSocketOfMember: false };
      }
      boardMembers.set(member.clientId, { name: member.name, sockets: new Set([socketId]) });
      return { firstSocketOfMember: true };
    },

    async leave(boardId, socketId) {
      return removeFromBoard(boardId, socketId);
    },

    async members(boardId) {
      const boardMembers = membersByBoard.get(boardId);
      if (!boardMembers) return [];
      return [...boardMembers].map(([clientId, { name }]) => ({ clientId, name }));
    },

    async onlineByBoard(boardIds) {
      return new Map(boardIds.map((boardId) => [boardId, membersByBoard.get(boardId)?.size ?? 0]));
    },

    async online() {
      return socketsByClient.size;
    },
  };
}
