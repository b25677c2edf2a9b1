import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createStatsBroadcaster, type StatsBroadcaster } from '../realtime/stats-broadcaster.js';
import { pollOtherNodes } from './poll-other-nodes.js';

declare module 'fastify' {
  interface FastifyInstance {
    stats: StatsBroadcaster;
  }
}

export const STATS_INTERVAL_MS = 1000;

/**
 * The throttled `stats` broadcast to every socket: online members and applied increments.
 * Each node sends the figures to its own sockets (`io.local`): on one node that is `io.emit`;
 * with several, every node reads the same shared figures, so every socket of every node gets
 * them once. Other nodes' commits and connections never reach this node's `changed()`, so with
 * REDIS_URL it also checks once per interval.
 */
const statsPlugin: FastifyPluginAsync = async (fastify) => {
  const { io, presence, store } = fastify;
  const stats = createStatsBroadcaster({
    read: async () => ({ online: await presence.online(), totalIncrements: await store.totalIncrements() }),
    emit: (figures) => io.local.emit('stats', figures),
    intervalMs: STATS_INTERVAL_MS,
    onError: (error) => fastify.log.warn({ err: error }, 'could not read stats'),
  });
  fastify.decorate('stats', stats);
  pollOtherNodes(fastify, STATS_INTERVAL_MS, () => stats.changed());
  fastify.addHook('onClose', async () => stats.close());
};

export default fp(statsPlugin, { name: 'stats', dependencies: ['config', 'socket', 'presence', 'store'] });
