import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createMemoryPresenceRegistry } from '../presence/memory-presence-registry.js';
import type { PresenceRegistry } from '../presence/presence-registry.js';
import { createRedisPresenceRegistry } from '../presence/redis-presence-registry.js';
import { announceDeparture, announceReturn } from '../realtime/presence-announcements.js';

declare module 'fastify' {
  interface FastifyInstance {
    presence: PresenceRegistry;
  }
}

/**
 * Who is online where: read by the socket handlers and by GET /api/boards. In memory on one
 * node; with REDIS_URL, shared by every node through Redis (members and counts across nodes).
 */
const presencePlugin: FastifyPluginAsync = async (fastify) => {
  const { redisUrl, nodeId } = fastify.config;
  if (!redisUrl) {
    fastify.decorate('presence', createMemoryPresenceRegistry());
    return;
  }
  const presence = createRedisPresenceRegistry({
    url: redisUrl,
    nodeId,
    // Members whose last socket was on a node that died: the survivors tell their boards.
    // (`io` and the summaries are registered after this plugin, and in place once it started.)
    onDepartures: (departures) => {
      for (const departure of departures) announceDeparture(fastify.io, fastify.presenceSummaries, departure);
    },
    // This node was frozen and reaped meanwhile: its members are announced back.
    onReturns: (returns) => {
      fastify.log.warn(
        { members: returns.length },
        'this node missed its presence heartbeat long enough to be reaped; announcing its members again',
      );
      for (const arrival of returns) announceReturn(fastify.io, fastify.presenceSummaries, arrival);
    },
    onHeartbeatError: (error) => fastify.log.debug({ err: error }, 'presence heartbeat failed'),
    onConnectionError: (error, client) =>
      fastify.log.warn({ err: error, client }, 'Redis connection lost; reconnecting'),
  });
  fastify.decorate('presence', presence);
  // Started once every plugin is loaded, so a departure found at once already has `io` to go to.
  fastify.addHook('onReady', async () => presence.start());
  fastify.addHook('onClose', async () => presence.close());
};

export default fp(presencePlugin, { name: 'presence', dependencies: ['config'] });
