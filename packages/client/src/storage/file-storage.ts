import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomId } from '../ops/random-id.js';
import type { ClientStorage } from './client-storage.js';

/** The whole file: one JSON object, a property per key. */
type StoredValues = Record<string, unknown>;

/**
 * Storage for Node (bots, scripts): every key in one JSON file, which a later run reads back.
 * Calls run one at a time, in order, so an `update` is never interleaved with another call of
 * this process, and the file is replaced atomically (a temporary file synced to disk, then
 * renamed over it): a crash leaves the old file or the new one, never half of one. A missing file
 * is empty; a file that is not a JSON object makes every call reject, and is left as it is.
 */
export function fileStorage(path: string): ClientStorage {
  let queue: Promise<unknown> = Promise.resolve();

  function inTurn<T>(step: () => Promise<T>): Promise<T> {
    const result = queue.then(step);
    queue = result.catch(() => {
      // The caller sees the failure; the next call runs anyway.
    });
    return result;
  }

  async function readValues(): Promise<StoredValues> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const values: unknown = JSON.parse(text);
    if (typeof values !== 'object' || values === null || Array.isArray(values))
      throw new Error(`${path} does not hold a JSON object`);
    return values as StoredValues;
  }

  async function writeValues(values: StoredValues): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomId()}.tmp`;
    try {
      const file = await open(temporary, 'w');
      try {
        await file.writeFile(JSON.stringify(values));
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  function change(step: (values: StoredValues) => void): Promise<void> {
    return inTurn(async () => {
      const values = await readValues();
      step(values);
      await writeValues(values);
    });
  }

  return {
    kind: 'file',
    get: (key) => inTurn(async () => (await readValues())[key]),
    set(key, value) {
      // Copied now: the caller may change the object before this call's turn comes.
      const copy = structuredClone(value);
      return change((values) => {
        values[key] = copy;
      });
    },
    update<T>(key: string, updater: (current: unknown) => T): Promise<T> {
      let written: T | undefined;
      return change((values) => {
        written = updater(values[key]);
        values[key] = written;
      }).then(() => written as T);
    },
    delete: (key) =>
      change((values) => {
        delete values[key];
      }),
  };
}
