/**
 * Which boards this tab's socket has joined. A reconnect starts from nothing (the server forgot
 * the rooms of the old connection), the board query joins again, and pending ops of a board are
 * only sent once it is joined (the server answers `not_joined` otherwise).
 */
const joined = new Set<string>();
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

/** The connection dropped: every room membership went with it. */
export function forgetAllJoins(): void {
  if (joined.size === 0) return;
  joined.clear();
  notify();
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
