import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { countStoreCalls, type StoreCalls } from '../store/counted-store.js';
import { createRedisStore } from '../store/redis/redis-store.js';
import { SqliteWorkerStore } from '../store/sqlite/sqlite-worker-store.js';
import type { Store } from '../store/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    /** Calls made to the store by method, for /metrics. */
    storeCalls(): StoreCalls;
  }
}

/**
 * Opens the store and closes it last at shutdown: SQLite under DATA_DIR by default, in a worker
 * thread so that its queries and fsyncs never stall the event loop, or Redis when REDIS_URL is
 * set (several nodes sharing one source of truth; see docs/scaling.md).
 */
const storePlugin: FastifyPluginAsync = async (fastify) => {
  const { redisUrl, redisWaitAof, dataDir, chatHistoryPerBoard } = fastify.config;
  const backend: Store = redisUrl
    ? createRedisStore({
        url: redisUrl,
        waitAof: redisWaitAof,
        chatHistoryPerBoard,
        onConnectionError: (error, client) =>
          fastify.log.warn({ err: error, client }, 'Redis connection lost; reconnecting'),
      })
    : new SqliteWorkerStore({
        dataDir,
        chatHistoryPerBoard,
        onCrash: (error, restartInMs) =>
          fastify.log.error(
            { err: error, restartInMs },
            'SQLite worker stopped; starting a new one, calls answer unavailable until then',
          ),
        onRestarted: () => fastify.log.warn('SQLite worker restarted after a crash'),
      });
  const { store, calls } = countStoreCalls(backend);
  try {
    await store.init();
  } catch (error) {
    await store.close();
    throw error;
  }
  fastify.decorate('store', store);
  fastify.decorate('storeCalls', calls);
  fastify.addHook('onClose', async () => {
    await store.close();
  });
};

export default fp(storePlugin, { name: 'store', dependencies: ['config'] });
