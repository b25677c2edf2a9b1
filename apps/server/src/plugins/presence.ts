import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createMemoryPresenceRegistry, type PresenceRegistry } from '../realtime/presence-registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    presence: PresenceRegistry;
  }
}

/** Who is online where: read by the socket handlers and by GET /api/boards. */
const presencePlugin: FastifyPluginAsync = async (fastify) => {
  fastify.decorate('presence', createMemoryPresenceRegistry());
};

export default fp(presencePlugin, { name: 'presence' });
