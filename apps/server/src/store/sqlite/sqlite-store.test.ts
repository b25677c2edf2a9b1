import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runStoreContract } from '../../../test/store/store-contract.js';
import {
  ACTIVITY_KEPT_MS,
  type Actor,
  type CounterOp,
  DEFAULT_OP_RETENTION_MS,
  HISTORY_RETENTION_MS,
  LOBBY_COUNTER_ID,
  type Store,
} from '../store.js';
import { runMigrations } from './migrations.js';
import { createSqliteStore, PUBLIC_BOARD_PAGES, type SqliteStore } from './sqlite-store.js';

const ana: Actor = { clientId: 'client-ana-0001', name: 'Ana' };
const httpCaller: Actor = { clientId: null, name: 'HTTP API' };

const increment = (by: number, actor: Actor = ana): CounterOp => ({
  kind: 'increment',
  opId: `op-${randomUUID()}`,
  counterId: LOBBY_COUNTER_ID,
  by,
  actor,
});

runStoreContract('sqlite', async ({ now, chatHistoryPerBoard }) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tally-store-'));
  let current: Store = createSqliteStore({ dataDir, now, chatHistoryPerBoard });
  const fixture = {
    store: current,
    async reopen() {
      await current.close();
      current = createSqliteStore({ dataDir, now, chatHistoryPerBoard });
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

  it('forgets ops once they are older than the retention, keeping their history points a week', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const { store } = await open({ now: () => clock });
    const op = increment(4);
    await store.applyOps([op]);
    const appliedAt = clock;
    clock += DEFAULT_OP_RETENTION_MS - 1;
    expect(await store.pruneOps()).toBe(0);
    clock += 2;
    expect(await store.pruneOps()).toBe(1);
    expect(await store.getOp(op.opId)).toBeNull();
    // The total survives the log being pruned, and so does the history point.
    expect(await store.totalIncrements()).toBe(1);
    expect(await store.counterHistory('lobby-count', clock - 60_000)).toEqual({ startValue: 4, points: [] });
    expect(await store.counterHistory('lobby-count', appliedAt)).toEqual({
      startValue: 0,
      points: [{ t: appliedAt, value: 4 }],
    });
    clock = appliedAt + HISTORY_RETENTION_MS - 1;
    expect(await store.pruneHistory()).toBe(0);
    clock += 2;
    expect(await store.pruneHistory()).toBe(1);
    expect(await store.counterHistory('lobby-count', appliedAt)).toEqual({ startValue: 4, points: [] });
  });

  it('prunes a backlog larger than one delete chunk completely', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const { store } = await open({ now: () => clock });
    await store.applyOps(Array.from({ length: 12_000 }, () => increment(1)));
    clock += DEFAULT_OP_RETENTION_MS + 1;
    expect(await store.pruneOps()).toBe(12_000);
    expect(await store.getCounter('lobby-count')).toMatchObject({ value: 12_000, version: 12_000 });
  });

  it('turns calls on a closed store into TallyError unavailable', async () => {
    const { store } = await open();
    await store.close();
    await expect(store.ping()).rejects.toMatchObject({ name: 'TallyError', code: 'unavailable' });
    await expect(
      store.applyOps([{ kind: 'reset', opId: 'op-closed-1', counterId: LOBBY_COUNTER_ID, actor: ana }]),
    ).rejects.toMatchObject({
      code: 'unavailable',
    });
  });

  it('prunes expired activity in chunks, keeping the newest entry so that ids never go back', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const { store } = await open({ now: () => clock });
    // HTTP increments are never merged: one entry each.
    await store.applyOps(Array.from({ length: 12_000 }, () => increment(1, httpCaller)));
    const page = { order: 'newest_first', limit: 1 } as const;
    const [newest] = (await store.listActivity('lobby', page)).entries;
    clock += ACTIVITY_KEPT_MS - 1;
    expect(await store.pruneActivity()).toBe(0);
    clock += 2;
    expect(await store.pruneActivity()).toBe(11_999);
    expect((await store.listActivity('lobby', { ...page, limit: 10 })).entries).toEqual([newest]);
    await store.applyOps([increment(1, httpCaller)]);
    const [next] = (await store.listActivity('lobby', page)).entries;
    expect(Number(next?.id)).toBeGreaterThan(Number(newest?.id));
  });

  it('forgets the merge target of a batch that rolled back (its rowid is handed out again)', async () => {
    const clock = Date.UTC(2030, 0, 1);
    const { store } = await open({ now: () => clock });
    // A name SQLite cannot bind fails the batch after Ana's increment made a new entry.
    const unbindable = { clientId: 'client-ben-0002', name: {} as unknown as string };
    await expect(store.applyOps([increment(1), increment(1, unbindable)])).rejects.toMatchObject({
      code: 'internal',
    });
    await store.applyOps([increment(2)]);
    const { entries } = await store.listActivity('lobby', { order: 'newest_first', limit: 10 });
    expect(entries).toMatchObject([{ kind: 'increment', by: 2, value: 2, actor: ana }]);
  });

  it('lists boards made before issue 14 by their newest kept activity entry, else their creation', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tally-store-'));
    dirs.push(dataDir);
    const v3 = new Database(path.join(dataDir, 'tally.db'));
    runMigrations(v3, 3);
    v3.exec(`
      INSERT INTO boards (id, name, visibility, owner_key_hash, access_key_hash, created_at) VALUES
        ('quiet', 'Quiet', 'public', 'h', NULL, 1000), ('busy', 'Busy', 'public', 'h', NULL, 2000),
        ('hidden', 'Hidden', 'private', 'h', 'a', 9000);
      INSERT INTO activity (board_id, counter_id, counter_name, kind, actor_name, at) VALUES
        ('busy', 'c1', 'Count', 3, 'Ana', 5000), ('busy', 'c1', 'Count', 0, 'Ana', 7000);
    `);
    v3.close();
    const { store } = await open({ dataDir, now: () => 3000 });
    expect(
      (await store.listPublicBoards()).map(({ id, lastActivityAt }) => ({ id, lastActivityAt })),
    ).toEqual([
      { id: 'busy', lastActivityAt: 7000 },
      { id: 'lobby', lastActivityAt: 3000 },
      { id: 'quiet', lastActivityAt: 1000 },
    ]);
  });

  it('answers a page of public boards from the index, without sorting every board', async () => {
    const { store } = await open();
    await store.close();
    const db = new Database(store.file, { readonly: true });
    try {
      const plan = (sql: string, ...params: unknown[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
          .map((row) => row.detail)
          .join('\n');
      // The first page walks the index from its start, the next ones from where the page before ended.
      const first = plan(PUBLIC_BOARD_PAGES.first, 100);
      const after = plan(PUBLIC_BOARD_PAGES.after, 1, 'x', 100);
      expect(first).toMatch(/^SCAN b USING INDEX boards_public_by_activity$/m);
      expect(after).toMatch(
        /^SEARCH b USING INDEX boards_public_by_activity \(\(last_activity_at,id\)<\(\?,\?\)\)$/m,
      );
      // No sort of every public board.
      for (const steps of [first, after]) expect(steps).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });

  it('reads counters and ops made before v1.1 with the v1.1 defaults', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tally-store-'));
    dirs.push(dataDir);
    const v1 = new Database(path.join(dataDir, 'tally.db'));
    runMigrations(v1, 1);
    v1.exec(`
      INSERT INTO boards (id, name, visibility, owner_key_hash, access_key_hash, created_at)
        VALUES ('old-board', 'Old', 'public', 'h', NULL, 1);
      INSERT INTO counters (id, board_id, name, value, version, created_at) VALUES ('old-counter', 'old-board', 'Old', 3, 1, 1);
      INSERT INTO ops (op_id, counter_id, board_id, kind, by_amount, value_before, value_after, version_after, applied_at)
        VALUES ('old-op-0001', 'old-counter', 'old-board', 'increment', 3, 0, 3, 1, 2);
    `);
    v1.close();
    const { store } = await open({ dataDir, now: () => 3 });
    expect(await store.getCounter('old-counter')).toEqual({
      id: 'old-counter',
      boardId: 'old-board',
      name: 'Old',
      value: 3,
      version: 1,
      min: null,
      max: null,
      step: 1,
      goal: null,
    });
    expect(await store.getOp('old-op-0001')).toEqual({
      opId: 'old-op-0001',
      kind: 'increment',
      counterId: 'old-counter',
      boardId: 'old-board',
      by: 3,
      actorClientId: null,
      appliedAt: 2,
      undoneBy: null,
    });
    const [undone] = await store.applyOps([
      { kind: 'undo', opId: 'undo-op-0001', undoes: 'old-op-0001', actor: ana },
    ]);
    expect(undone).toMatchObject({ ok: true, value: 0, version: 2 });
  });
});
