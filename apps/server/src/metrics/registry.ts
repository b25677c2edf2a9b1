import { collectDefaultMetrics, Registry } from 'prom-client';

let processMetrics: Registry | undefined;

/**
 * prom-client's default metrics under their standard names (`process_*`, `nodejs_*`: CPU, memory,
 * heap, file descriptors, event-loop lag, GC, handles, Node version). They describe the process,
 * not an app, and collecting them starts an event-loop monitor and a GC observer that nothing
 * stops: so they are made once per process and shared by every app built in it (tests build
 * several), instead of once per app.
 */
function sharedProcessMetrics(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/**
 * A registry of one app: its own `tally_*` metrics (not prom-client's global registry, which
 * every app of a process would share) and the process's default metrics.
 */
export function createMetricsRegistry(): Registry {
  return Registry.merge([sharedProcessMetrics()]);
}
