import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createWriteBatcher, type WriteBatcher } from '../counters/write-batcher.js';

declare module 'fastify' {
  interface FastifyInstance {
    writeBatcher: WriteBatcher;
  }
}

/**
 * The one write path of counter values (socket and HTTP): group commit, then ONE
 * `counter:updated` per board per commit, to the whole room, sender included.
 */
const writeBatcherPlugin: FastifyPluginAsync = async (fastify) => {
  const { io, store, stats } = fastify;
  const batcher = createWriteBatcher({
    store,
    windowMs: fastify.config.batchWindowMs,
    onCommitted(updatesByBoard) {
      for (const [boardId, updates] of updatesByBoard)
        io.to(boardId).emit('counter:updated', { boardId, updates });
      stats.changed();
    },
    onListenerError: (error) => fastify.log.error({ err: error }, 'counter:updated broadcast failed'),
  });
  fastify.decorate('writeBatcher', batcher);
  // Registered after the store, so it runs before the store closes: queued ops still land.
  fastify.addHook('onClose', async () => batcher.drain());
};

export default fp(writeBatcherPlugin, {
  name: 'write-batcher',
  dependencies: ['config', 'socket', 'store', 'stats'],
});
