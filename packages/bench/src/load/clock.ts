/**
 * Milliseconds on the monotonic clock, with sub-millisecond precision.
 * `process.hrtime()` reads CLOCK_MONOTONIC, which every worker thread shares; `performance.now()`
 * would not do, because each worker has its own time origin and send and receipt times are
 * compared across workers.
 */
export function nowMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}
