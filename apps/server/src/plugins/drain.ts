import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { closeConnections } from '../lifecycle/close-connections.js';
import { refuseNewSessions } from '../lifecycle/handshake-gate.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Takes the node out of service so that its clients move without losing anything: readiness
     * 503 at once, new Socket.IO sessions refused with 503, the write queue committed and its acks
     * sent, then every connection's transport closed (clients reconnect by themselves). Call
     * app.close() after it. Idempotent: a second call gets the first drain.
     */
    drain(): Promise<void>;
  }
}

const drainPlugin: FastifyPluginAsync = async (fastify) => {
  const { io, log } = fastify;
  let drained: Promise<void> | undefined;

  async function drain(): Promise<void> {
    fastify.readiness.startDraining();
    refuseNewSessions(fastify.server, io.path());
    log.info('drain: not ready, new connections refused');
    const queued = fastify.writeBatcher.stats().queued;
    await fastify.writeBatcher.drain();
    log.info({ queuedOps: queued }, 'drain: write queue committed, acks sent');
    // Right after the flush: an op read later still commits in app.close(), but its ack is lost
    // and its client sends it again (same opId, applied once) once it has reconnected.
    const connections = io.engine.clientsCount;
    log.info({ connections }, 'drain: closing every connection; clients reconnect by themselves');
    await closeConnections(io);
    log.info({ connections }, 'drain: every connection closed');
  }

  fastify.decorate('drain', () => {
    drained ??= drain();
    return drained;
  });
};

export default fp(drainPlugin, {
  name: 'drain',
  dependencies: ['socket', 'write-batcher', 'readiness'],
});
