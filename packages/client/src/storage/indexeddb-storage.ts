import { createStore, del, get, set, update } from 'idb-keyval';
import type { ClientStorage } from './client-storage.js';

/**
 * The browser's storage: one IndexedDB object store, shared by the tabs of a profile. The
 * database is opened on first use, and every call is async so that a browser without IndexedDB
 * (or one that blocks it) rejects instead of throwing: `resilientStorage` takes over from there.
 * idb-keyval creates the object store together with the database: one store per database name.
 */
export function indexedDbStorage(options: { dbName?: string; storeName?: string } = {}): ClientStorage {
  const store = createStore(options.dbName ?? 'tally', options.storeName ?? 'client');
  return {
    kind: 'indexeddb',
    async get(key) {
      return get(key, store);
    },
    async set(key, value) {
      await set(key, value, store);
    },
    // idb-keyval reads and writes in one readwrite transaction, which IndexedDB runs alone
    // against the store: another tab's update waits for it, and sees what it wrote.
    async update<T>(key: string, updater: (current: unknown) => T): Promise<T> {
      let written: T | undefined;
      await update(
        key,
        (current: unknown) => {
          written = updater(current);
          return written;
        },
        store,
      );
      return written as T;
    },
    async delete(key) {
      await del(key, store);
    },
  };
}
