import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientStorage } from '../storage/client-storage.js';
import { STORAGE_KEYS } from '../storage/client-storage.js';
import { indexedDbStorage } from '../storage/indexeddb-storage.js';
import { memoryStorage } from '../storage/memory-storage.js';
import { resilientStorage } from '../storage/resilient-storage.js';
import { createTabChannel, type TabChannel } from '../tabs/tab-channel.js';
import type { PendingOp } from './pending-ops.js';
import { createPendingQueue, type PendingQueue, readStoredOps, withOpsAppended } from './pending-queue.js';
import { randomId } from './random-id.js';

function increment(opId: string, by = 1): PendingOp {
  return { kind: 'increment', opId, boardId: 'b1', counterId: 'c1', by, createdAt: 1 };
}

const ids = (queue: PendingQueue) => queue.getOps().map((op) => op.opId);

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A tab of a profile: its queue over the profile's storage, and a channel to the profile's other tabs. */
function openTab(storage: ClientStorage, channelName: string): { queue: PendingQueue; channel: TabChannel } {
  const channel = createTabChannel(channelName);
  const queue = createPendingQueue(storage, channel);
  cleanups.push(() => {
    queue.dispose();
    channel.close();
  });
  return { queue, channel };
}

/** Two tabs of one profile, sharing IndexedDB (a connection each) and a channel name. */
function twoTabs() {
  const dbName = `tally-test-${randomId()}`;
  const channelName = `tally-test-${randomId()}`;
  const tab = () => openTab(indexedDbStorage({ dbName }), channelName);
  return {
    first: tab(),
    second: tab(),
    stored: () => indexedDbStorage({ dbName }).get(STORAGE_KEYS.pendingOps),
  };
}

describe('stored queue', () => {
  it('reads the valid ops of a stored queue, each opId once, and appends only new opIds', () => {
    const stored = {
      version: 1,
      ops: [increment('a'), { kind: 'increment' }, increment('b'), increment('a', 2)],
    };
    expect(readStoredOps(stored)).toEqual([increment('a'), increment('b')]);
    expect(readStoredOps({ version: 2, ops: [increment('a')] })).toEqual([]);
    expect(readStoredOps(undefined)).toEqual([]);
    expect(withOpsAppended(stored, [increment('b'), increment('c')])).toEqual({
      version: 1,
      ops: [increment('a'), increment('b'), increment('c')],
    });
  });
});

describe('createPendingQueue', () => {
  it('shows an added op at once, persists it, and keeps the same array until something changes', async () => {
    const storage = memoryStorage();
    const { queue } = openTab(storage, `tally-test-${randomId()}`);
    const changes = vi.fn();
    queue.subscribe(changes);
    const before = queue.getOps();
    expect(queue.getOps()).toBe(before);
    queue.add(increment('op-1'));
    expect(ids(queue)).toEqual(['op-1']);
    expect(queue.has('op-1')).toBe(true);
    expect(queue.getOps()).not.toBe(before);
    expect(changes).toHaveBeenCalledOnce();
    const after = queue.getOps();
    queue.add(increment('op-1'));
    queue.remove('op-unknown');
    expect(queue.getOps()).toBe(after);
    await queue.settled();
    expect(await storage.get(STORAGE_KEYS.pendingOps)).toEqual({ version: 1, ops: [increment('op-1')] });
    queue.remove('op-1');
    expect(queue.has('op-1')).toBe(false);
    await queue.settled();
    expect(await storage.get(STORAGE_KEYS.pendingOps)).toEqual({ version: 1, ops: [] });
  });

  it('puts the stored ops first, before the ops added while they were read', async () => {
    const storage = memoryStorage();
    await storage.set(STORAGE_KEYS.pendingOps, {
      version: 1,
      ops: [increment('stored-1'), increment('stored-2')],
    });
    const { queue } = openTab(storage, `tally-test-${randomId()}`);
    queue.add(increment('early'));
    expect(ids(queue)).toEqual(['early']);
    await queue.ready;
    expect(ids(queue)).toEqual(['stored-1', 'stored-2', 'early']);
    await queue.settled();
    expect(readStoredOps(await storage.get(STORAGE_KEYS.pendingOps)).map((op) => op.opId)).toEqual([
      'stored-1',
      'stored-2',
      'early',
    ]);
  });

  it("shows the other tab's ops, and a removal in one tab removes the op in the other", async () => {
    const { first, second } = twoTabs();
    await Promise.all([first.queue.ready, second.queue.ready]);
    first.queue.add(increment('from-first'));
    await vi.waitFor(() => expect(ids(second.queue)).toEqual(['from-first']));
    second.queue.add(increment('from-second'));
    await vi.waitFor(() => expect(ids(first.queue)).toEqual(['from-first', 'from-second']));
    second.queue.remove('from-first');
    await vi.waitFor(() => expect(ids(first.queue)).toEqual(['from-second']));
    expect(ids(second.queue)).toEqual(['from-second']);
  });

  it('never loses an op when both tabs add at the same time', async () => {
    const { first, second, stored } = twoTabs();
    const made: string[] = [];
    for (let n = 0; n < 30; n++) {
      const tab = n % 2 === 0 ? first : second;
      const opId = `op-${n}`;
      made.push(opId);
      tab.queue.add(increment(opId));
      // Let some writes land and some notices arrive in between, as clicks would.
      if (n % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all([first.queue.settled(), second.queue.settled()]);
    for (const tab of [first, second])
      await vi.waitFor(() => expect([...ids(tab.queue)].sort()).toEqual([...made].sort()));
    expect(readStoredOps(await stored()).map((op) => op.opId)).toHaveLength(made.length);
  });

  it('keeps the changes it makes while it reads the queue again', async () => {
    const inner = memoryStorage();
    await inner.set(STORAGE_KEYS.pendingOps, { version: 1, ops: [increment('stored')] });
    let readDone = Promise.resolve();
    const slowReads: ClientStorage = {
      ...inner,
      async get(key) {
        await readDone;
        return inner.get(key);
      },
    };
    const { queue } = openTab(slowReads, `tally-test-${randomId()}`);
    await queue.ready;
    const seen: string[][] = [];
    queue.subscribe(() => seen.push(ids(queue)));

    // Another tab (no channel here) adds an op; this tab reads again, and clicks while it reads.
    await inner.update(STORAGE_KEYS.pendingOps, (current) => withOpsAppended(current, [increment('theirs')]));
    let finishRead = () => {};
    readDone = new Promise((resolve) => {
      finishRead = resolve;
    });
    queue.reload();
    queue.add(increment('mine'));
    queue.remove('stored');
    finishRead();
    await queue.settled();

    expect(seen).toEqual([['stored', 'mine'], ['mine'], ['theirs', 'mine']]);
    expect(readStoredOps(await inner.get(STORAGE_KEYS.pendingOps)).map((op) => op.opId)).toEqual([
      'theirs',
      'mine',
    ]);
  });

  it('keeps working in memory on a storage that fails, and says so once through resilientStorage', async () => {
    const broken: ClientStorage = {
      kind: 'indexeddb',
      get: () => Promise.reject(new DOMException('The user denied permission.', 'NotAllowedError')),
      set: () => Promise.reject(new Error('unreachable')),
      update: () => Promise.reject(new Error('unreachable')),
      delete: () => Promise.reject(new Error('unreachable')),
    };
    const warnings: string[] = [];
    const storage = resilientStorage(broken, (warning) => warnings.push(warning));
    const { queue } = openTab(storage, `tally-test-${randomId()}`);
    await queue.ready;
    queue.add(increment('op-1'));
    queue.add(increment('op-2'));
    queue.remove('op-1');
    await queue.settled();
    queue.reload();
    await queue.settled();
    expect(ids(queue)).toEqual(['op-2']);
    expect(await storage.get(STORAGE_KEYS.pendingOps)).toEqual({ version: 1, ops: [increment('op-2')] });
    expect(warnings).toHaveLength(1);
  });

  it('keeps the changes a failing storage refused, and writes them with the next change once it works', async () => {
    const inner = memoryStorage();
    let failing = true;
    const flaky: ClientStorage = {
      ...inner,
      update: (key, updater) => (failing ? Promise.reject(new Error('busy')) : inner.update(key, updater)),
    };
    const { queue } = openTab(flaky, `tally-test-${randomId()}`);
    await queue.ready;
    queue.add(increment('op-1'));
    await queue.settled();
    queue.reload();
    await queue.settled();
    expect(ids(queue)).toEqual(['op-1']);
    expect(await inner.get(STORAGE_KEYS.pendingOps)).toBeUndefined();
    failing = false;
    queue.add(increment('op-2'));
    await queue.settled();
    expect(readStoredOps(await inner.get(STORAGE_KEYS.pendingOps)).map((op) => op.opId)).toEqual([
      'op-1',
      'op-2',
    ]);
  });
});
