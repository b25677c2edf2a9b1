import { TallyError } from '@tally/events';
import type { Redis, Result } from 'ioredis';
import { BOARD_CREATION_WINDOW_MS, type BoardCreationLimit } from './board-creation-limit.js';
import type { LimitKeys } from './redis-limit-keys.js';

/**
 * The same token bucket as AddressBuckets, kept in Redis so that every node takes from one bucket
 * per address, atomically. KEYS: the address's bucket. ARGV: capacity, window ms (a full refill).
 * Returns 0 when a token was taken, else the ms until one is there. The key expires once the
 * bucket is full again, when it carries nothing a new one would not.
 */
const TAKE = `
local capacity, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = capacity
if saved[1] then tokens = math.min(capacity, tonumber(saved[1]) + (now - tonumber(saved[2])) * capacity / window) end
if tokens < 1 then return math.ceil((1 - tokens) * window / capacity) end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%d', now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * window / capacity) + 1000)
return 0
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    limitsBoardCreate(...keysThenArgs: string[]): Result<number, Context>;
  }
}

export function createRedisBoardCreationLimit(
  client: Redis,
  keys: LimitKeys,
  perHour: number,
): BoardCreationLimit {
  client.defineCommand('limitsBoardCreate', { numberOfKeys: 1, lua: TAKE });
  const args = [String(perHour), String(BOARD_CREATION_WINDOW_MS)];
  return {
    async take(address) {
      try {
        return await client.limitsBoardCreate(keys.boardCreates(address), ...args);
      } catch {
        // The store is the same Redis: while it is away, no board could be made anyway.
        throw new TallyError('unavailable', 'the store is unavailable, try again later');
      }
    },
    sweep() {},
  };
}
