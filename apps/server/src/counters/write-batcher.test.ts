import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CounterUpdate } from '@tally/events';
import { TallyError } from '@tally/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';
import {
  type Actor,
  type CounterOp,
  DEFAULT_COUNTER_SETTINGS,
  type OpOutcome,
  type Store,
} from '../store/store.js';
import { createWriteBatcher, type WriteBatcherOptions } from './write-batcher.js';

const HTTP_ACTOR: Actor = { clientId: null, name: 'HTTP API' };
/** The client address of the ops of a test that is not about addresses. */
const HERE = '127.0.0.1';

/** The end of the current event-loop turn: what a 0 ms window waits for. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('write batcher (group commit) on a real SQLite store', () => {
  let dataDir: string;
  let store: SqliteStore;
  let broadcasts: Array<[boardId: string, updates: CounterUpdate[]]>;
  let events: string[];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tally-batcher-'));
    store = createSqliteStore({ dataDir });
    await store.init();
    broadcasts = [];
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
      broadcast(boardId, updates) {
        broadcasts.push([boardId, updates]);
        events.push('broadcast');
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
      store.createCounter(
        { id: `counter-${randomUUID()}`, boardId: id, name: 'c', value: 0, ...DEFAULT_COUNTER_SETTINGS },
        HTTP_ACTOR,
      );
    return { id, counter };
  }

  const inc = (counterId: string, by: number, actor: Actor = HTTP_ACTOR, opId = `op-${randomUUID()}`) =>
    ({ kind: 'increment', opId, counterId, by, actor }) as const satisfies CounterOp;

  it('puts every op submitted in one turn into one applyOps and one broadcast', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => writes.submit(inc(counter.id, i + 1), HERE)),
    );
    expect(outcomes.map((o) => o.ok && o.version)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(writes.stats()).toMatchObject({
      batchesCommitted: 1,
      opsCommitted: 30,
      opsApplied: 30,
      lastBatchSize: 30,
    });
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(broadcasts).toEqual([[b.id, [{ counterId: counter.id, value: 465, version: 30 }]]]);
  });

  it('names who changed each counter with their net delta in the batch; replays and resets add none', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const ana = { clientId: 'ana-client', name: 'Ana' };
    const ben = { clientId: 'ben-client', name: 'Ben' };
    const repeated = inc(counter.id, 7, ana);
    await writes.submit(repeated, HERE);
    await nextTurn();
    broadcasts = [];
    await Promise.all([
      writes.submit(inc(counter.id, 2, ana), HERE),
      writes.submit(inc(counter.id, -5, ben), HERE),
      writes.submit(inc(counter.id, 3, ana), HERE),
      writes.submit(repeated, HERE),
      writes.submit(inc(counter.id, 1), HERE),
    ]);
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(broadcasts).toEqual([
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
    ]);
  });

  it("names resets and undos with their kind, apart from the same member's increments", async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const olga = { clientId: 'olga-client', name: 'Olga' };
    const click = inc(counter.id, 4, olga);
    await writes.submit(click, HERE);
    await nextTurn();
    broadcasts = [];
    await writes.submit(inc(counter.id, 6, olga), HERE);
    await writes.submit({ kind: 'undo', opId: `op-${randomUUID()}`, undoes: click.opId, actor: olga }, HERE);
    await writes.submit(
      { kind: 'reset', opId: `op-${randomUUID()}`, counterId: counter.id, actor: olga },
      HERE,
    );
    await nextTurn();
    const actors = broadcasts.flatMap(([, updates]) => updates.flatMap((update) => update.actors ?? []));
    expect(actors).toEqual([
      { ...olga, delta: 6 },
      { ...olga, delta: -4, kind: 'undo' },
      { ...olga, delta: -6, kind: 'reset' },
    ]);
  });

  it('sends per board the latest value and version of each changed counter', async () => {
    const first = await board();
    const second = await board();
    const [a, bb, c] = [await first.counter(), await first.counter(), await second.counter()];
    const writes = batcher();
    await Promise.all([
      writes.submit(inc(a.id, 1), HERE),
      writes.submit(inc(c.id, -4), HERE),
      writes.submit(inc(a.id, 2), HERE),
      writes.submit(inc(bb.id, 10), HERE),
      writes.submit(inc(a.id, 3), HERE),
      writes.submit({ kind: 'reset', opId: `op-${randomUUID()}`, counterId: bb.id, actor: HTTP_ACTOR }, HERE),
    ]);
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(broadcasts).toEqual([
      [
        first.id,
        [
          { counterId: a.id, value: 6, version: 3 },
          { counterId: bb.id, value: 0, version: 2 },
        ],
      ],
      [second.id, [{ counterId: c.id, value: -4, version: 1 }]],
    ]);
  });

  it('applies an opId sent three times in one batch once and answers all three alike', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const op = inc(counter.id, 5);
    const [one, two, three] = await Promise.all([
      writes.submit(op, HERE),
      writes.submit(op, HERE),
      writes.submit(op, HERE),
    ]);
    expect(one).toEqual({
      ok: true,
      boardId: b.id,
      counterId: counter.id,
      value: 5,
      version: 1,
      replayed: false,
      delta: 5,
    });
    expect(two).toEqual({ ...(one as OpOutcome), replayed: true, delta: 0 });
    expect(three).toEqual({ ...(one as OpOutcome), replayed: true, delta: 0 });
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(broadcasts).toEqual([[b.id, [{ counterId: counter.id, value: 5, version: 1 }]]]);
    expect(writes.stats()).toMatchObject({ batchesCommitted: 1, opsCommitted: 3, opsApplied: 1 });
  });

  it('broadcasts a replay again at its original version (the first may never have left), a refusal never', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const op = inc(counter.id, 1, { clientId: 'ana-client', name: 'Ana' });
    await writes.submit(op, HERE);
    const outcomes = await Promise.all([
      writes.submit(op, HERE),
      writes.submit(inc(`missing-${randomUUID()}`, 1), HERE),
      writes.submit({ ...op, by: 2 }, HERE),
    ]);
    expect(outcomes.map((o) => (o.ok ? 'replayed' : o.code))).toEqual([
      'replayed',
      'not_found',
      'invalid_payload',
    ]);
    await nextTurn(); // the broadcast follows the acks by one turn
    // The replay's value and version as first applied, without an actor: it changed nothing now.
    const applied = { counterId: counter.id, value: 1, version: 1 };
    expect(broadcasts).toEqual([
      [b.id, [{ ...applied, actors: [{ clientId: 'ana-client', name: 'Ana', delta: 1 }] }]],
      [b.id, [applied]],
    ]);
    expect(writes.stats()).toMatchObject({ batchesCommitted: 2, opsApplied: 1, broadcastsSent: 2 });
  });

  it('resolves a submit only once its batch is on disk, and broadcasts after the acks', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher();
    const pending = writes.submit(inc(counter.id, 9), HERE).then((outcome) => {
      events.push('acked');
      return outcome;
    });
    events.push('submitted');
    await pending;
    await nextTurn();
    expect(events).toEqual(['submitted', 'acked', 'broadcast']);
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
      broadcast(boardId, updates) {
        broadcasts.push([boardId, updates]);
        // Sent while the first batch is being announced: it must get a batch of its own.
        during ??= writes.submit(inc(counter.id, 100), HERE);
      },
    });
    await Promise.all([writes.submit(inc(counter.id, 1), HERE), writes.submit(inc(counter.id, 2), HERE)]);
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
      writes.submit(inc(counter.id, 1), HERE),
      writes.submit(inc(counter.id, 2), HERE),
    ]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toMatchObject({
        name: 'TallyError',
        code: 'unavailable',
      });
    }
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(broadcasts).toEqual([]);
    expect(writes.stats()).toMatchObject({ batchesCommitted: 0, batchesFailed: 1 });
  });

  it('turns a non-TallyError store failure into unavailable, keeps a TallyError code, and recovers', async () => {
    const b = await board();
    const counter = await b.counter();
    // Failure injection is the one place a hand-made Store is used: it throws what we tell it to.
    const failing = new FailingStore(store);
    const writes = batcher({ store: failing });

    failing.nextFailure = new Error('disk I/O error');
    await expect(writes.submit(inc(counter.id, 1), HERE)).rejects.toMatchObject({ code: 'unavailable' });
    failing.nextFailure = new TallyError('internal', 'the store failed');
    await expect(writes.submit(inc(counter.id, 1), HERE)).rejects.toMatchObject({ code: 'internal' });

    expect(await writes.submit(inc(counter.id, 4), HERE)).toMatchObject({ ok: true, value: 4, version: 1 });
    await nextTurn(); // the broadcast follows the acks by one turn
    expect(broadcasts).toHaveLength(1);
    expect(writes.stats()).toMatchObject({ batchesFailed: 2, batchesCommitted: 1 });
  });

  it('commits ops of different turns in different batches when nothing is in flight, whatever the window', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher({ windowMs: 60_000 });
    const first = writes.submit(inc(counter.id, 1), HERE);
    await nextTurn();
    const second = writes.submit(inc(counter.id, 1), HERE);
    await Promise.all([first, second]);
    expect(writes.stats()).toMatchObject({ batchesCommitted: 2, maxBatchSize: 1 });
  });

  it('gathers the ops that arrive during a commit into the next batch', async () => {
    const b = await board();
    const counter = await b.counter();
    // A store whose commit takes several turns, as a commit in a worker thread does.
    const slow = new FailingStore(store);
    slow.turnsBeforeCommit = 3;
    const writes = batcher({ store: slow });
    const first = writes.submit(inc(counter.id, 1), HERE);
    await nextTurn(); // the first batch is cut and in flight
    const during = [1, 2, 3].map(() => writes.submit(inc(counter.id, 1), HERE));
    await Promise.all([first, ...during]);
    expect(writes.stats()).toMatchObject({ batchesCommitted: 2, lastBatchSize: 3, maxBatchSize: 3 });
  });

  it('broadcasts the first change after a quiet spell at once, after its ack', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher({ windowMs: 60_000 });
    await writes.submit(inc(counter.id, 2), HERE).then(() => events.push('acked'));
    await nextTurn();
    expect(events).toEqual(['acked', 'broadcast']);
    expect(broadcasts).toEqual([[b.id, [{ counterId: counter.id, value: 2, version: 1 }]]]);
  });

  it('holds the changes of a busy board until its window passed and sends them merged, while commits go on', async () => {
    const b = await board();
    const counter = await b.counter();
    const ana = { clientId: 'ana-client', name: 'Ana' };
    const ben = { clientId: 'ben-client', name: 'Ben' };
    let trailingSent = () => {};
    const trailing = new Promise<void>((resolve) => {
      trailingSent = resolve;
    });
    // Long enough that the three commits below land inside it even on a busy machine.
    const writes = batcher({
      windowMs: 500,
      broadcast(boardId, updates) {
        broadcasts.push([boardId, updates]);
        if (broadcasts.length === 2) trailingSent();
      },
    });
    await writes.submit(inc(counter.id, 1, ana), HERE);
    await nextTurn(); // the leading broadcast
    // Three commits inside the window: each acked at once, announced together.
    for (const [by, who] of [
      [2, ana],
      [3, ben],
      [4, ana],
    ] as const) {
      expect(await writes.submit(inc(counter.id, by, who), HERE)).toMatchObject({
        ok: true,
        value: expect.any(Number),
      });
    }
    expect(writes.stats()).toMatchObject({ batchesCommitted: 4, broadcastsSent: 1, boardsHeld: 1 });
    await trailing;
    expect(broadcasts).toEqual([
      [b.id, [{ counterId: counter.id, value: 1, version: 1, actors: [{ ...ana, delta: 1 }] }]],
      [
        b.id,
        [
          {
            counterId: counter.id,
            value: 10,
            version: 4,
            actors: [
              { ...ana, delta: 6 },
              { ...ben, delta: 3 },
            ],
          },
        ],
      ],
    ]);
  });

  it('throttles each board on its own: a quiet board is not held by a busy one', async () => {
    const busy = await board();
    const quiet = await board();
    const [busyCounter, quietCounter] = [await busy.counter(), await quiet.counter()];
    const writes = batcher({ windowMs: 60_000 });
    await writes.submit(inc(busyCounter.id, 1), HERE);
    await nextTurn();
    await writes.submit(inc(busyCounter.id, 1), HERE); // held: inside the busy board's window
    await writes.submit(inc(quietCounter.id, 5), HERE);
    await nextTurn();
    expect(broadcasts.map(([boardId]) => boardId)).toEqual([busy.id, quiet.id]);
    expect(writes.stats()).toMatchObject({ broadcastsSent: 2, boardsHeld: 1 });
  });

  it('drain() commits what is queued and sends every held broadcast', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher({ windowMs: 60_000 });
    await writes.submit(inc(counter.id, 1), HERE);
    await nextTurn();
    await writes.submit(inc(counter.id, 2), HERE); // held for a minute but for drain()
    const queued = writes.submit(inc(counter.id, 3), HERE);
    await writes.drain();
    expect(await queued).toMatchObject({ ok: true, value: 6, version: 3 });
    expect(broadcasts).toEqual([
      [b.id, [{ counterId: counter.id, value: 1, version: 1 }]],
      [b.id, [{ counterId: counter.id, value: 6, version: 3 }]],
    ]);
    expect(writes.stats()).toMatchObject({ queued: 0, boardsHeld: 0, broadcastsSent: 2 });
  });

  it('refuses ops past the queue bound with unavailable instead of growing memory', async () => {
    const b = await board();
    const counter = await b.counter();
    const writes = batcher({ maxQueuedOps: 3 });
    const accepted = [1, 2, 3].map(() => writes.submit(inc(counter.id, 1), HERE));
    await expect(writes.submit(inc(counter.id, 1), HERE)).rejects.toMatchObject({ code: 'unavailable' });
    await Promise.all(accepted);
    expect(writes.stats()).toMatchObject({ opsRejectedQueueFull: 1, opsApplied: 3 });
    // Once the queue has gone to the store, there is room again.
    expect(await writes.submit(inc(counter.id, 1), HERE)).toMatchObject({ ok: true, value: 4 });
  });

  it('keeps the queue for the others when one address has its share waiting', async () => {
    const b = await board();
    const counter = await b.counter();
    const full: string[] = [];
    const writes = batcher({
      maxQueuedOps: 10,
      maxQueuedOpsPerAddress: 3,
      onAddressQueueFull: (address) => full.push(address),
    });
    const flood = Array.from({ length: 5 }, () =>
      writes.submit(inc(counter.id, 1), '127.0.0.2').then(
        () => 'ok',
        (error: TallyError) => error.code,
      ),
    );
    const others = [writes.submit(inc(counter.id, 10), HERE), writes.submit(inc(counter.id, 10), '::1')];
    expect(await Promise.all(flood)).toEqual(['ok', 'ok', 'ok', 'unavailable', 'unavailable']);
    expect(await Promise.all(others)).toMatchObject([{ ok: true }, { ok: true }]);
    expect(full).toEqual(['127.0.0.2', '127.0.0.2']);
    expect(writes.stats()).toMatchObject({ opsRejectedAddressQueueFull: 2, opsRejectedQueueFull: 0 });
    // Its share is of what waits: once its batch has gone to the store, the address has it again.
    const again = [1, 2, 3].map(() => writes.submit(inc(counter.id, 1), '127.0.0.2'));
    expect(await Promise.all(again)).toMatchObject([{ ok: true }, { ok: true }, { ok: true, value: 26 }]);
  });

  it('tells its hooks of each op refused as the queue is full, each committed batch and each broadcast sent', async () => {
    const b = await board();
    const counter = await b.counter();
    const told: string[] = [];
    const writes = batcher({
      maxQueuedOps: 2,
      onQueueFull: () => told.push('queue full'),
      onCommitted: (ms) => told.push(`committed after ${ms >= 0 ? 'some' : 'negative'} ms`),
      onBroadcast: (ms) => told.push(`broadcast after ${ms >= 0 ? 'some' : 'negative'} ms`),
    });
    const accepted = [writes.submit(inc(counter.id, 1), HERE), writes.submit(inc(counter.id, 1), HERE)];
    await expect(writes.submit(inc(counter.id, 1), HERE)).rejects.toMatchObject({ code: 'unavailable' });
    await Promise.all(accepted);
    await nextTurn();
    expect(told).toEqual(['queue full', 'committed after some ms', 'broadcast after some ms']);

    // A broadcast that threw was not sent: it is reported as an error, not timed.
    const errors: unknown[] = [];
    const failing = batcher({
      broadcast() {
        throw new Error('socket layer down');
      },
      onBroadcastError: (error) => errors.push(error),
      onBroadcast: () => told.push('failed broadcast timed'),
    });
    await failing.submit(inc(counter.id, 1), HERE);
    await nextTurn();
    expect(errors).toHaveLength(1);
    expect(told).not.toContain('failed broadcast timed');
  });
});

/**
 * Delegates to a real store, except that applyOps throws `nextFailure` once when it is set, and
 * answers only after `turnsBeforeCommit` event-loop turns.
 */
class FailingStore implements Store {
  nextFailure: unknown = null;
  turnsBeforeCommit = 0;
  constructor(private readonly inner: Store) {}
  init = () => this.inner.init();
  close = () => this.inner.close();
  ping = () => this.inner.ping();
  serverSecret = () => this.inner.serverSecret();
  createBoard: Store['createBoard'] = (board) => this.inner.createBoard(board);
  createBoardWithCounters: Store['createBoardWithCounters'] = (board, counters) =>
    this.inner.createBoardWithCounters(board, counters);
  getBoard: Store['getBoard'] = (id) => this.inner.getBoard(id);
  listPublicBoards = () => this.inner.listPublicBoards();
  listCounters: Store['listCounters'] = (id) => this.inner.listCounters(id);
  getCounter: Store['getCounter'] = (id) => this.inner.getCounter(id);
  createCounter: Store['createCounter'] = (counter, actor) => this.inner.createCounter(counter, actor);
  renameCounter: Store['renameCounter'] = (id, name, actor) => this.inner.renameCounter(id, name, actor);
  configureCounter: Store['configureCounter'] = (id, changes, actor) =>
    this.inner.configureCounter(id, changes, actor);
  deleteCounter: Store['deleteCounter'] = (id, actor) => this.inner.deleteCounter(id, actor);
  getOp: Store['getOp'] = (opId) => this.inner.getOp(opId);
  listActivity: Store['listActivity'] = (id, page) => this.inner.listActivity(id, page);
  counterHistory: Store['counterHistory'] = (id, since) => this.inner.counterHistory(id, since);
  totalIncrements = () => this.inner.totalIncrements();
  addChatMessage: Store['addChatMessage'] = (id, message) => this.inner.addChatMessage(id, message);
  recentChatMessages: Store['recentChatMessages'] = (id, limit) => this.inner.recentChatMessages(id, limit);
  chatMessagesBefore: Store['chatMessagesBefore'] = (id, before, limit) =>
    this.inner.chatMessagesBefore(id, before, limit);
  applyOps: Store['applyOps'] = async (ops) => {
    const failure = this.nextFailure;
    if (failure !== null) {
      this.nextFailure = null;
      throw failure;
    }
    for (let turn = 0; turn < this.turnsBeforeCommit; turn++) await nextTurn();
    return this.inner.applyOps(ops);
  };
}
