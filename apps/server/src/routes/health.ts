import { healthResponseSchema, httpErrorBodySchema, TallyError } from '@tally/events';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Liveness (the process answers) and readiness (the store answers); with several nodes, which one. */
const healthRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const ok = fastify.config.redisUrl
    ? { status: 'ok' as const, node: fastify.config.nodeId }
    : { status: 'ok' as const };

  fastify.get('/api/health', { schema: { response: { 200: healthResponseSchema } } }, async () => ok);

  fastify.get(
    '/api/ready',
    { schema: { response: { 200: healthResponseSchema, 503: httpErrorBodySchema } } },
    async () => {
      try {
        await fastify.store.ping();
      } catch {
        throw new TallyError('unavailable', 'the store does not answer');
      }
      return ok;
    },
  );
};

export default healthRoutes;
