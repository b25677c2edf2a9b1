import { createHash, timingSafeEqual } from 'node:crypto';
import { TallyError } from '@tally/events';
import type { FastifyPluginAsync } from 'fastify';

/** A digest of the token, so that comparing two of them takes the same time whatever their lengths. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** The token of an `Authorization: Bearer <token>` header. */
function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1];
}

/**
 * `GET /metrics`: the app's registry in Prometheus text. With METRICS_TOKEN, only for a request
 * bearing it (compared in constant time); like the API, it counts against the HTTP rate limit.
 */
const metricsRoutes: FastifyPluginAsync = async (fastify) => {
  const { registry } = fastify.metrics;
  const { metricsToken } = fastify.config;
  const expected = metricsToken === undefined ? undefined : digest(metricsToken);

  fastify.get('/metrics', async (request, reply) => {
    if (expected) {
      const given = bearerToken(request.headers.authorization);
      if (given === undefined || !timingSafeEqual(digest(given), expected)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new TallyError('unauthorized', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
      }
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};

export default metricsRoutes;
