import { isPendingOp, type PendingOp } from './pending-ops';

/** The part of the Web Storage API the queue needs (localStorage in the app). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface PendingQueue {
  /** The pending ops, oldest first; a new array after every change (a stable snapshot otherwise). */
  getOps(): readonly PendingOp[];
  has(opId: string): boolean;
  add(op: PendingOp): void;
  remove(opId: string): void;
  /** Re-reads storage: another tab of the same profile changed the queue. */
  reload(): void;
  subscribe(listener: () => void): () => void;
}

interface StoredQueue {
  version: 1;
  ops: readonly PendingOp[];
}

/**
 * The pending-op queue, persisted so that clicks made offline survive a reload. Every change
 * reads the stored list first and writes it back at once: tabs of one browser profile share it,
 * and none of them overwrites an op another tab added. When storage is unavailable (private
 * mode, quota), the queue still works in memory for the life of the page.
 */
export function createPendingQueue(storage: KeyValueStorage | null, key: string): PendingQueue {
  let ops: readonly PendingOp[] = read() ?? [];
  const listeners = new Set<() => void>();

  function read(): PendingOp[] | null {
    if (storage === null) return null;
    try {
      const raw = storage.getItem(key);
      if (raw === null) return [];
      const parsed = JSON.parse(raw) as Partial<StoredQueue>;
      return Array.isArray(parsed.ops) ? parsed.ops.filter(isPendingOp) : [];
    } catch {
      return null;
    }
  }

  function write(next: readonly PendingOp[]): void {
    if (storage === null) return;
    try {
      storage.setItem(key, JSON.stringify({ version: 1, ops: next } satisfies StoredQueue));
    } catch {
      // Storage full or refused: the ops stay in memory and are still sent.
    }
  }

  function commit(next: readonly PendingOp[]): void {
    ops = next;
    for (const listener of listeners) listener();
  }

  function change(update: (current: readonly PendingOp[]) => readonly PendingOp[]): void {
    const base = read() ?? ops;
    const next = update(base);
    write(next);
    commit(next);
  }

  return {
    getOps: () => ops,
    has: (opId) => ops.some((op) => op.opId === opId),
    add(op) {
      change((current) => (current.some((known) => known.opId === op.opId) ? current : [...current, op]));
    },
    remove(opId) {
      if (!ops.some((op) => op.opId === opId) && !(read() ?? []).some((op) => op.opId === opId)) return;
      change((current) => current.filter((op) => op.opId !== opId));
    },
    reload() {
      const stored = read();
      if (stored !== null) commit(stored);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
