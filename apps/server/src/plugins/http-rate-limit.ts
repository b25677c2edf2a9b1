import rateLimit from '@fastify/rate-limit';
import { TallyError } from '@tally/events';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The API (and /metrics): what costs the server work. The web app's own files do not count: a
 * first visit precaches some fifty of them for offline use, and a class behind one address
 * opening the app at once must not use up the API's budget.
 */
function isLimited(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/metrics');
}

/** Per client address, on the API's routes; a refusal is the shared 429 `rate_limited` body. */
const httpRateLimitPlugin: FastifyPluginAsync = async (fastify) => {
  await fastify.register(rateLimit, {
    max: fastify.config.httpRateLimitPerMin,
    timeWindow: 60_000,
    allowList: (request) => !isLimited(request.url),
    onExceeded: () => fastify.metrics.refused('http'),
    // Thrown by the plugin, then shaped like every other error by the error handler.
    errorResponseBuilder: (_request, context) =>
      new TallyError('rate_limited', `too many requests, retry in ${context.after}`),
  });
};

export default fp(httpRateLimitPlugin, {
  name: 'http-rate-limit',
  dependencies: ['config', 'error-handler', 'metrics'],
});
