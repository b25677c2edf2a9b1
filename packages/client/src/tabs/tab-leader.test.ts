import { describe, expect, it, vi } from 'vitest';
import { FakeLocks } from '../testing/fake-locks.js';
import { electTabLeader } from './tab-leader.js';

function tab(locks: FakeLocks, lockName = 'tally.op-sender') {
  const leadership = electTabLeader({ locks: locks.asLockManager(), lockName });
  const becameLeader = vi.fn();
  leadership.subscribe(becameLeader);
  return { leadership, becameLeader };
}

describe('electTabLeader', () => {
  it('makes the first tab the leader while the next ones wait', async () => {
    const locks = new FakeLocks();
    const first = tab(locks);
    const second = tab(locks);
    await vi.waitFor(() => expect(first.leadership.isLeader()).toBe(true));
    expect(first.becameLeader).toHaveBeenCalledOnce();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(second.leadership.isLeader()).toBe(false);
    expect(second.becameLeader).not.toHaveBeenCalled();
  });

  it('hands over to the next tab in line when the leader closes', async () => {
    const locks = new FakeLocks();
    const first = tab(locks);
    const second = tab(locks);
    await vi.waitFor(() => expect(first.leadership.isLeader()).toBe(true));
    first.leadership.close();
    expect(first.leadership.isLeader()).toBe(false);
    await vi.waitFor(() => expect(second.becameLeader).toHaveBeenCalledOnce());
    expect(second.leadership.isLeader()).toBe(true);
  });

  it('withdraws the request of a tab that closes while it waits', async () => {
    const locks = new FakeLocks();
    const first = tab(locks);
    const leaving = tab(locks);
    const third = tab(locks);
    await vi.waitFor(() => expect(first.leadership.isLeader()).toBe(true));
    leaving.leadership.close();
    first.leadership.close();
    await vi.waitFor(() => expect(third.leadership.isLeader()).toBe(true));
    expect(leaving.becameLeader).not.toHaveBeenCalled();
    expect(leaving.leadership.isLeader()).toBe(false);
  });

  it('lets tabs with other lock names lead side by side', async () => {
    const locks = new FakeLocks();
    const sender = tab(locks, 'tally.op-sender');
    const other = tab(locks, 'tally.other');
    await vi.waitFor(() => expect(sender.leadership.isLeader() && other.leadership.isLeader()).toBe(true));
  });

  it('leads at once without Web Locks, and alone where they are refused', async () => {
    expect(electTabLeader({ locks: undefined }).isLeader()).toBe(true);
    const refusing = {
      request: () => Promise.reject(new DOMException('Access denied', 'SecurityError')),
    } as unknown as LockManager;
    const alone = electTabLeader({ locks: refusing });
    await vi.waitFor(() => expect(alone.isLeader()).toBe(true));
  });
});
