import { describe, expect, it } from 'vitest';
import type { PendingOp } from './pending-ops';
import { createPendingQueue, type KeyValueStorage } from './pending-queue';

const KEY = 'tally.pending-ops';

/** A stand-in for one browser profile's localStorage, shared by the "tabs" of a test. */
class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

function increment(opId: string, by = 1, counterId = 'c1'): PendingOp {
  return { kind: 'increment', opId, boardId: 'b1', counterId, by, createdAt: 1 };
}

describe('pending queue', () => {
  it('survives a reload: a new queue on the same storage has the same ops in order', () => {
    const storage = new MemoryStorage();
    const before = createPendingQueue(storage, KEY);
    before.add(increment('op-00001'));
    before.add(increment('op-00002', -3));
    const afterReload = createPendingQueue(storage, KEY);
    expect(afterReload.getOps().map((op) => op.opId)).toEqual(['op-00001', 'op-00002']);
  });

  it('adds an opId once and removes it everywhere', () => {
    const queue = createPendingQueue(new MemoryStorage(), KEY);
    queue.add(increment('op-00001'));
    queue.add(increment('op-00001'));
    expect(queue.getOps()).toHaveLength(1);
    queue.remove('op-00001');
    expect(queue.getOps()).toEqual([]);
    expect(queue.has('op-00001')).toBe(false);
  });

  it('keeps the ops another tab added when this tab changes the queue', () => {
    const storage = new MemoryStorage();
    const tabA = createPendingQueue(storage, KEY);
    const tabB = createPendingQueue(storage, KEY);
    tabA.add(increment('op-aaaaa'));
    tabB.add(increment('op-bbbbb'));
    expect(
      createPendingQueue(storage, KEY)
        .getOps()
        .map((op) => op.opId),
    ).toEqual(['op-aaaaa', 'op-bbbbb']);
    tabA.reload();
    expect(tabA.getOps()).toHaveLength(2);
  });

  it('tells subscribers about every change, with a new snapshot each time', () => {
    const queue = createPendingQueue(new MemoryStorage(), KEY);
    const snapshots: unknown[] = [];
    const unsubscribe = queue.subscribe(() => snapshots.push(queue.getOps()));
    queue.add(increment('op-00001'));
    queue.remove('op-00001');
    unsubscribe();
    queue.add(increment('op-00002'));
    expect(snapshots).toHaveLength(2);
    expect(snapshots[0]).not.toBe(snapshots[1]);
  });

  it('returns the same snapshot while nothing changes (for useSyncExternalStore)', () => {
    const queue = createPendingQueue(new MemoryStorage(), KEY);
    queue.add(increment('op-00001'));
    expect(queue.getOps()).toBe(queue.getOps());
  });

  it('drops stored entries that are not ops and survives unreadable storage', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, JSON.stringify({ version: 1, ops: [increment('op-00001'), { kind: 'x' }, null] }));
    expect(
      createPendingQueue(storage, KEY)
        .getOps()
        .map((op) => op.opId),
    ).toEqual(['op-00001']);
    storage.setItem(KEY, '{not json');
    const queue = createPendingQueue(storage, KEY);
    expect(queue.getOps()).toEqual([]);
    queue.add(increment('op-00002'));
    expect(queue.getOps()).toHaveLength(1);
  });

  it('works in memory when there is no storage at all', () => {
    const queue = createPendingQueue(null, KEY);
    queue.add(increment('op-00001'));
    expect(queue.getOps()).toHaveLength(1);
  });
});
