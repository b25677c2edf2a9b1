import { type RedisServer, startRedisServer } from '@tally/testbed';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStoreRedisClient, STORE_COMMAND_TIMEOUT_MS } from './redis-client.js';

/** Keeps this process's event loop busy for `ms`, as a node's loop is in a connect storm. */
function blockThisProcess(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Busy on purpose: nothing else may run meanwhile, timers and socket reads included.
  }
}

let redis: RedisServer;
let client: Redis;

beforeAll(async () => {
  redis = await startRedisServer({ appendOnly: false });
});

afterEach(() => {
  client?.disconnect();
});

afterAll(async () => {
  await redis.dispose();
});

async function connectedClient(url = redis.url): Promise<Redis> {
  client = createStoreRedisClient({ url, name: 'test', onError: () => {} });
  await client.connect();
  return client;
}

describe('the store client’s command timeout', () => {
  it('does not fail a command that Redis answered in time while this process was too busy to read it (the connect storm’s `unavailable`)', async () => {
    const store = await connectedClient();
    const reply = store.ping();
    blockThisProcess(STORE_COMMAND_TIMEOUT_MS * 1.5);
    await expect(reply).resolves.toBe('PONG');
  });

  it('does not fail the replies still queued behind megabytes of others that this process has yet to read', async () => {
    const store = await connectedClient();
    const value = 'x'.repeat(256 * 1024);
    await store.set('big', value);
    // 10 MB of replies: more than one turn of the loop reads from a socket, and more than the
    // socket buffers hold, so Redis sends the rest only as they are read.
    const replies = Array.from({ length: 40 }, () => store.get('big'));
    blockThisProcess(STORE_COMMAND_TIMEOUT_MS * 1.5);
    const answers = await Promise.allSettled(replies);
    expect(answers.filter((answer) => answer.status === 'rejected')).toEqual([]);
  });

  it('fails a command once Redis has said nothing for the timeout', async () => {
    const own = await startRedisServer({ appendOnly: false });
    try {
      const store = await connectedClient(own.url);
      process.kill(own.pid, 'SIGSTOP');
      const reply = store.ping();
      await expect(reply).rejects.toThrow('Command timed out');
    } finally {
      process.kill(own.pid, 'SIGCONT');
      await own.dispose();
    }
  });
});
