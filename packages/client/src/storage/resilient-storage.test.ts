import { describe, expect, it, vi } from 'vitest';
import type { ClientStorage } from './client-storage.js';
import { memoryStorage } from './memory-storage.js';
import { resilientStorage } from './resilient-storage.js';

/**
 * A storage (in memory underneath) whose calls the test makes fail from some point on, or holds
 * per key until it lets them through. `calls` counts what reached it.
 */
function controlledStorage() {
  const inner = memoryStorage();
  const held = new Map<string, Promise<void>>();
  let failure: unknown = null;
  let calls = 0;
  async function pass(key: string): Promise<void> {
    calls++;
    if (failure !== null) throw failure;
    await held.get(key);
  }
  const storage: ClientStorage = {
    kind: 'indexeddb',
    async get(key) {
      await pass(key);
      return inner.get(key);
    },
    async set(key, value) {
      await pass(key);
      await inner.set(key, value);
    },
    async update(key, updater) {
      await pass(key);
      return inner.update(key, updater);
    },
    async delete(key) {
      await pass(key);
      await inner.delete(key);
    },
  };
  return {
    storage,
    inner,
    calls: () => calls,
    failFromNowOn(error: unknown) {
      failure = error;
    },
    hold(key: string): () => void {
      let release = () => {};
      held.set(
        key,
        new Promise<void>((resolve) => {
          release = resolve;
        }),
      );
      return release;
    },
  };
}

describe('resilientStorage', () => {
  it('goes through the primary while it works', async () => {
    const primary = controlledStorage();
    const onDegraded = vi.fn();
    const storage = resilientStorage(primary.storage, onDegraded);
    await storage.set('names', { chosen: 'Ada' });
    expect(await primary.inner.get('names')).toEqual({ chosen: 'Ada' });
    expect(await storage.update('list', () => [1])).toEqual([1]);
    expect(storage.kind).toBe('indexeddb');
    expect(onDegraded).not.toHaveBeenCalled();
  });

  it('switches to memory for good at the first failure, says so once, and answers every call', async () => {
    const primary = controlledStorage();
    const onDegraded = vi.fn();
    const storage = resilientStorage(primary.storage, onDegraded);
    await primary.inner.set('names', { chosen: 'Ada' });
    expect(await storage.get('names')).toEqual({ chosen: 'Ada' });
    await storage.set('identity', { clientId: 'abcdefgh', memberToken: 't' });

    primary.failFromNowOn(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await expect(storage.update('list', () => [1])).resolves.toEqual([1]);
    expect(storage.kind).toBe('memory');
    expect(onDegraded).toHaveBeenCalledExactlyOnceWith(
      "Your browser refused to store Tally's data (The quota has been exceeded.): pending clicks and your identity last only while this page is open.",
    );

    const callsWhenDegraded = primary.calls();
    // What was read and written before the failure is still there.
    expect(await storage.get('names')).toEqual({ chosen: 'Ada' });
    expect(await storage.get('identity')).toEqual({ clientId: 'abcdefgh', memberToken: 't' });
    expect(await storage.update('list', (current) => [...(current as number[]), 2])).toEqual([1, 2]);
    await storage.delete('names');
    expect(await storage.get('names')).toBeUndefined();
    expect(primary.calls()).toBe(callsWhenDegraded);
    expect(onDegraded).toHaveBeenCalledOnce();
  });

  it('also takes over from a primary that throws instead of rejecting', async () => {
    const throwing: ClientStorage = {
      kind: 'file',
      get: () => {
        throw new Error('EACCES: permission denied');
      },
      set: () => {
        throw new Error('EACCES: permission denied');
      },
      update: () => {
        throw new Error('EACCES: permission denied');
      },
      delete: () => {
        throw new Error('EACCES: permission denied');
      },
    };
    const onDegraded = vi.fn();
    const storage = resilientStorage(throwing, onDegraded);
    expect(await storage.get('names')).toBeUndefined();
    await storage.set('names', { chosen: 'Bot' });
    expect(await storage.get('names')).toEqual({ chosen: 'Bot' });
    expect(onDegraded).toHaveBeenCalledExactlyOnceWith(
      'Tally could not use its file storage (EACCES: permission denied): pending clicks and the identity last only while this process runs.',
    );
  });

  it("passes on an updater's own error without switching", async () => {
    const primary = controlledStorage();
    const onDegraded = vi.fn();
    const storage = resilientStorage(primary.storage, onDegraded);
    await expect(
      storage.update('list', () => {
        throw new Error('bug in the caller');
      }),
    ).rejects.toThrow('bug in the caller');
    expect(storage.kind).toBe('indexeddb');
    expect(onDegraded).not.toHaveBeenCalled();
  });

  it('keeps a write that lands after the switch, unless a later call changed the key', async () => {
    const primary = controlledStorage();
    const storage = resilientStorage(primary.storage, () => {});
    const releaseIdentity = primary.hold('identity');
    const releaseNames = primary.hold('names');
    const identityWritten = storage.set('identity', { clientId: 'abcdefgh', memberToken: 't' });
    const olderNames = storage.set('names', { chosen: 'Old' });

    primary.failFromNowOn(new Error('blocked'));
    await storage.set('names', { chosen: 'New' });
    releaseIdentity();
    releaseNames();
    await Promise.all([identityWritten, olderNames]);

    expect(await storage.get('identity')).toEqual({ clientId: 'abcdefgh', memberToken: 't' });
    expect(await storage.get('names')).toEqual({ chosen: 'New' });
  });

  it('keeps what a value was when it was set, whatever the caller does with it afterwards', async () => {
    const primary = controlledStorage();
    const storage = resilientStorage(primary.storage, () => {});
    const names = { chosen: 'Ada' };
    await storage.set('names', names);
    names.chosen = 'Changed';
    primary.failFromNowOn(new Error('blocked'));
    expect(await storage.get('names')).toEqual({ chosen: 'Ada' });
  });
});
