import Fastify, { type FastifyLoggerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import addressLimitsPlugin from './plugins/address-limits.js';
import adminUiPlugin from './plugins/admin-ui.js';
import boardAccessPlugin from './plugins/board-access.js';
import configPlugin from './plugins/config.js';
import drainPlugin from './plugins/drain.js';
import errorHandlerPlugin from './plugins/error-handler.js';
import httpRateLimitPlugin from './plugins/http-rate-limit.js';
import memberIdentityPlugin from './plugins/member-identity.js';
import metricsPlugin from './plugins/metrics.js';
import nodeIdentityPlugin from './plugins/node-identity.js';
import presencePlugin from './plugins/presence.js';
import presenceSummariesPlugin from './plugins/presence-summaries.js';
import readinessPlugin from './plugins/readiness.js';
import realtimePlugin from './plugins/realtime.js';
import securityHeadersPlugin from './plugins/security-headers.js';
import slowReadersPlugin from './plugins/slow-readers.js';
import socketPlugin from './plugins/socket.js';
import staticPlugin from './plugins/static.js';
import statsPlugin from './plugins/stats.js';
import storePlugin from './plugins/store.js';
import writeBatcherPlugin from './plugins/write-batcher.js';
import activityRoutes from './routes/activity.js';
import boardRoutes from './routes/boards.js';
import counterRoutes from './routes/counters.js';
import healthRoutes from './routes/health.js';
import metricsRoutes from './routes/metrics.js';
import snapshotRoutes from './routes/snapshots.js';

/** Every HTTP body is small JSON; a bigger one is refused before it is parsed. */
const BODY_LIMIT_BYTES = 16 * 1024;

export interface BuildOptions {
  /** Where the log lines go (default: stdout); tests read them from here. */
  logStream?: FastifyLoggerOptions['stream'];
}

/**
 * Builds the whole server (plugins, routes, socket handlers) without listening, so that tests
 * listen on port 0 and main.ts on HOST:PORT. Plugins are registered in dependency order; at
 * close, onClose hooks run in reverse: sockets, then the write batcher drains, then the store.
 */
export function buildApp(config: Config, options: BuildOptions = {}) {
  const app = Fastify({
    logger: { level: config.logLevel, stream: options.logStream },
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind nginx (docs/scaling.md) the client address is in X-Forwarded-For: rate limits need it.
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.register(configPlugin, { config });
  app.register(errorHandlerPlugin);
  app.register(securityHeadersPlugin);
  app.register(storePlugin);
  app.register(readinessPlugin);
  app.register(boardAccessPlugin);
  app.register(presencePlugin);
  app.register(socketPlugin);
  app.register(metricsPlugin);
  app.register(addressLimitsPlugin);
  app.register(slowReadersPlugin);
  app.register(memberIdentityPlugin);
  app.register(nodeIdentityPlugin);
  app.register(presenceSummariesPlugin);
  app.register(statsPlugin);
  app.register(writeBatcherPlugin);
  app.register(drainPlugin);
  app.register(realtimePlugin);
  app.register(adminUiPlugin);
  app.register(httpRateLimitPlugin);
  app.register(metricsRoutes);
  app.register(healthRoutes);
  app.register(boardRoutes);
  app.register(counterRoutes);
  app.register(activityRoutes);
  app.register(snapshotRoutes);
  app.register(staticPlugin);
  return app;
}

export type TallyApp = ReturnType<typeof buildApp>;
