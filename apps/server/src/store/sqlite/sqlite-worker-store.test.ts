import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runStoreContract } from '../../../test/store/store-contract.js';
import type { Store } from '../store.js';
import { SqliteWorkerStore } from './sqlite-worker-store.js';

const failOnCrash = (error: Error) => {
  throw new Error(`the SQLite worker crashed: ${error.message}`);
};

runStoreContract('sqlite in a worker thread', async ({ now, chatHistoryPerBoard }) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tally-worker-store-'));
  let current: Store = new SqliteWorkerStore({ dataDir, now, chatHistoryPerBoard, onCrash: failOnCrash });
  return {
    store: current,
    async reopen() {
      await current.close();
      current = new SqliteWorkerStore({ dataDir, now, chatHistoryPerBoard, onCrash: failOnCrash });
      await current.init();
      return current;
    },
    async cleanup() {
      await current.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('SqliteWorkerStore specifics', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'tally-worker-store-'));
    dirs.push(dir);
    return dir;
  }

  it('answers calls after close() with unavailable, and closes twice without complaint', async () => {
    const store = new SqliteWorkerStore({ dataDir: await tempDir(), onCrash: failOnCrash });
    await store.init();
    await store.close();
    await store.close();
    await expect(store.ping()).rejects.toMatchObject({ name: 'TallyError', code: 'unavailable' });
  });

  it('brings the reason a file cannot be opened to the caller, as the TallyError the store made', async () => {
    const dir = await tempDir();
    // A file where the data directory should be: the worker's store cannot open.
    const notADirectory = path.join(dir, 'file');
    await writeFile(notADirectory, 'x');
    const store = new SqliteWorkerStore({ dataDir: path.join(notADirectory, 'data'), onCrash: failOnCrash });
    const error = await store.init().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'TallyError', code: 'internal', message: 'the store failed' });
    // The worker-side cause stays with the error, for logs, and out of its message.
    expect((error as Error).cause).toMatchObject({ code: 'ENOTDIR' });
    await store.close();
  });
});
