import { constants } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';

export interface Drainable {
  /** Takes the node out of service (see plugins/drain.ts). */
  drain(): Promise<void>;
  /** Closes the rest: the HTTP server, the write batcher, the store. */
  close(): Promise<void>;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * The process's answer to SIGTERM and SIGINT: the first starts a drain, then closes and exits 0;
 * past `timeoutMs` it exits 1 whatever is left (clients still connected see their transport
 * close with the process, and reconnect). A second signal exits at once with 128 + its number,
 * as a shell reports a process killed by it: an operator who asks twice means now.
 */
export function shutdownOnSignals(app: Drainable, timeoutMs: number): void {
  let started = false;
  const onSignal = (signal: (typeof SIGNALS)[number]) => {
    if (started) {
      app.log.warn({ signal }, 'second signal: exiting now, without waiting for the drain');
      process.exit(128 + constants.signals[signal]);
    }
    started = true;
    app.log.info({ signal, timeoutMs }, 'drain: started');
    setTimeout(() => {
      app.log.warn({ timeoutMs }, 'drain: timed out, exiting anyway');
      process.exit(1);
    }, timeoutMs);
    app
      .drain()
      .then(() => app.close())
      .then(
        () => {
          app.log.info('drain: done, exiting');
          process.exit(0);
        },
        (error: unknown) => {
          app.log.error({ err: error }, 'unclean shutdown');
          process.exit(1);
        },
      );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}
