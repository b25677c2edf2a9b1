import type { Redis } from 'ioredis';
import { createStoreRedisClient, type RedisErrorListener } from '../redis/redis-client.js';
import type { BoardCreationLimit } from './board-creation-limit.js';
import { createMemoryBoardCreationLimit } from './memory-board-creation-limit.js';
import { createMemorySocketCounts } from './memory-socket-counts.js';
import { createRedisBoardCreationLimit } from './redis-board-creation-limit.js';
import { limitKeys } from './redis-limit-keys.js';
import { createRedisSocketCounts } from './redis-socket-counts.js';
import type { SocketCounts } from './socket-counts.js';

/** The limits that hold across nodes: in Redis with REDIS_URL (one client of their own), else in memory. */
export interface SharedLimits {
  sockets: SocketCounts;
  boardCreations: BoardCreationLimit;
  close(): Promise<void>;
}

export interface SharedLimitsOptions {
  redisUrl: string | undefined;
  nodeId: string;
  maxSocketsPerAddress: number;
  boardCreatesPerHour: number;
  onConnectionError: RedisErrorListener;
  /** A socket count failed to reach Redis; it is repaired from the node's own counts later. */
  onCountError(error: unknown): void;
}

export async function openSharedLimits(options: SharedLimitsOptions): Promise<SharedLimits> {
  const { redisUrl, maxSocketsPerAddress, boardCreatesPerHour } = options;
  if (!redisUrl) {
    const sockets = createMemorySocketCounts(maxSocketsPerAddress);
    return {
      sockets,
      boardCreations: createMemoryBoardCreationLimit(boardCreatesPerHour),
      close: sockets.close,
    };
  }
  const client: Redis = createStoreRedisClient({
    url: redisUrl,
    name: 'limits',
    onError: options.onConnectionError,
  });
  await client.connect();
  const keys = limitKeys();
  const sockets = createRedisSocketCounts({
    client,
    keys,
    nodeId: options.nodeId,
    maxPerAddress: maxSocketsPerAddress,
    onError: options.onCountError,
  });
  return {
    sockets,
    boardCreations: createRedisBoardCreationLimit(client, keys, boardCreatesPerHour),
    async close() {
      await sockets.close();
      await client.quit().catch(() => client.disconnect());
    },
  };
}
