import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AddressBuckets } from '../limits/address-buckets.js';
import { addressKey } from '../limits/address-key.js';
import { type AddressLimits, createAddressLimits, RetryLaterError } from '../limits/address-limits.js';
import { createHandshakeAddress } from '../limits/client-address.js';
import { type AddressLimit, createRefusals, type RefusalCounts } from '../limits/refusals.js';
import { openSharedLimits } from '../limits/shared-limits.js';
import { createSocketCap } from '../limits/socket-cap.js';

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
 * Fairness per client address (issue 14, docs/operations.md): a cap on open sockets
 * (across nodes with REDIS_URL), an event budget on top of each socket's own, board creations per
 * hour (across nodes), and the refusal counts. The write queue's share per address is the write
 * batcher's, which reports its refusals here. Registered right after `socket` so that its handshake
 * middleware runs before any other.
 */
const addressLimitsPlugin: FastifyPluginAsync = async (fastify) => {
  const { addressLimits: settings, redisUrl, nodeId, trustProxy } = fastify.config;
  const refusals = createRefusals(fastify.metrics.refused);
  const events = new AddressBuckets({ capacity: settings.eventBurst, refillPerSec: settings.eventsPerSec });
  const { sockets, boardCreations, close } = await openSharedLimits({
    redisUrl,
    nodeId,
    maxSocketsPerAddress: settings.maxSockets,
    boardCreatesPerHour: settings.boardCreatesPerHour,
    onConnectionError: (error, client) =>
      fastify.log.warn({ err: error, client }, 'Redis connection lost; reconnecting'),
    onCountError: (error) =>
      fastify.log.debug({ err: error }, 'socket counts: Redis write failed; repaired later'),
  });

  const limits = createAddressLimits({
    handshakeAddress: createHandshakeAddress(trustProxy),
    events,
    boardCreations,
    refusals,
  });
  fastify.io.use(createSocketCap(sockets, limits, refusals));

  // `request.ip` is gone when the client has hung up already.
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
      const local = sockets.local();
      // A loop, not Math.max(...): a node may hold more addresses than a call takes arguments.
      let maxSocketsOfOneAddress = 0;
      for (const count of local.values()) if (count > maxSocketsOfOneAddress) maxSocketsOfOneAddress = count;
      return { refusals: refusals.counts(), addressesWithSockets: local.size, maxSocketsOfOneAddress };
    },
  } satisfies AddressLimitsService);

  const sweeper = setInterval(() => {
    events.sweep();
    boardCreations.sweep();
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  fastify.addHook('onClose', async () => {
    clearInterval(sweeper);
    await close();
  });
};

export default fp(addressLimitsPlugin, {
  name: 'address-limits',
  dependencies: ['config', 'socket', 'metrics'],
});
