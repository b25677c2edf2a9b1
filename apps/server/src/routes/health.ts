import { healthResponseSchema, httpErrorBodySchema, TallyError } from '@tally/events';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NOT_READY_REASONS } from '../health/readiness.js';

/**
 * Liveness (the process answers: always 200 while it runs) and readiness (503 `unavailable` while
 * the store cannot write, the event loop is overloaded or the node drains; see plugins/readiness.ts);
 * with several nodes, which one answered.
 */
const healthRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const ok = fastify.config.redisUrl
    ? { status: 'ok' as const, node: fastify.config.nodeId }
    : { status: 'ok' as const };

  fastify.get('/api/health', { schema: { response: { 200: healthResponseSchema } } }, async () => ok);

  fastify.get(
    '/api/ready',
    { schema: { response: { 200: healthResponseSchema, 503: httpErrorBodySchema } } },
    async () => {
      const reasons = fastify.readiness.reasons();
      if (reasons.length > 0) {
        const why = reasons.map((reason) => NOT_READY_REASONS[reason].holds).join('; ');
        throw new TallyError('unavailable', `not ready: ${why}`);
      }
      return ok;
    },
  );
};

export default healthRoutes;
