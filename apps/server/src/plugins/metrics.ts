import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Registry } from 'prom-client';
import { registerConnectionMetrics } from '../metrics/connection-metrics.js';
import { createMetricsRegistry } from '../metrics/registry.js';
import { registerStoreCallMetrics } from '../metrics/store-call-metrics.js';
import { createTrafficMetrics, type TrafficMetrics } from '../metrics/traffic-metrics.js';

/** The app's metrics: its registry (which GET /metrics renders) and what the hot paths count. */
export interface TallyMetrics extends TrafficMetrics {
  /** Where plugins register the figures they own (the write batcher its own). */
  registry: Registry;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: TallyMetrics;
  }
}

/**
 * The app's Prometheus registry: the process's default metrics, connections, store calls, and the traffic
 * figures (events by result, increment acks, refusals by limit) that the socket router, the HTTP
 * routes and the limits report to. Registered before them; the route is in routes/metrics.ts.
 */
const metricsPlugin: FastifyPluginAsync = async (fastify) => {
  const { io, presence } = fastify;
  const registry = createMetricsRegistry();
  registerConnectionMetrics(registry, {
    nodeId: fastify.config.nodeId,
    sockets: () => io.engine.clientsCount,
    membersOnline: () => presence.online(),
  });
  registerStoreCallMetrics(registry, fastify.storeCalls);
  fastify.decorate('metrics', { registry, ...createTrafficMetrics(registry) });
};

export default fp(metricsPlugin, {
  name: 'metrics',
  dependencies: ['config', 'store', 'socket', 'presence'],
});
