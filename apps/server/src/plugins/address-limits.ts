import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { AddressBuckets } from '../limits/address-buckets.js';
import { addressKey } from '../limits/address-key.js';
import { type AddressLimits, createAddressLimits, RetryLaterError } from '../limits/address-limits.js';
import type { BoardCreationLimit } from '../limits/board-creation-limit.js';
import { createHandshakeAddress } from '../limits/client-address.js';
import { createMemoryBoardCreationLimit } from '../limits/memory-board-creation-limit.js';
import { createMemorySocketCounts } from '../limits/memory-socket-counts.js';
import { createRedisBoardCreationLimit } from '../limits/redis-board-creation-limit.js';
import { limitKeys } from '../limits/redis-limit-keys.js';
import { createRedisSocketCounts } from '../limits/redis-socket-counts.js';
import { type AddressLimit, createRefusals, type RefusalCounts } from '../limits/refusals.js';
import { createSocketCap } from '../limits/socket-cap.js';
import type { SocketCounts } from '../limits/socket-counts.js';
import { createStoreRedisClient } from '../store/redis/redis-client.js';

/** How often buckets that are full again are forgotten. */
const SWEEP_INTERVAL_MS = 30_000;

/** The limits' figures on this node, for /metrics. */
export interface AddressLimitStats {
  /** Refusals per limit since the node started. */
  refusals: RefusalCounts;
  /** Addresses with at least one socket open on this node. */
  addressesWithSockets: number;
  /** The most sockets any one address has open on this node. */
  maxSocketsOfOneAddress: number;
}

export interface AddressLimitsService extends AddressLimits {
  /** The address an HTTP request's limits count under (`request.ip`, by the same rule as sockets). */
  addressOfRequest(request: FastifyRequest): string;
  /** Counts a board creation over HTTP (a preHandler, or called once the request is known to make a board): past the limit, 429 `rate_limited` with Retry-After. */
  limitBoardCreation(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Counts a refusal; the write batcher reports its own (`address_queue`) through it. */
  refused(limit: AddressLimit): void;
  stats(): AddressLimitStats;
}

declare module 'fastify' {
  interface FastifyInstance {
    addressLimits: AddressLimitsService;
  }
}

/**
 * Fairness per client address (issue 14, docs/operations/fairness.md): a cap on open sockets
 * (across nodes with REDIS_URL), an event budget on top of each socket's own, board creations per
 * hour (across nodes), and the refusal counts. The write queue's share per address is the write
 * batcher's, which reports its refusals here. Registered right after `socket` so that its handshake
 * middleware runs before any other.
 */
const addressLimitsPlugin: FastifyPluginAsync = async (fastify) => {
  const { addressLimits: settings, redisUrl, nodeId, trustProxy } = fastify.config;
  const refusals = createRefusals();
  const events = new AddressBuckets({ capacity: settings.eventBurst, refillPerSec: settings.eventsPerSec });
  let redis: Redis | null = null;
  let counts: SocketCounts;
  let boardCreations: BoardCreationLimit;
  if (redisUrl) {
    redis = createStoreRedisClient({
      url: redisUrl,
      name: 'limits',
      onError: (error, client) =>
        fastify.log.warn({ err: error, client }, 'Redis connection lost; reconnecting'),
    });
    await redis.connect();
    const keys = limitKeys();
    counts = createRedisSocketCounts({
      client: redis,
      keys,
      nodeId,
      maxPerAddress: settings.maxSockets,
      onError: (error) =>
        fastify.log.debug({ err: error }, 'socket counts: Redis write failed; repaired later'),
    });
    boardCreations = createRedisBoardCreationLimit(redis, keys, settings.boardCreatesPerHour);
  } else {
    counts = createMemorySocketCounts(settings.maxSockets);
    boardCreations = createMemoryBoardCreationLimit(settings.boardCreatesPerHour);
  }

  const limits = createAddressLimits({
    handshakeAddress: createHandshakeAddress(trustProxy),
    events,
    boardCreations,
    refusals,
  });
  fastify.io.use(createSocketCap(counts, limits, refusals));

  const addressOfRequest = (request: FastifyRequest) => addressKey(request.ip ?? '');
  fastify.decorate('addressLimits', {
    ...limits,
    addressOfRequest,
    async limitBoardCreation(request, reply) {
      try {
        await limits.takeBoardCreation(addressOfRequest(request));
      } catch (error) {
        if (error instanceof RetryLaterError) {
          reply.header('retry-after', String(Math.ceil(error.retryAfterMs / 1000)));
        }
        throw error;
      }
    },
    refused: refusals.refused,
    stats() {
      let maxSocketsOfOneAddress = 0;
      for (const count of counts.local().values())
        maxSocketsOfOneAddress = Math.max(maxSocketsOfOneAddress, count);
      return {
        refusals: refusals.counts(),
        addressesWithSockets: counts.local().size,
        maxSocketsOfOneAddress,
      };
    },
  } satisfies AddressLimitsService);

  const sweeper = setInterval(() => {
    events.sweep();
    boardCreations.sweep();
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  fastify.addHook('onClose', async () => {
    clearInterval(sweeper);
    await counts.close();
    await redis?.quit().catch(() => redis?.disconnect());
  });
};

export default fp(addressLimitsPlugin, { name: 'address-limits', dependencies: ['config', 'socket'] });
