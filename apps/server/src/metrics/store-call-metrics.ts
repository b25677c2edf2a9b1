import { Counter, type Registry } from 'prom-client';
import type { StoreCalls } from '../store/counted-store.js';

/** `tally_store_calls_total{method}`: the store's own tally (see countStoreCalls), read at each scrape. */
export function registerStoreCallMetrics(registry: Registry, calls: () => StoreCalls): void {
  new Counter({
    name: 'tally_store_calls_total',
    help: 'Calls made to the store (SQLite worker or Redis) by method; an increment costs one applyOps per batch.',
    labelNames: ['method'],
    registers: [registry],
    collect() {
      // prom-client counters have no set(): reset, then add each whole total.
      this.reset();
      for (const [method, total] of Object.entries(calls())) this.labels(method).inc(total);
    },
  });
}
