import { describe, expect, it } from 'vitest';
import type { PendingOp } from '../ops/pending-ops.js';
import { type ClientStorage, STORAGE_KEYS } from './client-storage.js';
import { migrateLocalStorage } from './local-storage-migration.js';
import { memoryStorage } from './memory-storage.js';

/** localStorage as the older web app left it. */
function legacyStorage(items: Record<string, string>) {
  const values = new Map(Object.entries(items));
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    removeItem: (key: string) => {
      values.delete(key);
    },
  };
}

function increment(opId: string): PendingOp {
  return { kind: 'increment', opId, boardId: 'b1', counterId: 'c1', by: 1, createdAt: 1 };
}

const legacyQueue = (ops: unknown[]) => JSON.stringify({ version: 1, ops });

describe('migrateLocalStorage', () => {
  it('appends the valid queued ops behind the stored ones, once each, then removes them from localStorage', async () => {
    const storage = memoryStorage();
    await storage.set(STORAGE_KEYS.pendingOps, {
      version: 1,
      ops: [increment('op-stored'), increment('op-both')],
    });
    const local = legacyStorage({
      'tally.pendingOps': legacyQueue([
        increment('op-both'),
        { kind: 'increment', opId: 'broken' },
        increment('op-old'),
      ]),
    });
    await migrateLocalStorage(storage, local);
    await migrateLocalStorage(storage, local);
    expect(await storage.get(STORAGE_KEYS.pendingOps)).toEqual({
      version: 1,
      ops: [increment('op-stored'), increment('op-both'), increment('op-old')],
    });
    expect(local.values.has('tally.pendingOps')).toBe(false);
  });

  it('leaves the queued ops in localStorage when they could not be written', async () => {
    const failing: ClientStorage = {
      ...memoryStorage(),
      update: () => Promise.reject(new Error('QuotaExceededError')),
    };
    const queued = legacyQueue([increment('op-old')]);
    const local = legacyStorage({ 'tally.pendingOps': queued, 'tally.name': 'Ada' });
    await expect(migrateLocalStorage(failing, local)).resolves.toBeUndefined();
    expect(local.values.get('tally.pendingOps')).toBe(queued);
  });

  it('drops an unreadable queue', async () => {
    const storage = memoryStorage();
    const local = legacyStorage({ 'tally.pendingOps': '{ not json' });
    await migrateLocalStorage(storage, local);
    expect(await storage.get(STORAGE_KEYS.pendingOps)).toBeUndefined();
    expect(local.values.has('tally.pendingOps')).toBe(false);
  });

  it('takes the identity and names when storage has none, and leaves them in localStorage', async () => {
    const storage = memoryStorage();
    const items = {
      'tally.clientId': 'client-0001',
      'tally.memberToken': 'token-1',
      'tally.name': 'Ada',
      'tally.guestName': 'Guest 5844',
    };
    const local = legacyStorage(items);
    await migrateLocalStorage(storage, local);
    expect(await storage.get(STORAGE_KEYS.identity)).toEqual({
      clientId: 'client-0001',
      memberToken: 'token-1',
    });
    expect(await storage.get(STORAGE_KEYS.names)).toEqual({ chosen: 'Ada', guest: 'Guest 5844' });
    expect(Object.fromEntries(local.values)).toEqual(items);
  });

  it('never replaces an identity or names storage already has', async () => {
    const storage = memoryStorage();
    await storage.set(STORAGE_KEYS.identity, { clientId: 'client-0002', memberToken: 'token-2' });
    await storage.set(STORAGE_KEYS.names, { chosen: '', guest: 'Guest 1' });
    await migrateLocalStorage(
      storage,
      legacyStorage({ 'tally.clientId': 'client-0001', 'tally.memberToken': 'token-1', 'tally.name': 'Ada' }),
    );
    expect(await storage.get(STORAGE_KEYS.identity)).toEqual({
      clientId: 'client-0002',
      memberToken: 'token-2',
    });
    expect(await storage.get(STORAGE_KEYS.names)).toEqual({ chosen: '', guest: 'Guest 1' });
  });

  it('takes a name alone (seeded by tooling), and no identity unless both parts are there and well-formed', async () => {
    const incomplete: Array<Record<string, string>> = [
      { 'tally.clientId': 'client-0001' },
      { 'tally.clientId': 'short', 'tally.memberToken': 'token-1' },
      { 'tally.clientId': 'client 0001!', 'tally.memberToken': 'token-1' },
      { 'tally.clientId': 'client-0001', 'tally.memberToken': 'x'.repeat(201) },
      { 'tally.clientId': 'client-0001', 'tally.memberToken': '' },
    ];
    for (const items of incomplete) {
      const storage = memoryStorage();
      await migrateLocalStorage(storage, legacyStorage({ ...items, 'tally.name': 'Ben' }));
      expect(await storage.get(STORAGE_KEYS.identity)).toBeUndefined();
      expect(await storage.get(STORAGE_KEYS.names)).toEqual({ chosen: 'Ben', guest: '' });
    }
  });

  it('does nothing without localStorage, or when reading it throws', async () => {
    const storage = memoryStorage();
    await migrateLocalStorage(storage, null);
    const blocked = {
      getItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      removeItem: () => {},
    };
    await expect(migrateLocalStorage(storage, blocked)).resolves.toBeUndefined();
    expect(await storage.get(STORAGE_KEYS.names)).toBeUndefined();
  });
});
