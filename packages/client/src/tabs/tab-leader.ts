/** Whether this tab is the one of its profile that does what only one may do (send the queue). */
export interface TabLeadership {
  isLeader(): boolean;
  /** Called when this tab becomes the leader. */
  subscribe(listener: () => void): () => void;
  /** Gives up the leadership, or the place in line for it, so that another tab takes over. */
  close(): void;
}

/**
 * Elects one leader among the tabs of a profile with an exclusive Web Lock: the tab holding it
 * leads, the others wait in line, and when the leader closes (or its tab is gone, which frees its
 * locks) the next one is granted the lock. Without Web Locks (Node, older browsers), or where
 * they are refused (an opaque origin), the instance leads at once: it is alone.
 * `locks: undefined` given explicitly means "lead alone" too.
 */
export function electTabLeader(
  options: { lockName?: string; locks?: LockManager | undefined } = {},
): TabLeadership {
  const locks = 'locks' in options ? options.locks : globalThis.navigator?.locks;
  const listeners = new Set<() => void>();
  // Only a tab waiting in line has a place to withdraw; one that leads alone makes no controller.
  const withdraw = locks === undefined ? null : new AbortController();
  let leader = false;
  let closed = false;
  let granted = false;
  let release: (() => void) | null = null;

  function becomeLeader(): void {
    leader = true;
    for (const listener of [...listeners]) listener();
  }

  async function waitForLock(manager: LockManager, signal: AbortSignal): Promise<void> {
    try {
      await manager.request(options.lockName ?? 'tally.op-sender', { mode: 'exclusive', signal }, () => {
        granted = true;
        // Granted just as this tab closed: let it go at once.
        if (closed) return;
        // Held until close(): the lock is released when this promise settles.
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        becomeLeader();
        return held;
      });
    } catch {
      // Withdrawn by close(), or Web Locks refused here: then this instance is on its own.
      if (!closed && !granted) becomeLeader();
    }
  }

  if (locks === undefined || withdraw === null) leader = true;
  else void waitForLock(locks, withdraw.signal);

  return {
    isLeader: () => leader,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      if (closed) return;
      closed = true;
      leader = false;
      listeners.clear();
      if (release === null) withdraw?.abort();
      else release();
    },
  };
}
