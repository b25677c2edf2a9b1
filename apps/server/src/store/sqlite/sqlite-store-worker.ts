// The worker thread of SqliteWorkerStore: the synchronous SqliteStore, served to the main thread.
// build.mjs bundles it as dist/sqlite-store-worker.js, beside dist/main.js.
import { workerData } from 'node:worker_threads';
import { serveInWorker } from './serve-in-worker.js';
import { createSqliteStore } from './sqlite-store.js';
import type { SqliteWorkerData } from './sqlite-worker-store.js';

serveInWorker(() => {
  const { clock, ...options } = workerData as SqliteWorkerData;
  const time = clock ? new Float64Array(clock) : undefined;
  return createSqliteStore(time ? { ...options, now: () => time[0] as number } : options);
});
