import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/** Opens the store (SQLite under DATA_DIR), runs its migrations, and closes it last at shutdown. */
const storePlugin: FastifyPluginAsync = async (fastify) => {
  if (fastify.config.redisUrl) {
    throw new Error(
      'REDIS_URL is set, but multi-node mode (Redis store, adapter, shared presence) is not wired yet: unset it to use SQLite',
    );
  }
  const store = createSqliteStore({ dataDir: fastify.config.dataDir });
  await store.init();
  fastify.decorate('store', store);
  fastify.addHook('onClose', async () => {
    await store.close();
  });
};

export default fp(storePlugin, { name: 'store', dependencies: ['config'] });
