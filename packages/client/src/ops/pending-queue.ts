import { createStore } from '../readable-store.js';
import { type ClientStorage, STORAGE_KEYS } from '../storage/client-storage.js';
import type { TabChannel } from '../tabs/tab-channel.js';
import { isPendingOp, type PendingOp } from './pending-ops.js';

/** The pending-op queue as stored, under `STORAGE_KEYS.pendingOps`. */
export interface StoredQueue {
  version: 1;
  ops: PendingOp[];
}

/** One change a tab makes to the queue; applying it twice does what applying it once does. */
type QueueChange = { kind: 'add'; op: PendingOp } | { kind: 'remove'; opId: string };

function applyChanges(ops: readonly PendingOp[], changes: readonly QueueChange[]): PendingOp[] {
  // A Map keeps the order ops were first added in, and one op per opId.
  const byId = new Map<string, PendingOp>();
  for (const op of ops) if (!byId.has(op.opId)) byId.set(op.opId, op);
  for (const change of changes) {
    if (change.kind === 'remove') byId.delete(change.opId);
    else if (!byId.has(change.op.opId)) byId.set(change.op.opId, change.op);
  }
  return [...byId.values()];
}

/**
 * The ops of a stored queue, oldest first. Another version of the app may have written it: what
 * is not a readable op is dropped, and an opId seen twice is kept once.
 */
export function readStoredOps(value: unknown): PendingOp[] {
  if (typeof value !== 'object' || value === null) return [];
  const { version, ops } = value as { version?: unknown; ops?: unknown };
  if (version !== 1 || !Array.isArray(ops)) return [];
  return applyChanges(ops.filter(isPendingOp), []);
}

/** The stored queue `current` with `ops` added behind it, those whose opId it lacks. */
export function withOpsAppended(current: unknown, ops: readonly PendingOp[]): StoredQueue {
  return {
    version: 1,
    ops: applyChanges(
      readStoredOps(current),
      ops.map((op) => ({ kind: 'add', op })),
    ),
  };
}

function sameOps(a: readonly PendingOp[], b: readonly PendingOp[]): boolean {
  return a.length === b.length && a.every((op, index) => op.opId === b[index]?.opId);
}

export interface PendingQueue {
  /** Oldest first; a new array after each change, the same one otherwise (for `useSyncExternalStore`). */
  getOps(): readonly PendingOp[];
  has(opId: string): boolean;
  /** Shows at once (the optimistic value is synchronous), then is persisted. */
  add(op: PendingOp): void;
  remove(opId: string): void;
  /** The stored queue has been read in. */
  readonly ready: Promise<void>;
  /** Every write made so far has landed (or failed: the change then lives in memory only). */
  settled(): Promise<void>;
  /** Reads the stored queue again (another tab changed it). */
  reload(): void;
  subscribe(listener: () => void): () => void;
  /** Stops following the other tabs; writes already made still land. */
  dispose(): void;
}

/**
 * The pending-op queue shared by the tabs of a profile. Every tab shows every op; each change is
 * made in memory at once and then applied, as the same change, to the stored list in one
 * `storage.update`, so a tab never overwrites what another added or removed meanwhile. Reads
 * and writes take turns, one at a time: a read starts after this tab's earlier writes landed,
 * and the changes made while it was under way are applied to what it read, so none is lost.
 * Each write that lands tells the other tabs (`queue-changed`), which read the queue again.
 * A change storage refused stays in memory and is written again with the next one.
 */
export function createPendingQueue(storage: ClientStorage, channel: TabChannel): PendingQueue {
  const ops = createStore<readonly PendingOp[]>([]);
  /** Changes made here that are not in storage yet, in the order they were made. */
  let unsaved: QueueChange[] = [];
  let reloadWanted = true;
  let working = false;
  let lastTurns: Promise<void> = Promise.resolve();
  let disposed = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  /** What storage holds, with what this tab changed since on top. */
  function show(stored: readonly PendingOp[]): void {
    const next = applyChanges(stored, unsaved);
    if (!sameOps(next, ops.get())) ops.set(next);
  }

  function change(next: QueueChange): void {
    unsaved.push(next);
    ops.set(applyChanges(ops.get(), [next]));
    takeTurns();
  }

  /** Writes the unsaved changes; false when storage refused them (they stay unsaved). */
  async function write(): Promise<boolean> {
    const batch = unsaved;
    unsaved = [];
    let written: StoredQueue;
    try {
      written = await storage.update(STORAGE_KEYS.pendingOps, (current) => ({
        version: 1 as const,
        ops: applyChanges(readStoredOps(current), batch),
      }));
    } catch {
      unsaved = [...batch, ...unsaved];
      return false;
    }
    channel.post({ type: 'queue-changed' });
    // The write returned the whole stored queue: what other tabs did is shown without a read.
    show(written.ops);
    return true;
  }

  async function read(): Promise<void> {
    let stored: PendingOp[] | null = null;
    try {
      stored = readStoredOps(await storage.get(STORAGE_KEYS.pendingOps));
    } catch {
      // Storage cannot be read: the queue carries on with what it holds.
    }
    markReady();
    if (stored !== null) show(stored);
  }

  async function turns(): Promise<void> {
    let refused = false;
    try {
      while (true) {
        if (unsaved.length > 0 && !refused) refused = !(await write());
        else if (reloadWanted && !disposed) {
          reloadWanted = false;
          await read();
        } else return;
      }
    } finally {
      working = false;
    }
  }

  function takeTurns(): void {
    if (working) return;
    working = true;
    lastTurns = turns();
  }

  const unsubscribe = channel.subscribe((notice) => {
    if (notice.type === 'queue-changed') queue.reload();
  });

  const queue: PendingQueue = {
    getOps: ops.get,
    has: (opId) => ops.get().some((op) => op.opId === opId),
    add(op) {
      if (!queue.has(op.opId)) change({ kind: 'add', op });
    },
    remove(opId) {
      if (queue.has(opId)) change({ kind: 'remove', opId });
    },
    ready,
    settled: () => lastTurns,
    reload() {
      if (disposed) return;
      reloadWanted = true;
      takeTurns();
    },
    subscribe: ops.subscribe,
    dispose() {
      disposed = true;
      unsubscribe();
      markReady();
    },
  };
  takeTurns();
  return queue;
}
