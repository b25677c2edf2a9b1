import { randomBytes } from 'node:crypto';
import type { Redis, Result } from 'ioredis';
import type { LimitKeys } from './redis-limit-keys.js';
import { countDown, countUp, type SocketCounts } from './socket-counts.js';

const DEFAULT_HEARTBEAT_MS = 1000;
const DEFAULT_NODE_TTL_MS = 5000;

// Time is Redis's TIME, so the clocks of the nodes' machines do not matter. ARGV[1] is the node TTL.
const NOW = `
local ttl = tonumber(ARGV[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * Counts one more socket of an address on this node unless the live nodes have `max` already.
 * KEYS: nodes, own hash. ARGV: ttl, node hash key without its uid, own uid, address, max.
 * A node is live while its heartbeat is younger than the TTL: a crashed node stops counting then.
 */
const ACQUIRE = `${NOW}
local prefix, self, address, max = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
local total = tonumber(redis.call('HGET', KEYS[2], address) or 0)
for _, node in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now - ttl, '+inf')) do
  if node ~= self then total = total + tonumber(redis.call('HGET', prefix .. node, address) or 0) end
end
if total >= max then return 0 end
redis.call('HINCRBY', KEYS[2], address, 1)
redis.call('PEXPIRE', KEYS[2], 2 * ttl)
return 1
`;

/** KEYS: own hash. ARGV: address. */
const RELEASE = `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1
`;

/** Marks this node live and forgets long-dead ones. KEYS: nodes, own hash. ARGV: ttl, own uid. Returns the own hash's size. */
const HEARTBEAT = `${NOW}
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - 2 * ttl))
redis.call('PEXPIRE', KEYS[2], 2 * ttl)
return redis.call('HLEN', KEYS[2])
`;

/** Replaces this node's hash with its own counts, and beats. KEYS: nodes, own hash. ARGV: ttl, own uid, address, count, … */
const REWRITE = `${NOW}
redis.call('DEL', KEYS[2])
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[2], 2 * ttl)
redis.call('ZADD', KEYS[1], now, ARGV[2])
return 1
`;

/** KEYS: nodes, own hash. ARGV: own uid. */
const DEREGISTER = `
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    limitsSocketAcquire(...keysThenArgs: string[]): Result<number, Context>;
    limitsSocketRelease(...keysThenArgs: string[]): Result<number, Context>;
    limitsSocketHeartbeat(...keysThenArgs: string[]): Result<number, Context>;
    limitsSocketRewrite(...keysThenArgs: string[]): Result<number, Context>;
    limitsSocketDeregister(...keysThenArgs: string[]): Result<number, Context>;
  }
}

const SCRIPTS = {
  limitsSocketAcquire: { numberOfKeys: 2, lua: ACQUIRE },
  limitsSocketRelease: { numberOfKeys: 1, lua: RELEASE },
  limitsSocketHeartbeat: { numberOfKeys: 2, lua: HEARTBEAT },
  limitsSocketRewrite: { numberOfKeys: 2, lua: REWRITE },
  limitsSocketDeregister: { numberOfKeys: 2, lua: DEREGISTER },
} as const;

export interface RedisSocketCountsOptions {
  /** A connected client that fails fast (createStoreRedisClient), shared with the other limits. */
  client: Redis;
  keys: LimitKeys;
  /** NODE_ID; a random suffix makes this process's uid, so that a restarted node starts from zero. */
  nodeId: string;
  maxPerAddress: number;
  heartbeatMs?: number;
  /** A node whose heartbeat is older than this no longer counts (it crashed, or froze). */
  nodeTtlMs?: number;
  /** A write to Redis failed; it is repaired from this node's counts at a later heartbeat. */
  onError?(error: unknown): void;
}

/**
 * The socket cap across nodes. Each node keeps its own sockets per address in memory, the truth
 * for its part, and mirrors them into a hash of its own that lives as long as its heartbeat does.
 * A handshake costs one script: the sum over the live nodes' hashes and the increment, atomic, so
 * that a storm spread over every node still stops exactly at the cap. Disconnections are mirrored
 * without being waited for. While Redis is away the node falls back to its own counts (the cap then
 * holds per node) and rewrites its hash from them once Redis answers again.
 */
export function createRedisSocketCounts(options: RedisSocketCountsOptions): SocketCounts {
  const { client, keys, maxPerAddress } = options;
  for (const [name, definition] of Object.entries(SCRIPTS)) client.defineCommand(name, definition);
  const nodeUid = `${options.nodeId}-${randomBytes(4).toString('hex')}`;
  const ttl = String(options.nodeTtlMs ?? DEFAULT_NODE_TTL_MS);
  const nodesKey = keys.socketNodes();
  const ownKey = keys.nodeSockets(nodeUid);
  const nodeKeyPrefix = keys.nodeSockets('');
  const counts = new Map<string, number>();
  /** Redis may differ from `counts`: rewrite it at the next heartbeat that has no acquire in flight. */
  let dirty = false;
  /**
   * Acquires sent and not answered: Redis may count them while `counts` does not yet, so a
   * rewrite made now would drop them. (Commands on one connection run in the order sent, so
   * a release or an acquire sent after the rewrite lands on top of it.)
   */
  let acquiring = 0;
  let closed = false;
  let beating: Promise<void> = Promise.resolve();

  function failed(error: unknown): void {
    dirty = true;
    options.onError?.(error);
  }

  async function heartbeat(): Promise<void> {
    try {
      if (dirty && acquiring === 0) {
        dirty = false;
        const pairs = [...counts].flatMap(([address, count]) => [address, String(count)]);
        await client.limitsSocketRewrite(nodesKey, ownKey, ttl, nodeUid, ...pairs);
        return;
      }
      const settled = acquiring === 0;
      const expected = counts.size;
      const size = await client.limitsSocketHeartbeat(nodesKey, ownKey, ttl, nodeUid);
      // Redis lost this node's hash (restarted without its data) or holds a stale one.
      if (settled && size !== expected) dirty = true;
    } catch (error) {
      failed(error);
    }
  }

  const timer = setInterval(() => {
    beating = beating.then(heartbeat);
  }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  timer.unref();
  beating = heartbeat();

  return {
    async acquire(address) {
      acquiring++;
      try {
        const granted = await client.limitsSocketAcquire(
          nodesKey,
          ownKey,
          ttl,
          nodeKeyPrefix,
          nodeUid,
          address,
          String(maxPerAddress),
        );
        if (granted !== 1) return false;
      } catch (error) {
        // Redis away: a limit must not turn the node away from everyone. This node's own count
        // still caps the address here.
        failed(error);
        if ((counts.get(address) ?? 0) >= maxPerAddress) return false;
      } finally {
        acquiring--;
      }
      countUp(counts, address);
      return true;
    },

    release(address) {
      countDown(counts, address);
      if (closed || dirty) return;
      client.limitsSocketRelease(ownKey, address).catch(failed);
    },

    local: () => counts,

    async close() {
      closed = true;
      clearInterval(timer);
      await beating;
      await client.limitsSocketDeregister(nodesKey, ownKey, nodeUid).catch(() => {
        // Redis away: this node's hash expires with its heartbeat.
      });
    },
  };
}
