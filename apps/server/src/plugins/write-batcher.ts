import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createWriteBatcher, type WriteBatcher } from '../counters/write-batcher.js';
import { createWritePathTimings, registerWritePathFigures } from '../metrics/write-path-metrics.js';

declare module 'fastify' {
  interface FastifyInstance {
    writeBatcher: WriteBatcher;
  }
}

/**
 * The one write path of counter values (socket and HTTP): group commit, the acks, then at most
 * ONE `counter:updated` per board per BATCH_WINDOW_MS, to the whole room, sender included. No
 * client address may hold more than MAX_QUEUED_OPS_PER_ADDRESS of the queue.
 */
const writeBatcherPlugin: FastifyPluginAsync = async (fastify) => {
  const { io, store, stats, metrics, addressLimits } = fastify;
  const timings = createWritePathTimings(metrics.registry);
  const batcher = createWriteBatcher({
    // Each batch's outcome also tells readiness whether the store can write.
    store: { applyOps: (ops) => fastify.storeWrites.observe(store.applyOps(ops)) },
    windowMs: fastify.config.batchWindowMs,
    maxQueuedOpsPerAddress: fastify.config.addressLimits.maxQueuedOps,
    onAddressQueueFull: () => addressLimits.refused('address_queue'),
    broadcast(boardId, updates) {
      io.to(boardId).emit('counter:updated', { boardId, updates });
      stats.changed();
    },
    onBroadcastError: (error) => fastify.log.error({ err: error }, 'counter:updated broadcast failed'),
    onCommitted: timings.committed,
    onBroadcast: timings.broadcastSent,
    onQueueFull: () => metrics.refused('write_queue'),
  });
  registerWritePathFigures(metrics.registry, {
    batcherStats: () => batcher.stats(),
    totalIncrements: () => store.totalIncrements(),
  });
  fastify.decorate('writeBatcher', batcher);
  // Registered after the store and the socket, so it runs before either closes: queued ops still
  // land, and held broadcasts still go out (with REDIS_URL, to the other nodes' sockets).
  fastify.addHook('onClose', async () => batcher.drain());
};

export default fp(writeBatcherPlugin, {
  name: 'write-batcher',
  dependencies: ['config', 'socket', 'store', 'stats', 'metrics', 'address-limits', 'readiness'],
});
