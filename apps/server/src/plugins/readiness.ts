import underPressure from '@fastify/under-pressure';
import { TallyError } from '@tally/events';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createReadiness, type NotReadyReason } from '../health/readiness.js';
import { createStoreWriteMonitor, type StoreWriteMonitor } from '../health/store-write-monitor.js';

declare module 'fastify' {
  interface FastifyInstance {
    readiness: {
      /** Why this node is not ready now (empty: ready): what /api/ready answers from. */
      reasons(): NotReadyReason[];
      /** From the first moment of a drain until the process ends. */
      startDraining(): void;
    };
    /** The op batches' writes pass through it (write-batcher), so a failing store is seen at once. */
    storeWrites: Pick<StoreWriteMonitor, 'observe'>;
  }
}

/** How often the store gets a write probe when no op batch succeeded in the meantime. */
const STORE_PROBE_INTERVAL_MS = 1000;
/** under-pressure's sampling of the event-loop delay (its mean over this window is compared). */
const EVENT_LOOP_SAMPLE_MS = 1000;
/** What a shed request is told: soon, but not at once, so retries do not feed the overload. */
const SHED_RETRY_AFTER_S = 2;

/**
 * What sheds under event-loop overload: the API's work only. Static files are cheap and cached,
 * /api/health and /api/ready must keep telling the truth, /metrics must show the overload, and the
 * socket never reaches Fastify's hooks (Engine.IO answers it first), so members stay connected and
 * their increments keep their acks.
 */
function isShed(url: string): boolean {
  if (!url.startsWith('/api/')) return false;
  const path = url.split('?', 1)[0];
  return path !== '/api/health' && path !== '/api/ready';
}

/**
 * Readiness that tells the truth: not ready while the store cannot write (op batches and a write
 * probe, see createStoreWriteMonitor), while the event loop is overloaded (MAX_EVENT_LOOP_DELAY_MS,
 * measured by @fastify/under-pressure, which also sheds API requests with 503 meanwhile), and
 * from the first moment of a drain. Each state is logged at warn when it starts and when it ends.
 */
const readinessPlugin: FastifyPluginAsync = async (fastify) => {
  const readiness = createReadiness(fastify.log);
  const { maxEventLoopDelayMs } = fastify.config;

  const storeWrites = createStoreWriteMonitor({
    probe: () => fastify.store.ping(),
    intervalMs: STORE_PROBE_INTERVAL_MS,
    onChange: (writable, failure) =>
      readiness.set('store', !writable, failure === undefined ? {} : { err: failure }),
  });

  let checkEventLoop = () => {};
  if (maxEventLoopDelayMs > 0) {
    await fastify.register(underPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      sampleInterval: EVENT_LOOP_SAMPLE_MS,
      // Resolving lets the request through; rejecting sends it to the error handler (503 `unavailable`).
      pressureHandler: async (request, reply) => {
        if (!isShed(request.url)) return;
        reply.header('retry-after', String(SHED_RETRY_AFTER_S));
        throw new TallyError('unavailable', 'the server is overloaded, try again later');
      },
    });
    checkEventLoop = () => {
      const delayMs = fastify.memoryUsage().eventLoopDelay;
      readiness.set('event_loop', delayMs > maxEventLoopDelayMs, {
        eventLoopDelayMs: Math.round(delayMs),
        maxEventLoopDelayMs,
      });
    };
    // Its own timer, so that the start and the end are logged even when no request comes.
    const eventLoopTimer = setInterval(checkEventLoop, EVENT_LOOP_SAMPLE_MS);
    eventLoopTimer.unref();
    fastify.addHook('onClose', async () => clearInterval(eventLoopTimer));
  }

  fastify.decorate('readiness', {
    reasons() {
      checkEventLoop();
      return readiness.reasons();
    },
    startDraining: () => readiness.set('draining', true),
  });
  fastify.decorate('storeWrites', storeWrites);
  fastify.addHook('onClose', async () => storeWrites.stop());
};

export default fp(readinessPlugin, { name: 'readiness', dependencies: ['config', 'store', 'error-handler'] });
