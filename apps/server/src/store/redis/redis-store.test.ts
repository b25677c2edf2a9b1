import { randomUUID } from 'node:crypto';
import { ACTIVITY_MERGE_WINDOW_MS, MAX_SAFE_VALUE, TallyError } from '@tally/events';
import { type RedisServer, startRedisServer } from '@tally/testbed';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runStoreContract } from '../../../test/store/store-contract.js';
import { toTallyError } from '../../redis/redis-errors.js';
import { parseWaitAofPolicy } from '../../redis/wait-aof.js';
import {
  ACTIVITY_KEPT_MS,
  type Actor,
  type CounterOp,
  DEFAULT_COUNTER_SETTINGS,
  DEFAULT_OP_RETENTION_MS,
  HISTORY_RETENTION_MS,
  OP_REFUSALS,
  type OpOutcome,
  type Store,
} from '../store.js';
import { createRedisStore, type RedisStore, type RedisStoreOptions } from './redis-store.js';

/** The protocol's bound on an ack while the store is away. */
const UNAVAILABLE_WITHIN_MS = 2000;

const actor: Actor = { clientId: 'client-0001', name: 'Ana' };

function increment(counterId: string, by = 1): CounterOp {
  return { kind: 'increment', opId: `op-${randomUUID()}`, counterId, by, actor };
}

let redis: RedisServer;
let admin: Redis;

beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url);
});

afterAll(async () => {
  admin.disconnect();
  await redis.dispose();
});

// One redis-server for the whole file; each fixture lives under its own key prefix, which is
// also how two deployments could share one Redis.
runStoreContract('redis', async ({ now, chatHistoryPerBoard }) => {
  const keyPrefix = `contract-${randomUUID()}:`;
  let current: Store = createRedisStore({ url: redis.url, keyPrefix, now, chatHistoryPerBoard });
  return {
    store: current,
    async reopen() {
      await current.close();
      current = createRedisStore({ url: redis.url, keyPrefix, now, chatHistoryPerBoard });
      await current.init();
      return current;
    },
    async cleanup() {
      await current.close();
      const keys = await admin.keys(`${keyPrefix}*`);
      if (keys.length > 0) await admin.del(...keys);
    },
  };
});

describe('RedisStore specifics', () => {
  const stores: RedisStore[] = [];

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  async function open(options: Partial<RedisStoreOptions> = {}): Promise<RedisStore> {
    const store = createRedisStore({ url: redis.url, keyPrefix: `specifics-${randomUUID()}:`, ...options });
    stores.push(store);
    await store.init();
    return store;
  }

  async function rejection(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
    const started = performance.now();
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    return { error, ms: performance.now() - started };
  }

  it('keeps every key under its prefix and remembers an opId for 24 to 25 hours', async () => {
    const store = await open();
    const prefix = store.keys.prefix;
    const op = increment('lobby-count');
    await store.applyOps([op]);
    await store.serverSecret();
    await store.addChatMessage('lobby', {
      id: 'm-1',
      clientId: 'client-0001',
      name: 'Ana',
      text: 'hi',
      at: 1,
    });
    const keys = await admin.keys(`*${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.startsWith(prefix)).toBe(true);
    const ttl = await admin.pttl(store.keys.op(op.opId));
    expect(ttl).toBeGreaterThan(24 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(25 * 3600_000);
  });

  it('keeps history points a week while op records still expire after 25 hours', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const store = await open({ now: () => clock });
    const op = increment('lobby-count');
    const undo: CounterOp = { kind: 'undo', opId: `undo-${randomUUID()}`, undoes: op.opId, actor };
    await store.applyOps([op, undo]);
    for (const opId of [op.opId, undo.opId]) {
      expect(await admin.pttl(store.keys.op(opId))).toBeLessThanOrEqual(DEFAULT_OP_RETENTION_MS);
    }
    const historyKey = store.keys.counterHistory('lobby-count');
    expect(await admin.pttl(historyKey)).toBeGreaterThan(HISTORY_RETENTION_MS - 60_000);
    expect(await admin.zcard(historyKey)).toBe(2);
    // A write a week and an hour later drops the points past the history retention.
    clock += HISTORY_RETENTION_MS + 1;
    await store.applyOps([increment('lobby-count')]);
    expect(await admin.zcard(historyKey)).toBe(1);
  });

  it('lets activity expire with its retention, and a mergeable entry shortly after the merge window', async () => {
    const store = await open();
    await store.applyOps([increment('lobby-count')]);
    const activityTtl = await admin.pttl(store.keys.boardActivity('lobby'));
    expect(activityTtl).toBeGreaterThan(ACTIVITY_KEPT_MS - 60_000);
    expect(activityTtl).toBeLessThanOrEqual(ACTIVITY_KEPT_MS);
    const mergeTtl = await admin.pttl(store.keys.activityMerge('lobby-count', actor.clientId as string));
    expect(mergeTtl).toBeGreaterThan(ACTIVITY_MERGE_WINDOW_MS);
    expect(mergeTtl).toBeLessThanOrEqual(2 * ACTIVITY_MERGE_WINDOW_MS);
  });

  it('gives two nodes asking at once the same server secret', async () => {
    const keyPrefix = `secret-${randomUUID()}:`;
    const nodes = [
      createRedisStore({ url: redis.url, keyPrefix }),
      createRedisStore({ url: redis.url, keyPrefix }),
    ];
    stores.push(...nodes);
    await Promise.all(nodes.map((node) => node.init()));
    const [a, b] = await Promise.all(nodes.map((node) => node.serverSecret()));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
  });

  it('applies one of two undos of one increment sent to two nodes at once; the other gets its result', async () => {
    const keyPrefix = `undo-${randomUUID()}:`;
    const [nodeA, nodeB] = [
      createRedisStore({ url: redis.url, keyPrefix }),
      createRedisStore({ url: redis.url, keyPrefix }),
    ];
    stores.push(nodeA, nodeB);
    await Promise.all([nodeA.init(), nodeB.init()]);
    const target = increment('lobby-count', 4);
    await nodeA.applyOps([target]);
    const undo = (opId: string): CounterOp => ({ kind: 'undo', opId, undoes: target.opId, actor });
    const [[fromA], [fromB]] = await Promise.all([
      nodeA.applyOps([undo(`undo-${randomUUID()}`)]),
      nodeB.applyOps([undo(`undo-${randomUUID()}`)]),
    ]);
    const outcomes = [fromA, fromB] as Array<Extract<OpOutcome, { ok: true }>>;
    expect(outcomes.map((outcome) => outcome.replayed).sort()).toEqual([false, true]);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: true, value: 0, version: 2 });
    expect(await nodeB.getCounter('lobby-count')).toMatchObject({ value: 0, version: 2 });
    expect(await nodeB.totalIncrements()).toBe(2);
  });

  it('reads counters and op records written before v1.1, and undoes such an increment', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const store = await open({ now: () => clock });
    const retention = 25 * 3600_000;
    // As v1 wrote them: a counter hash without settings, a six-field op record, 10 min old.
    const counterId = `c-${randomUUID()}`;
    await admin.hset(store.keys.counter(counterId), {
      boardId: 'lobby',
      name: 'Old',
      value: '7',
      version: '1',
    });
    await admin.zadd(store.keys.boardCounters('lobby'), 99, counterId);
    const opId = `op-${randomUUID()}`;
    const opKey = store.keys.op(opId);
    await admin.set(opKey, `increment|${counterId}|7|lobby|7|1`, 'PX', retention - 600_000);

    const old = {
      id: counterId,
      boardId: 'lobby',
      name: 'Old',
      value: 7,
      version: 1,
      ...DEFAULT_COUNTER_SETTINGS,
    };
    expect(await store.getCounter(counterId)).toEqual(old);
    expect(await store.listCounters('lobby')).toContainEqual(old);
    const record = await store.getOp(opId);
    expect(record).toMatchObject({
      opId,
      kind: 'increment',
      counterId,
      boardId: 'lobby',
      by: 7,
      actorClientId: null,
      undoneBy: null,
    });
    // Its time is read from what is left of its TTL: about 10 minutes ago.
    expect(Math.abs((record?.appliedAt ?? 0) - (clock - 600_000))).toBeLessThan(5_000);
    const [replayed] = await store.applyOps([{ kind: 'increment', opId, counterId, by: 7, actor }]);
    expect(replayed).toEqual({
      ok: true,
      boardId: 'lobby',
      counterId,
      value: 7,
      version: 1,
      replayed: true,
      delta: 0,
    });

    clock += 1000;
    const undoOpId = `undo-${randomUUID()}`;
    const [undone] = await store.applyOps([{ kind: 'undo', opId: undoOpId, undoes: opId, actor }]);
    expect(undone).toMatchObject({ ok: true, value: 0, version: 2, replayed: false, delta: -7 });
    expect(await store.getOp(opId)).toMatchObject({
      kind: 'increment',
      by: 7,
      actorClientId: null,
      undoneBy: undoOpId,
    });
    // The increment's record keeps its expiry.
    expect(await admin.pttl(opKey)).toBeLessThanOrEqual(retention - 600_000);
    expect(await store.getOp(undoOpId)).toEqual({
      opId: undoOpId,
      kind: 'undo',
      counterId,
      boardId: 'lobby',
      by: -7,
      actorClientId: actor.clientId,
      appliedAt: clock,
      undoneBy: null,
    });
  });

  it('keeps counter settings and values near ±(2^53 − 1) exact through bounds, resets and activity', async () => {
    const store = await open();
    const counter = await store.createCounter(
      {
        id: `c-${randomUUID()}`,
        boardId: 'lobby',
        name: 'edge',
        value: MAX_SAFE_VALUE - 2,
        min: MAX_SAFE_VALUE - 3,
        max: MAX_SAFE_VALUE,
        step: 1000,
        goal: -MAX_SAFE_VALUE,
      },
      actor,
    );
    expect(await store.getCounter(counter.id)).toEqual(counter);
    const outcomes = await store.applyOps([
      increment(counter.id, 2),
      increment(counter.id, 1),
      { kind: 'reset', opId: `op-${randomUUID()}`, counterId: counter.id, actor },
      increment(counter.id, -1),
    ]);
    expect(outcomes).toMatchObject([
      { ok: true, value: MAX_SAFE_VALUE, delta: 2 },
      { ok: false, code: 'out_of_range' },
      { ok: true, value: MAX_SAFE_VALUE - 3, delta: -3 },
      { ok: false, ...OP_REFUSALS.outOfBounds },
    ]);
    const configured = await store.configureCounter(counter.id, { min: -MAX_SAFE_VALUE, max: null }, actor);
    expect(configured).toEqual({
      ...counter,
      value: MAX_SAFE_VALUE - 3,
      version: 2,
      min: -MAX_SAFE_VALUE,
      max: null,
    });
    const { entries } = await store.listActivity('lobby', { order: 'oldest_first', limit: 10 });
    expect(entries.map(({ kind, by, value }) => ({ kind, by, value }))).toEqual([
      { kind: 'counter_created', by: undefined, value: MAX_SAFE_VALUE - 2 },
      { kind: 'increment', by: 2, value: MAX_SAFE_VALUE },
      { kind: 'reset', by: -3, value: MAX_SAFE_VALUE - 3 },
      { kind: 'counter_configured', by: undefined, value: undefined },
    ]);
  });

  it('keeps names holding | and characters outside the BMP in activity entries, merged ones too', async () => {
    const store = await open();
    const emoji = { clientId: 'client-emoji-01', name: 'Zoë | 🎉 x' };
    const counter = await store.createCounter(
      { id: `c-${randomUUID()}`, boardId: 'lobby', name: '|a|b| 😀', value: 0, ...DEFAULT_COUNTER_SETTINGS },
      emoji,
    );
    await store.applyOps([
      { ...increment(counter.id, 2), actor: emoji },
      { ...increment(counter.id, 3), actor: emoji },
    ]);
    const { entries } = await store.listActivity('lobby', { order: 'newest_first', limit: 10 });
    expect(
      entries.map(({ kind, counterName, by, value, actor }) => ({ kind, counterName, by, value, actor })),
    ).toEqual([
      { kind: 'increment', counterName: '|a|b| 😀', by: 5, value: 5, actor: emoji },
      { kind: 'counter_created', counterName: '|a|b| 😀', by: undefined, value: 0, actor: emoji },
    ]);
  });

  it('refuses an activity cursor that is not an entry id with invalid_payload', async () => {
    const store = await open();
    for (const cursor of ['1e3', '(5', '-1', '']) {
      await expect(
        store.listActivity('lobby', { order: 'newest_first', limit: 5, cursor }),
        cursor,
      ).rejects.toMatchObject({ code: 'invalid_payload' });
    }
  });

  it('lists the public boards of a store written before issue 14 by activity, and drops the old list', async () => {
    const keyPrefix = `legacy-${randomUUID()}:`;
    const keys = createRedisStore({ url: redis.url, keyPrefix }).keys;
    // The layout before issue 14: boards by creation, members `<seq padded to 12>:<id>`.
    const createdAt = Date.UTC(2020, 0, 1);
    for (const [seq, id] of ['quiet', 'busy'].entries()) {
      await admin.hset(keys.board(id), {
        name: id,
        visibility: 'public',
        createdAt: String(createdAt + seq),
      });
      await admin.zadd(
        keys.publicBoardsByCreation(),
        createdAt + seq,
        `${String(seq + 1).padStart(12, '0')}:${id}`,
      );
    }
    // An activity entry of `busy`, as the scripts write it (its second field is its time).
    await admin.zadd(keys.boardActivity('busy'), 1, `1|${createdAt + 60_000}|c|c1||0|client-0001|3|AnaCount`);

    const store = await open({ keyPrefix });
    const listed = await store.listPublicBoards();
    // The lobby, seeded by this start, is the most recent.
    expect(listed.map(({ id, lastActivityAt }) => ({ id, lastActivityAt }))).toEqual([
      { id: 'lobby', lastActivityAt: expect.any(Number) },
      { id: 'busy', lastActivityAt: createdAt + 60_000 },
      { id: 'quiet', lastActivityAt: createdAt },
    ]);
    expect(await admin.exists(keys.publicBoardsByCreation())).toBe(0);
  });

  it('lets two nodes seed one lobby and apply an opId sent to both once', async () => {
    const keyPrefix = `nodes-${randomUUID()}:`;
    const [nodeA, nodeB] = [
      createRedisStore({ url: redis.url, keyPrefix }),
      createRedisStore({ url: redis.url, keyPrefix }),
    ];
    stores.push(nodeA, nodeB);
    await Promise.all([nodeA.init(), nodeB.init()]);
    expect(await nodeA.listCounters('lobby')).toHaveLength(1);

    const op = increment('lobby-count', 7);
    const [[fromA], [fromB]] = await Promise.all([nodeA.applyOps([op]), nodeB.applyOps([op])]);
    expect([fromA, fromB].filter((outcome) => outcome?.ok && !outcome.replayed)).toHaveLength(1);
    expect({ ...fromA, replayed: null, delta: null }).toEqual({ ...fromB, replayed: null, delta: null });
    expect(await nodeB.getCounter('lobby-count')).toMatchObject({ value: 7, version: 1 });
  });

  it('keeps a value of 2^53 − 1 exact through the idempotency record', async () => {
    const store = await open();
    const counter = await store.createCounter(
      { id: `c-${randomUUID()}`, boardId: 'lobby', name: 'x', value: 0, ...DEFAULT_COUNTER_SETTINGS },
      actor,
    );
    await store.applyOps([{ kind: 'reset', opId: `op-${randomUUID()}`, counterId: counter.id, actor }]);
    await admin.hset(store.keys.counter(counter.id), 'value', String(MAX_SAFE_VALUE - 1000));
    const op = increment(counter.id, 1000);
    const [applied] = await store.applyOps([op]);
    const [replayed] = await store.applyOps([op]);
    expect(applied).toMatchObject({ ok: true, value: MAX_SAFE_VALUE });
    expect(replayed).toMatchObject({ ok: true, value: MAX_SAFE_VALUE, replayed: true });
  });

  it('answers unavailable within 2 s while Redis is stopped, and works again once it is back', async () => {
    const own = await startRedisServer();
    try {
      const store = await open({ url: own.url });
      const acked = increment('lobby-count', 5);
      await store.applyOps([acked]);
      await own.stop();

      for (const attempt of [
        store.applyOps([increment('lobby-count')]),
        store.ping(),
        store.getBoard('lobby'),
      ]) {
        const { error, ms } = await rejection(attempt);
        expect(error).toBeInstanceOf(TallyError);
        expect((error as TallyError).code).toBe('unavailable');
        expect(ms).toBeLessThan(UNAVAILABLE_WITHIN_MS);
      }

      await own.restart();
      await expect
        .poll(
          () =>
            store.ping().then(
              () => 'up',
              () => 'down',
            ),
          { timeout: 5000 },
        )
        .toBe('up');
      // The acked increment survived the restart (appendfsync always), and writes flow again.
      const [next] = await store.applyOps([increment('lobby-count', 1)]);
      expect(next).toMatchObject({ ok: true, value: 6, version: 2 });
    } finally {
      await own.dispose();
    }
  });

  it('answers unavailable within 2 s while Redis hangs; a retry of the same opId is applied once', async () => {
    const own = await startRedisServer();
    try {
      const store = await open({ url: own.url });
      process.kill(own.pid, 'SIGSTOP');
      const op = increment('lobby-count', 3);
      const { error, ms } = await rejection(store.applyOps([op]));
      process.kill(own.pid, 'SIGCONT');
      expect((error as TallyError).code).toBe('unavailable');
      expect(ms).toBeLessThan(UNAVAILABLE_WITHIN_MS);

      // The frozen Redis may still have run the batch it had received: retrying is what is safe.
      await expect
        .poll(
          () =>
            store.ping().then(
              () => 'up',
              () => 'down',
            ),
          { timeout: 5000 },
        )
        .toBe('up');
      const [retried] = await store.applyOps([op]);
      expect(retried).toMatchObject({ ok: true, value: 3, version: 1 });
      expect(await store.getCounter('lobby-count')).toMatchObject({ value: 3, version: 1 });
    } finally {
      await own.dispose();
    }
  });

  it('refuses to start, saying so, when Redis cannot be reached', async () => {
    const unreachable = await startRedisServer();
    const url = unreachable.url;
    await unreachable.dispose();
    const store = createRedisStore({ url });
    try {
      await expect(store.init()).rejects.toThrow(/could not connect to Redis \(REDIS_URL\)/);
    } finally {
      await store.close();
    }
  });

  it('turns connection failures into unavailable and other Redis errors into internal', async () => {
    const replyError = await admin.call('NO-SUCH-COMMAND').then(
      () => null,
      (e: unknown) => e,
    );
    expect(toTallyError(replyError).code).toBe('internal');
    expect(toTallyError(new Error('Connection is closed.')).code).toBe('unavailable');
    const loading = Object.assign(new Error('LOADING Redis is loading the dataset in memory'), {
      name: 'ReplyError',
    });
    expect(toTallyError(loading).code).toBe('unavailable');
    expect(toTallyError(new TypeError('x is not a function')).code).toBe('internal');
  });
});

describe('REDIS_WAITAOF', () => {
  it('parses numlocal,numreplicas[,timeoutMs] and refuses anything else', () => {
    expect(parseWaitAofPolicy(undefined)).toBeNull();
    expect(parseWaitAofPolicy('')).toBeNull();
    expect(parseWaitAofPolicy('1,0')).toEqual({ numLocal: 1, numReplicas: 0, timeoutMs: 800 });
    expect(parseWaitAofPolicy(' 1 , 2 , 500 ')).toEqual({ numLocal: 1, numReplicas: 2, timeoutMs: 500 });
    for (const bad of ['yes', '2,0', '1', '1,0,0', '1,0,5000', '0,0', '1,-1', '1;0']) {
      expect(() => parseWaitAofPolicy(bad), bad).toThrow(/REDIS_WAITAOF/);
    }
  });

  it('waits for WAITAOF on Redis 7.2+, and refuses to start on an older Redis instead of acking unfsynced writes', async () => {
    const store = createRedisStore({
      url: redis.url,
      keyPrefix: `waitaof-${randomUUID()}:`,
      waitAof: parseWaitAofPolicy('1,0'),
    });
    try {
      const info = await admin.info('server');
      const [major = 0, minor = 0] = (/redis_version:(\d+)\.(\d+)/.exec(info) ?? []).slice(1).map(Number);
      if (major > 7 || (major === 7 && minor >= 2)) {
        await store.init();
        const [outcome] = await store.applyOps([increment('lobby-count', 2)]);
        expect(outcome).toMatchObject({ ok: true, value: 2 });
      } else {
        await expect(store.init()).rejects.toThrow(/REDIS_WAITAOF needs Redis 7.2 or newer/);
      }
    } finally {
      await store.close();
    }
  });
});
