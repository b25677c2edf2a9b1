import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CounterUpdate } from '@tally/events';
import { TallyError } from '@tally/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { CounterOp, OpOutcome, Store } from '../store/store.js';
import { createWriteBatcher, type WriteBatcherOptions } from './write-batcher.js';

/** The end of the current event-loop turn: what a 0 ms window waits for. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('write batcher (group commit) on a real SQLite store', () => {
  let dataDir: string;
  let store: SqliteStore;
  let commits: Array<Map<string, CounterUpdate[]>>;
  let events: string[];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tally-batcher-'));
    store = createSqliteStore({ dataDir });
    await store.init();
    commits = [];
    events = [];
  });

  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function batcher(overrides: Partial<WriteBatcherOptions> = {}) {
    return createWriteBatcher({
      store,
      windowMs: 0,
      onCommitted(updates) {
        commits.push(updates);
        events.push('committed');
      },
      ...overrides,
    });
  }

  async function board() {
    const id = `board-${randomUUID()}`;
    await store.createBoard({
      id,
      name: 'Batch board',
      visibility: 'public',
      ownerKeyHash: 'h',
      accessKeyHash: null,
      createdAt: Date.now(),
    });
    const counter = () =>
      store.createCounter({ id: `counter-${randomUUID()}`, boardId: id, name: 'c', value: 0 });
    return { id, counter };
  }

  const inc = (counterId: string, by: number, opId = `op-${randomUUID()}`) =>
    ({ kind: 'increment', opId, counterId, by }) as const satisfies CounterOp;

  it('puts every op submitted in one turn into one applyOps and one onCommitted', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => writes.submit(inc(counter.id, i + 1))),
    );
    expect(outcomes.map((o) => o.ok && o.version)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(writes.stats()).toMatchObject({
      batchesCommitted: 1,
      opsCommitted: 30,
      opsApplied: 30,
      lastBatchSize: 30,
    });
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(commits).toEqual([new Map([[b.id, [{ counterId: counter.id, value: 465, version: 30 }]]])]);
  });

  it('names who changed each counter with their net delta in the batch; replays and resets add none', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const ana = { clientId: 'ana-client', name: 'Ana' };
    const ben = { clientId: 'ben-client', name: 'Ben' };
    const repeated = inc(counter.id, 7);
    await writes.submit(repeated, ana);
    await nextTurn();
    commits = [];
    await Promise.all([
      writes.submit(inc(counter.id, 2), ana),
      writes.submit(inc(counter.id, -5), ben),
      writes.submit(inc(counter.id, 3), ana),
      writes.submit(repeated, ana),
      writes.submit(inc(counter.id, 1)),
    ]);
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(commits).toEqual([
      new Map([
        [
          b.id,
          [
            {
              counterId: counter.id,
              value: 8,
              version: 5,
              actors: [
                { ...ana, delta: 5 },
                { ...ben, delta: -5 },
              ],
            },
          ],
        ],
      ]),
    ]);
  });

  it('sends per board the latest value and version of each changed counter', async () => {
    const first = await board();
    const second = await board();
    const [a, bb, c] = [await first.counter(), await first.counter(), await second.counter()];
    const writes = batcher();
    await Promise.all([
      writes.submit(inc(a.id, 1)),
      writes.submit(inc(c.id, -4)),
      writes.submit(inc(a.id, 2)),
      writes.submit(inc(bb.id, 10)),
      writes.submit(inc(a.id, 3)),
      writes.submit({ kind: 'reset', opId: `op-${randomUUID()}`, counterId: bb.id }),
    ]);
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(commits).toHaveLength(1);
    expect(commits[0]).toEqual(
      new Map([
        [
          first.id,
          [
            { counterId: a.id, value: 6, version: 3 },
            { counterId: bb.id, value: 0, version: 2 },
          ],
        ],
        [second.id, [{ counterId: c.id, value: -4, version: 1 }]],
      ]),
    );
  });

  it('applies an opId sent three times in one batch once and answers all three alike', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const op = inc(counter.id, 5);
    const [one, two, three] = await Promise.all([writes.submit(op), writes.submit(op), writes.submit(op)]);
    expect(one).toEqual({
      ok: true,
      boardId: b.id,
      counterId: counter.id,
      value: 5,
      version: 1,
      replayed: false,
    });
    expect(two).toEqual({ ...(one as OpOutcome), replayed: true });
    expect(three).toEqual({ ...(one as OpOutcome), replayed: true });
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(commits).toEqual([new Map([[b.id, [{ counterId: counter.id, value: 5, version: 1 }]]])]);
    expect(writes.stats()).toMatchObject({ batchesCommitted: 1, opsCommitted: 3, opsApplied: 1 });
  });

  it('broadcasts nothing for a batch of replays and refusals', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const op = inc(counter.id, 1);
    await writes.submit(op);
    const outcomes = await Promise.all([
      writes.submit(op),
      writes.submit(inc(`missing-${randomUUID()}`, 1)),
      writes.submit({ ...op, by: 2 }),
    ]);
    expect(outcomes.map((o) => (o.ok ? 'replayed' : o.code))).toEqual([
      'replayed',
      'not_found',
      'invalid_payload',
    ]);
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(commits).toHaveLength(1);
    expect(writes.stats()).toMatchObject({ batchesCommitted: 2, opsApplied: 1 });
  });

  it('resolves a submit only once its batch is on disk, and broadcasts after the acks', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const pending = writes.submit(inc(counter.id, 9)).then((outcome) => {
      events.push('acked');
      return outcome;
    });
    events.push('submitted');
    await pending;
    await nextTurn();
    expect(events).toEqual(['submitted', 'acked', 'committed']);
    // A second connection to the same file sees the value: it is committed, not only in memory.
    const reader = createSqliteStore({ dataDir });
    try {
      expect(await reader.getCounter(counter.id)).toMatchObject({ value: 9, version: 1 });
    } finally {
      await reader.close();
    }
  });

  it('puts ops submitted after a batch was cut into the next batch', async () => {
    const b = await board();
    const counter = await b.counter();
    let during: Promise<OpOutcome> | undefined;
    const writes = createWriteBatcher({
      store,
      windowMs: 0,
      onCommitted(updates) {
        commits.push(updates);
        // Sent while the first batch is being announced: it must get a batch of its own.
        during ??= writes.submit(inc(counter.id, 100));
      },
    });
    await Promise.all([writes.submit(inc(counter.id, 1)), writes.submit(inc(counter.id, 2))]);
    await nextTurn();
    expect(await during).toMatchObject({ ok: true, value: 103, version: 3 });
    expect(writes.stats()).toMatchObject({ batchesCommitted: 2, maxBatchSize: 2, lastBatchSize: 1 });
  });

  it('rejects every op of a batch with unavailable when the store is closed, and broadcasts nothing', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    await store.close();
    const results = await Promise.allSettled([
      writes.submit(inc(counter.id, 1)),
      writes.submit(inc(counter.id, 2)),
    ]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toMatchObject({
        name: 'TallyError',
        code: 'unavailable',
      });
    }
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(commits).toEqual([]);
    expect(writes.stats()).toMatchObject({ batchesCommitted: 0, batchesFailed: 1 });
  });

  it('turns a non-TallyError store failure into unavailable, keeps a TallyError code, and recovers', async () => {
    const b = await board();
    const counter = await b.counter();
    // Failure injection is the one place a hand-made Store is used: it throws what we tell it to.
    const failing = new FailingStore(store);
    const writes = batcher({ store: failing });

    failing.nextFailure = new Error('disk I/O error');
    await expect(writes.submit(inc(counter.id, 1))).rejects.toMatchObject({ code: 'unavailable' });
    failing.nextFailure = new TallyError('internal', 'the store failed');
    await expect(writes.submit(inc(counter.id, 1))).rejects.toMatchObject({ code: 'internal' });

    expect(await writes.submit(inc(counter.id, 4))).toMatchObject({ ok: true, value: 4, version: 1 });
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(commits).toHaveLength(1);
    expect(writes.stats()).toMatchObject({ batchesFailed: 2, batchesCommitted: 1 });
  });

  it('with a 0 ms window, ops of different turns go into different batches', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const first = writes.submit(inc(counter.id, 1));
    await nextTurn();
    const second = writes.submit(inc(counter.id, 1));
    await Promise.all([first, second]);
    expect(writes.stats()).toMatchObject({ batchesCommitted: 2, maxBatchSize: 1 });
  });

  it('with a window, flushes a lone op at once and gathers the next turns into one batch', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher({ windowMs: 200 });
    // After a quiet spell nothing waits for the window: the op goes out at the end of this turn.
    await writes.submit(inc(counter.id, 1));
    expect(writes.stats()).toMatchObject({ batchesCommitted: 1, lastBatchSize: 1 });
    const submitted: Array<Promise<OpOutcome>> = [];
    for (let turn = 0; turn < 3; turn++) {
      submitted.push(writes.submit(inc(counter.id, 1)));
      await nextTurn();
    }
    await Promise.all(submitted);
    expect(writes.stats()).toMatchObject({ batchesCommitted: 2, lastBatchSize: 3 });
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(commits).toHaveLength(2);
  });

  it('drain() commits what is queued without waiting for the window', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher({ windowMs: 60_000 });
    await writes.submit(inc(counter.id, 1));
    // Within the window of the first batch: this one would wait a minute but for drain().
    const pending = writes.submit(inc(counter.id, 2));
    await writes.drain();
    expect(await pending).toMatchObject({ ok: true, value: 3 });
    expect(writes.stats().queued).toBe(0);
  });

  it('refuses ops past the queue bound with unavailable instead of growing memory', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher({ maxQueuedOps: 3 });
    const accepted = [1, 2, 3].map(() => writes.submit(inc(counter.id, 1)));
    await expect(writes.submit(inc(counter.id, 1))).rejects.toMatchObject({ code: 'unavailable' });
    await Promise.all(accepted);
    expect(writes.stats()).toMatchObject({ opsRejectedQueueFull: 1, opsApplied: 3 });
    // Once the queue has gone to the store, there is room again.
    expect(await writes.submit(inc(counter.id, 1))).toMatchObject({ ok: true, value: 4 });
  });
});

/** Delegates to a real store, except that applyOps throws `nextFailure` once when it is set. */
class FailingStore implements Store {
  nextFailure: unknown = null;
  constructor(private readonly inner: Store) {}
  init = () => this.inner.init();
  close = () => this.inner.close();
  ping = () => this.inner.ping();
  createBoard: Store['createBoard'] = (board) => this.inner.createBoard(board);
  getBoard: Store['getBoard'] = (id) => this.inner.getBoard(id);
  listPublicBoards = () => this.inner.listPublicBoards();
  listCounters: Store['listCounters'] = (id) => this.inner.listCounters(id);
  getCounter: Store['getCounter'] = (id) => this.inner.getCounter(id);
  createCounter: Store['createCounter'] = (counter) => this.inner.createCounter(counter);
  renameCounter: Store['renameCounter'] = (id, name) => this.inner.renameCounter(id, name);
  deleteCounter: Store['deleteCounter'] = (id) => this.inner.deleteCounter(id);
  counterHistory: Store['counterHistory'] = (id, since) => this.inner.counterHistory(id, since);
  totalIncrements = () => this.inner.totalIncrements();
  addChatMessage: Store['addChatMessage'] = (id, message) => this.inner.addChatMessage(id, message);
  recentChatMessages: Store['recentChatMessages'] = (id, limit) => this.inner.recentChatMessages(id, limit);
  applyOps: Store['applyOps'] = async (ops) => {
    const failure = this.nextFailure;
    if (failure !== null) {
      this.nextFailure = null;
      throw failure;
    }
    return this.inner.applyOps(ops);
  };
}
