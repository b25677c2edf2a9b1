import { healthResponseSchema, httpErrorBodySchema, TallyError } from '@tally/events';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Liveness (the process answers) and readiness (the store answers). */
const healthRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get('/api/health', { schema: { response: { 200: healthResponseSchema } } }, async () => ({
    status: 'ok' as const,
  }));

  fastify.get(
    '/api/ready',
    { schema: { response: { 200: healthResponseSchema, 503: httpErrorBodySchema } } },
    async () => {
      try {
        await fastify.store.ping();
      } catch {
        throw new TallyError('unavailable', 'the store does not answer');
      }
      return { status: 'ok' as const };
    },
  );
};

export default healthRoutes;
