import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createStatsBroadcaster, type StatsBroadcaster } from '../realtime/stats-broadcaster.js';

declare module 'fastify' {
  interface FastifyInstance {
    stats: StatsBroadcaster;
  }
}

export const STATS_INTERVAL_MS = 1000;

/** The throttled `stats` broadcast to every socket: online members and applied increments. */
const statsPlugin: FastifyPluginAsync = async (fastify) => {
  const { io, presence, store } = fastify;
  const stats = createStatsBroadcaster({
    read: async () => ({ online: await presence.online(), totalIncrements: await store.totalIncrements() }),
    emit: (figures) => io.emit('stats', figures),
    intervalMs: STATS_INTERVAL_MS,
    onError: (error) => fastify.log.warn({ err: error }, 'could not read stats'),
  });
  fastify.decorate('stats', stats);
  fastify.addHook('onClose', async () => stats.close());
};

export default fp(statsPlugin, { name: 'stats', dependencies: ['socket', 'presence', 'store'] });
