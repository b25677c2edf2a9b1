import type { ClientStorage } from './client-storage.js';

/**
 * Storage that lasts as long as the object: for tests, bots that need no memory of their own,
 * and the fallback when the real storage fails. Values go in and come out as structured clones,
 * as they would from IndexedDB, so a caller that mutates what it stored or read changes nothing.
 */
export function memoryStorage(): ClientStorage {
  const values = new Map<string, unknown>();
  return {
    kind: 'memory',
    async get(key) {
      return structuredClone(values.get(key));
    },
    async set(key, value) {
      values.set(key, structuredClone(value));
    },
    // Read, change and write happen in one synchronous step: nothing can come in between.
    async update(key, updater) {
      const next = updater(structuredClone(values.get(key)));
      values.set(key, structuredClone(next));
      return next;
    },
    async delete(key) {
      values.delete(key);
    },
  };
}
