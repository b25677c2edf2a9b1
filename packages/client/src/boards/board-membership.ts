/**
 * Which boards this client's socket has joined, and which ones something still shows (retains).
 * Pending ops of a board are only sent over the socket once it is joined (the server answers
 * `not_joined` otherwise). While the link is down nothing counts as joined; when it is back,
 * either the server recovered the session (its rooms with it) and the joins held over stand
 * again, or it did not and every retained board is joined again.
 */
export interface BoardMembership {
  isJoined(boardId: string): boolean;
  markJoined(boardId: string): void;
  markLeft(boardId: string): void;
  /** The connection dropped: no room can be used until the next connection says whether it survived. */
  suspendJoins(): void;
  /**
   * The socket is connected again. With its session recovered, the server kept the old rooms:
   * the retained boards count as joined again at once, and the others are returned, to be left.
   * Without recovery the server forgot them all, and nothing held over stands.
   */
  resumeJoins(recovered: boolean): string[];
  subscribe(listener: () => void): () => void;
  isRetained(boardId: string): boolean;
  retainedBoards(): string[];
  /**
   * Marks the board as shown; the returned release calls `leave` one task later unless the board
   * was retained again meanwhile, so React StrictMode's unmount/remount does not leave and rejoin.
   */
  retain(boardId: string, leave: () => void): () => void;
}

export function createBoardMembership(): BoardMembership {
  const joined = new Set<string>();
  const heldOver = new Set<string>();
  const listeners = new Set<() => void>();
  const retained = new Map<string, number>();

  function notify(): void {
    for (const listener of [...listeners]) listener();
  }
  const isRetained = (boardId: string) => (retained.get(boardId) ?? 0) > 0;

  return {
    isJoined: (boardId) => joined.has(boardId),
    markJoined(boardId) {
      joined.add(boardId);
      notify();
    },
    markLeft(boardId) {
      if (joined.delete(boardId)) notify();
    },
    suspendJoins() {
      if (joined.size === 0) return;
      for (const boardId of joined) heldOver.add(boardId);
      joined.clear();
      notify();
    },
    resumeJoins(recovered) {
      const held = [...heldOver];
      heldOver.clear();
      if (!recovered) return [];
      const kept = held.filter(isRetained);
      for (const boardId of kept) joined.add(boardId);
      if (kept.length > 0) notify();
      return held.filter((boardId) => !isRetained(boardId));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    isRetained,
    retainedBoards: () => [...retained.keys()].filter(isRetained),
    retain(boardId, leave) {
      retained.set(boardId, (retained.get(boardId) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        retained.set(boardId, (retained.get(boardId) ?? 1) - 1);
        setTimeout(() => {
          if (isRetained(boardId)) return;
          retained.delete(boardId);
          leave();
        }, 0);
      };
    },
  };
}
