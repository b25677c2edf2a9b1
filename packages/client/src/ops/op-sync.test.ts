import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBoardMembership } from '../boards/board-membership.js';
import type { BoardRegistry } from '../boards/board-registry.js';
import type { BoardState } from '../boards/board-state.js';
import type { ClientStorage } from '../storage/client-storage.js';
import { memoryStorage } from '../storage/memory-storage.js';
import { createTabChannel } from '../tabs/tab-channel.js';
import { electTabLeader } from '../tabs/tab-leader.js';
import { FakeLocks } from '../testing/fake-locks.js';
import { FakeSocket } from '../testing/fake-socket.js';
import { createOpSync } from './op-sync.js';
import { createPendingQueue } from './pending-queue.js';

let channelCount = 0;
const disposers: Array<() => void> = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
});

/** The server's side of increments: each opId applied once, the value and version after it. */
function serverCounter(socket: FakeSocket) {
  const applied = new Map<string, { value: number; version: number }>();
  let value = 0;
  socket.answer('counter:increment', (payload) => {
    const { opId, by } = payload as { opId: string; by: number };
    let result = applied.get(opId);
    if (result === undefined) {
      value += by;
      result = { value, version: applied.size + 1 };
      applied.set(opId, result);
    }
    return { ok: true, ...result };
  });
}

/**
 * One tab of a profile: its own socket, the profile's storage, locks and channel name, showing
 * board b1 (joined unless `joined` is false) and answering HTTP increments (their opIds are kept).
 */
function openTab(
  profile: { storage: ClientStorage; locks: FakeLocks; channelName: string },
  options: { joined?: boolean } = {},
) {
  const socket = new FakeSocket();
  socket.connected = false;
  serverCounter(socket);
  const channel = createTabChannel(profile.channelName);
  const leadership = electTabLeader({ locks: profile.locks.asLockManager() });
  const queue = createPendingQueue(profile.storage, channel);
  const membership = createBoardMembership();
  membership.retain('b1', () => {});
  if (options.joined ?? true) membership.markJoined('b1');
  const updateView = vi.fn();
  const b1: { status: BoardState['status'] } = { status: 'loading' };
  const boards = {
    updateView,
    reload: vi.fn(),
    open: () => () => {},
    get: () => b1,
  } as unknown as BoardRegistry;
  const httpIncrements: string[] = [];
  const sync = createOpSync({
    socket: socket.asSocket(),
    queue,
    channel,
    leadership,
    membership,
    boards,
    boardKey: () => undefined,
    postJson: <T>(_path: string, _body: unknown, headers: Record<string, string>) => {
      httpIncrements.push(headers['idempotency-key'] ?? '');
      return Promise.resolve({ value: 1, version: 1 } as T);
    },
  });
  const rejected = vi.fn();
  sync.onRejected(rejected);
  const close = () => {
    sync.dispose();
    queue.dispose();
    leadership.close();
    channel.close();
  };
  disposers.push(close);
  const goOnline = () => {
    socket.connected = true;
    sync.onConnect();
  };
  const increments = () => socket.sent.filter((sent) => sent.event === 'counter:increment');
  return {
    socket,
    queue,
    leadership,
    membership,
    b1,
    sync,
    updateView,
    rejected,
    close,
    goOnline,
    increments,
    httpIncrements,
  };
}

function profile() {
  channelCount += 1;
  return { storage: memoryStorage(), locks: new FakeLocks(), channelName: `op-sync-test-${channelCount}` };
}

describe('tabs of one profile share one queue and one sender', () => {
  it('every tab shows every pending op; only the leader sends them, one frame per op', async () => {
    const shared = profile();
    const a = openTab(shared);
    const b = openTab(shared);
    await vi.waitFor(() => expect(a.leadership.isLeader()).toBe(true));
    expect(b.leadership.isLeader()).toBe(false);

    for (let n = 0; n < 3; n += 1) a.sync.increment('b1', 'c1', 1);
    for (let n = 0; n < 2; n += 1) b.sync.increment('b1', 'c1', 1);
    await vi.waitFor(() => {
      expect(a.queue.getOps()).toHaveLength(5);
      expect(b.queue.getOps()).toHaveLength(5);
    });

    b.goOnline();
    a.goOnline();
    await vi.waitFor(() => {
      expect(a.queue.getOps()).toHaveLength(0);
      expect(b.queue.getOps()).toHaveLength(0);
    });
    const sent = a.increments().map((frame) => (frame.payload as { opId: string }).opId);
    expect(sent).toHaveLength(5);
    expect(new Set(sent).size).toBe(5);
    expect(b.increments()).toEqual([]);
    // The follower showed each confirmed value before its op left the queue.
    await vi.waitFor(() => expect(b.updateView).toHaveBeenCalledTimes(5));
  });

  it('when the leader tab closes, the next one sends what it left, nothing lost or doubled', async () => {
    const shared = profile();
    const a = openTab(shared);
    const b = openTab(shared);
    await vi.waitFor(() => expect(a.leadership.isLeader()).toBe(true));
    a.sync.increment('b1', 'c1', 1);
    a.sync.increment('b1', 'c1', 1);
    b.sync.increment('b1', 'c1', 1);
    await vi.waitFor(() => expect(b.queue.getOps()).toHaveLength(3));

    a.close();
    await vi.waitFor(() => expect(b.leadership.isLeader()).toBe(true));
    b.goOnline();
    await vi.waitFor(() => expect(b.queue.getOps()).toHaveLength(0));
    const sent = b.increments().map((frame) => (frame.payload as { opId: string }).opId);
    expect(new Set(sent).size).toBe(3);
    expect(sent).toHaveLength(3);
  });

  it('a refusal is told in the tab that made the op, not in the leader', async () => {
    const shared = profile();
    const a = openTab(shared);
    const b = openTab(shared);
    await vi.waitFor(() => expect(a.leadership.isLeader()).toBe(true));
    a.socket.answer('counter:increment', () => ({
      ok: false,
      error: { code: 'out_of_range', message: 'At its max.' },
    }));
    b.sync.increment('b1', 'c1', 1);
    await vi.waitFor(() => expect(a.queue.getOps()).toHaveLength(1));
    a.goOnline();
    await vi.waitFor(() => expect(b.rejected).toHaveBeenCalledTimes(1));
    expect(b.rejected.mock.calls[0]?.[1]).toMatchObject({ code: 'out_of_range' });
    expect(a.rejected).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(b.queue.getOps()).toHaveLength(0));
  });

  it('an undo in the leader drops a click never sent; one in another tab queues an undo op', async () => {
    const shared = profile();
    const a = openTab(shared);
    const b = openTab(shared);
    await vi.waitFor(() => expect(a.leadership.isLeader()).toBe(true));
    const mine = a.sync.increment('b1', 'c1', 1);
    expect(a.sync.undo({ opId: mine, boardId: 'b1', counterId: 'c1', by: 1 })).toBe('dropped');
    const theirs = b.sync.increment('b1', 'c1', 1);
    expect(b.sync.undo({ opId: theirs, boardId: 'b1', counterId: 'c1', by: 1 })).toBe('queued');
    await vi.waitFor(() => expect(a.queue.getOps().map((op) => op.kind)).toEqual(['increment', 'undo']));
  });
});

describe('after a connect, the clicks of a shown board wait for its join', () => {
  it('go out over the socket once the board is joined again, none over HTTP (theirs to undo, under their name)', async () => {
    const tab = openTab(profile(), { joined: false });
    await vi.waitFor(() => expect(tab.leadership.isLeader()).toBe(true));
    tab.sync.increment('b1', 'c1', 1);
    tab.sync.increment('b1', 'c1', 1);
    tab.goOnline();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tab.increments()).toEqual([]);
    expect(tab.httpIncrements).toEqual([]);

    tab.membership.markJoined('b1');
    await vi.waitFor(() => expect(tab.queue.getOps()).toHaveLength(0));
    expect(tab.increments()).toHaveLength(2);
    expect(tab.httpIncrements).toEqual([]);
  });

  it('go over HTTP for a board not shown here, or one whose load was refused for good', async () => {
    const tab = openTab(profile(), { joined: false });
    await vi.waitFor(() => expect(tab.leadership.isLeader()).toBe(true));
    tab.goOnline();
    const elsewhere = tab.sync.increment('b2', 'c9', 1);
    await vi.waitFor(() => expect(tab.httpIncrements).toEqual([elsewhere]));

    tab.b1.status = 'error';
    const refused = tab.sync.increment('b1', 'c1', 1);
    await vi.waitFor(() => expect(tab.httpIncrements).toEqual([elsewhere, refused]));
    expect(tab.increments()).toEqual([]);
  });
});
