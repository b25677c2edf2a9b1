import type { FastifyInstance } from 'fastify';

/**
 * With REDIS_URL, other nodes' changes never reach this node's own `changed()` calls, so a
 * broadcaster that reads shared state is also nudged once per interval; on one node, nothing.
 * The timer does not keep the process alive and stops when the app closes.
 */
export function pollOtherNodes(fastify: FastifyInstance, intervalMs: number, nudge: () => void): void {
  if (!fastify.config.redisUrl) return;
  const poll = setInterval(nudge, intervalMs);
  poll.unref();
  fastify.addHook('onClose', async () => clearInterval(poll));
}
