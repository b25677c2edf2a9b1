import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomId } from '../ops/random-id.js';
import { indexedDbStorage } from './indexeddb-storage.js';

/** A database of its own per test, so that tests do not see each other's data. */
const freshDb = () => ({ dbName: `tally-test-${randomId()}` });

describe('indexedDbStorage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps values by key across instances on the same database (the tabs of a profile)', async () => {
    const options = freshDb();
    const first = indexedDbStorage(options);
    expect(first.kind).toBe('indexeddb');
    expect(await first.get('identity')).toBeUndefined();
    await first.set('identity', { clientId: 'abcdefgh', memberToken: 't' });
    const second = indexedDbStorage(options);
    expect(await second.get('identity')).toEqual({ clientId: 'abcdefgh', memberToken: 't' });
    await second.delete('identity');
    expect(await first.get('identity')).toBeUndefined();
  });

  it('keeps databases apart', async () => {
    await indexedDbStorage(freshDb()).set('names', { chosen: 'Ada' });
    expect(await indexedDbStorage(freshDb()).get('names')).toBeUndefined();
  });

  it('update resolves with what it wrote, and updates from two instances never overwrite each other', async () => {
    const options = freshDb();
    const tabs = [indexedDbStorage(options), indexedDbStorage(options)];
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        tabs[n % 2]?.update('list', (current) => [...((current as number[] | undefined) ?? []), n]),
      ),
    );
    expect(appended.at(-1)).toHaveLength(20);
    const stored = (await tabs[0]?.get('list')) as number[];
    expect([...stored].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it('an updater that throws writes nothing', async () => {
    const storage = indexedDbStorage(freshDb());
    await storage.set('list', [1]);
    await expect(
      storage.update('list', () => {
        throw new Error('bad data');
      }),
    ).rejects.toThrow('bad data');
    expect(await storage.get('list')).toEqual([1]);
  });

  it('rejects (rather than throws) where the browser has no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const storage = indexedDbStorage(freshDb());
    await expect(storage.get('names')).rejects.toThrow();
    await expect(storage.set('names', {})).rejects.toThrow();
  });
});
