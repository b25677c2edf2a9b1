import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runStoreContract } from '../store.contract.js';
import type { Store } from '../store.js';
import { createSqliteStore, DEFAULT_OP_RETENTION_MS, type SqliteStore } from './sqlite-store.js';

runStoreContract('sqlite', async ({ now }) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tally-store-'));
  let current: Store = createSqliteStore({ dataDir, now });
  const fixture = {
    store: current,
    async reopen() {
      await current.close();
      current = createSqliteStore({ dataDir, now });
      await current.init();
      return current;
    },
    async cleanup() {
      await current.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
});

describe('SqliteStore specifics', () => {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function open(options: { now?: () => number; dataDir?: string } = {}) {
    const dataDir =
      options.dataDir ?? path.join(await mkdtemp(path.join(tmpdir(), 'tally-store-')), 'nested', 'data');
    dirs.push(dataDir);
    const store = createSqliteStore({ dataDir, ...(options.now ? { now: options.now } : {}) });
    stores.push(store);
    await store.init();
    return { store, dataDir };
  }

  it('creates <DATA_DIR>/tally.db, making missing directories', async () => {
    const { store, dataDir } = await open();
    expect(store.file).toBe(path.join(dataDir, 'tally.db'));
  });

  it('forgets ops once they are older than the retention, so history and replays stay bounded', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const { store } = await open({ now: () => clock });
    const op = { kind: 'increment' as const, opId: `op-${randomUUID()}`, counterId: 'lobby-count', by: 4 };
    await store.applyOps([op]);
    clock += DEFAULT_OP_RETENTION_MS - 1;
    expect(await store.pruneOps()).toBe(0);
    clock += 2;
    expect(await store.pruneOps()).toBe(1);
    // The total survives the log being pruned.
    expect(await store.totalIncrements()).toBe(1);
    expect(await store.counterHistory('lobby-count', clock - 60_000)).toEqual({ startValue: 4, points: [] });
  });

  it('prunes a backlog larger than one delete chunk completely', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const { store } = await open({ now: () => clock });
    const ops = Array.from({ length: 12_000 }, () => ({
      kind: 'increment' as const,
      opId: `op-${randomUUID()}`,
      counterId: 'lobby-count',
      by: 1,
    }));
    await store.applyOps(ops);
    clock += DEFAULT_OP_RETENTION_MS + 1;
    expect(await store.pruneOps()).toBe(12_000);
    expect(await store.getCounter('lobby-count')).toMatchObject({ value: 12_000, version: 12_000 });
  });

  it('turns calls on a closed store into TallyError unavailable', async () => {
    const { store } = await open();
    await store.close();
    await expect(store.ping()).rejects.toMatchObject({ name: 'TallyError', code: 'unavailable' });
    await expect(
      store.applyOps([{ kind: 'reset', opId: 'op-closed-1', counterId: 'lobby-count' }]),
    ).rejects.toMatchObject({
      code: 'unavailable',
    });
  });
});
