import { randomUUID } from 'node:crypto';
import { type RedisServer, startRedisServer } from '@tally/testbed';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStoreRedisClient } from '../redis/redis-client.js';
import { limitKeys } from './redis-limit-keys.js';
import { createRedisSocketCounts } from './redis-socket-counts.js';
import type { SocketCounts } from './socket-counts.js';

const HEARTBEAT_MS = 100;
const NODE_TTL_MS = 1000;
const CAP = 2;
const ADDRESS = '203.0.113.7';

let redis: RedisServer;
beforeAll(async () => {
  // No persistence: a restart loses every count, which the nodes must put back.
  redis = await startRedisServer({ appendOnly: false });
});
afterAll(() => redis.dispose());

describe('socket counts across nodes (Redis)', () => {
  const opened: Array<{ counts: SocketCounts; client: Redis }> = [];
  let prefix: string;

  afterEach(async () => {
    for (const { counts, client } of opened.splice(0)) {
      await counts.close();
      client.disconnect();
    }
  });

  async function node(nodeId: string): Promise<SocketCounts> {
    const client = createStoreRedisClient({ url: redis.url, name: nodeId, onError: () => {} });
    await client.connect();
    const counts = createRedisSocketCounts({
      client,
      keys: limitKeys(prefix),
      nodeId,
      maxPerAddress: CAP,
      heartbeatMs: HEARTBEAT_MS,
      nodeTtlMs: NODE_TTL_MS,
    });
    opened.push({ counts, client });
    return counts;
  }

  /** Resolves once `counts` refuses ADDRESS (asking gives nothing back: a granted place is released). */
  async function untilRefused(counts: SocketCounts): Promise<void> {
    await vi.waitFor(
      async () => {
        const granted = await counts.acquire(ADDRESS);
        if (granted) counts.release(ADDRESS);
        expect(granted).toBe(false);
      },
      { timeout: 5000, interval: 50 },
    );
  }

  /** Resolves once `counts` grants ADDRESS a place (which it then holds). */
  async function untilGranted(counts: SocketCounts): Promise<void> {
    await vi.waitFor(async () => expect(await counts.acquire(ADDRESS)).toBe(true), {
      timeout: 5000,
      interval: 50,
    });
  }

  it('caps an address over every node, and frees a place when a socket leaves any of them', async () => {
    prefix = `limits-${randomUUID()}:`;
    const [a, b] = [await node('a'), await node('b')];
    expect([await a.acquire(ADDRESS), await b.acquire(ADDRESS)]).toEqual([true, true]);
    expect([await a.acquire(ADDRESS), await b.acquire(ADDRESS)]).toEqual([false, false]);
    expect(await b.acquire('198.51.100.1')).toBe(true);

    a.release(ADDRESS);
    await untilGranted(b);
    expect(a.local().get(ADDRESS)).toBeUndefined();
    expect(b.local().get(ADDRESS)).toBe(2);
  });

  it('forgets a node that closed at once, and one that stopped beating once its TTL passed', async () => {
    prefix = `limits-${randomUUID()}:`;
    const [a, b, c] = [await node('a'), await node('b'), await node('c')];
    await a.acquire(ADDRESS);
    await b.acquire(ADDRESS);
    expect(await c.acquire(ADDRESS)).toBe(false);

    await a.close();
    expect(await c.acquire(ADDRESS)).toBe(true);

    // b goes silent as a crashed node does: its link drops, so its hash stays behind in Redis,
    // and counts until its last heartbeat is older than the TTL.
    opened.find((item) => item.counts === b)?.client.disconnect();
    await b.close();
    expect(await c.acquire(ADDRESS)).toBe(false);
    await untilGranted(c);
  });

  it('caps on its own counts while Redis is away, then puts them back into a Redis that lost them', async () => {
    prefix = `limits-${randomUUID()}:`;
    const [a, b] = [await node('a'), await node('b')];
    await redis.stop();
    expect([await a.acquire(ADDRESS), await a.acquire(ADDRESS), await a.acquire(ADDRESS)]).toEqual([
      true,
      true,
      false,
    ]);
    await redis.restart();
    // a's next heartbeat finds its hash missing (or its writes failed) and rewrites it.
    await untilRefused(b);
    a.release(ADDRESS);
    await untilGranted(b);
  });
});
