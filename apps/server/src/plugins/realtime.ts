import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createConnectionHandler } from '../realtime/connection.js';

/** Wires every new socket to its handlers (src/realtime), with the app's shared parts as deps. */
const realtimePlugin: FastifyPluginAsync = async (fastify) => {
  const handleConnection = createConnectionHandler(fastify.io, {
    store: fastify.store,
    batcher: fastify.writeBatcher,
    presence: fastify.presence,
    summaries: fastify.presenceSummaries,
    access: fastify.boardAccess,
    counterBoards: fastify.counterBoards,
    stats: fastify.stats,
    rateLimit: fastify.config.socketRateLimit,
    addressLimits: fastify.addressLimits,
    memberTokens: fastify.memberTokens,
    log: fastify.log,
    metrics: fastify.metrics,
  });
  fastify.io.on('connection', (socket) => {
    handleConnection(socket).catch((error: unknown) => {
      fastify.log.error({ err: error, socketId: socket.id }, 'socket setup failed');
      socket.disconnect(true);
    });
  });
};

export default fp(realtimePlugin, {
  name: 'realtime',
  dependencies: [
    'config',
    'socket',
    'store',
    'presence',
    'presence-summaries',
    'board-access',
    'stats',
    'write-batcher',
    'member-identity',
    'metrics',
    'address-limits',
  ],
});
