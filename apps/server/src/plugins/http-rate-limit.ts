import rateLimit from '@fastify/rate-limit';
import { TallyError } from '@tally/events';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/** Per client address, on every HTTP route; a refusal is the shared 429 `rate_limited` body. */
const httpRateLimitPlugin: FastifyPluginAsync = async (fastify) => {
  await fastify.register(rateLimit, {
    max: fastify.config.httpRateLimitPerMin,
    timeWindow: 60_000,
    // Thrown by the plugin, then shaped like every other error by the error handler.
    errorResponseBuilder: (_request, context) =>
      new TallyError('rate_limited', `too many requests, retry in ${context.after}`),
  });
};

export default fp(httpRateLimitPlugin, {
  name: 'http-rate-limit',
  dependencies: ['config', 'error-handler'],
});
