import { randomUUID } from 'node:crypto';
import { MAX_SAFE_VALUE, TallyError } from '@tally/events';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../test/cluster/redis-server.js';
import { runStoreContract } from '../store.contract.js';
import type { CounterOp, Store } from '../store.js';
import { toTallyError } from './redis-errors.js';
import {
  CHAT_MESSAGES_KEPT,
  createRedisStore,
  type RedisStore,
  type RedisStoreOptions,
} from './redis-store.js';
import { parseWaitAofPolicy } from './wait-aof.js';

/** The protocol's bound on an ack while the store is away. */
const UNAVAILABLE_WITHIN_MS = 2000;

function increment(counterId: string, by = 1): CounterOp {
  return { kind: 'increment', opId: `op-${randomUUID()}`, counterId, by };
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
runStoreContract('redis', async ({ now }) => {
  const keyPrefix = `contract-${randomUUID()}:`;
  let current: Store = createRedisStore({ url: redis.url, keyPrefix, now });
  return {
    store: current,
    async reopen() {
      await current.close();
      current = createRedisStore({ url: redis.url, keyPrefix, now });
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

  it(`keeps the last ${CHAT_MESSAGES_KEPT} chat messages of a board`, async () => {
    const store = await open();
    for (let n = 0; n < CHAT_MESSAGES_KEPT + 5; n++) {
      await store.addChatMessage('lobby', {
        id: `m-${n}`,
        clientId: 'client-0001',
        name: 'Ana',
        text: `${n}`,
        at: n,
      });
    }
    expect(await admin.llen(store.keys.chat('lobby'))).toBe(CHAT_MESSAGES_KEPT);
    const recent = await store.recentChatMessages('lobby', CHAT_MESSAGES_KEPT + 5);
    expect(recent[0]?.id).toBe('m-5');
    expect(recent.at(-1)?.id).toBe(`m-${CHAT_MESSAGES_KEPT + 4}`);
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
    expect({ ...fromA, replayed: null }).toEqual({ ...fromB, replayed: null });
    expect(await nodeB.getCounter('lobby-count')).toMatchObject({ value: 7, version: 1 });
  });

  it('keeps a value of 2^53 − 1 exact through the idempotency record', async () => {
    const store = await open();
    const counter = await store.createCounter({
      id: `c-${randomUUID()}`,
      boardId: 'lobby',
      name: 'x',
      value: 0,
    });
    await store.applyOps([{ kind: 'reset', opId: `op-${randomUUID()}`, counterId: counter.id }]);
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
