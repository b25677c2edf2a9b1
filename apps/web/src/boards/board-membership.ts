/**
 * Which boards this tab's socket has joined. Pending ops of a board are only sent once it is
 * joined (the server answers `not_joined` otherwise). While the link is down nothing counts as
 * joined; when it is back, either the server recovered the session (its rooms with it) and the
 * joins held over stand again, or it did not and the board queries join again.
 */
const joined = new Set<string>();
/** Joins of the connection that dropped, until the next connection says whether they survived. */
const heldOver = new Set<string>();
const listeners = new Set<() => void>();
const retained = new Map<string, number>();

function notify(): void {
  for (const listener of listeners) listener();
}

export function isJoined(boardId: string): boolean {
  return joined.has(boardId);
}

export function markJoined(boardId: string): void {
  joined.add(boardId);
  notify();
}

export function markLeft(boardId: string): void {
  if (joined.delete(boardId)) notify();
}

/** The connection dropped: no room can be used until the next connection says whether it survived. */
export function suspendJoins(): void {
  if (joined.size === 0) return;
  for (const boardId of joined) heldOver.add(boardId);
  joined.clear();
  notify();
}

/**
 * The socket is connected again. With its session recovered, the server kept the old rooms: the
 * boards a page still shows count as joined again at once, and the others are returned, to be
 * left. Without recovery the server forgot them all, and nothing held over stands.
 */
export function resumeJoins(recovered: boolean): string[] {
  const held = [...heldOver];
  heldOver.clear();
  if (!recovered) return [];
  const kept = held.filter(isRetained);
  for (const boardId of kept) joined.add(boardId);
  if (kept.length > 0) notify();
  return held.filter((boardId) => !isRetained(boardId));
}

export function subscribeToJoins(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether a page still shows the board (a join that lands after the page left must be undone). */
export function isRetained(boardId: string): boolean {
  return (retained.get(boardId) ?? 0) > 0;
}

/**
 * Marks the board as shown by a page; the returned release leaves it one task later unless the
 * board was retained again meanwhile, so StrictMode's unmount/remount does not leave and rejoin.
 */
export function retainBoard(boardId: string, leave: () => void): () => void {
  retained.set(boardId, (retained.get(boardId) ?? 0) + 1);
  return () => {
    retained.set(boardId, (retained.get(boardId) ?? 1) - 1);
    setTimeout(() => {
      if (isRetained(boardId)) return;
      retained.delete(boardId);
      leave();
    }, 0);
  };
}
