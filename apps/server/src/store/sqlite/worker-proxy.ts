import { Worker } from 'node:worker_threads';
import { TallyError } from '@tally/events';
import { deserializeError, type WorkerRequest, type WorkerResponse } from './worker-protocol.js';

/** The methods of T that return a promise: what a WorkerProxy can call. */
export type AsyncMethodName<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof T] &
  string;

export type MethodArgs<T, K extends keyof T> = T[K] extends (...args: infer A) => Promise<unknown>
  ? A
  : never;
export type MethodResult<T, K extends keyof T> = T[K] extends (...args: never[]) => Promise<infer R>
  ? R
  : never;

export interface WorkerProxyOptions {
  /**
   * The worker's module, which calls serveInWorker: a .js file in the production bundle, or a
   * TypeScript source under Vitest or tsx (then started through tsx, see ts-worker-bootstrap.mjs).
   */
  entry: URL;
  workerData?: unknown;
  /**
   * Told once when the worker stops without terminate() (an uncaught error, a failed start):
   * every call in flight then fails with `unavailable`, and so does every later one.
   */
  onCrash(error: Error): void;
}

export interface WorkerProxy<T> {
  /** Calls `method` on the object the worker serves; errors come back as TallyErrors. */
  call<K extends AsyncMethodName<T>>(method: K, ...args: MethodArgs<T, K>): Promise<MethodResult<T, K>>;
  /** Stops the worker; calls still in flight and later ones fail with `unavailable`. */
  terminate(): Promise<void>;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: TallyError): void;
}

const TS_BOOTSTRAP = new URL('./ts-worker-bootstrap.mjs', import.meta.url);

/**
 * The worker's young generation, capped: V8 sized it like the main thread's, and a burst of calls
 * (10,000 joins, each reading a board snapshot) grew it by ~8 MB that stayed resident while idle,
 * about 1 KB per connection of the bench's capacity run (issue 5). What a call allocates is small
 * and short-lived, so a small young generation costs a few more sub-millisecond scavenges.
 */
const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 4 };

/**
 * Runs an object in a worker thread and calls its async methods from this one: a request/response
 * proxy over postMessage. Used to keep synchronous work (SQLite's SQL and fsync) off the event
 * loop. The worker keeps the process alive only while a call is in flight.
 */
export function startWorkerProxy<T>(options: WorkerProxyOptions): WorkerProxy<T> {
  const isTypeScript = options.entry.pathname.endsWith('.ts');
  const worker = isTypeScript
    ? new Worker(TS_BOOTSTRAP, {
        workerData: options.workerData,
        argv: [options.entry.href],
        resourceLimits: WORKER_RESOURCE_LIMITS,
      })
    : new Worker(options.entry, { workerData: options.workerData, resourceLimits: WORKER_RESOURCE_LIMITS });
  worker.unref();
  const pending = new Map<number, PendingCall>();
  let nextId = 1;
  /** Set once the worker is gone or going: why calls fail from then on. */
  let stopped: TallyError | null = null;
  let crashError: Error | undefined;

  function failAll(error: TallyError): void {
    stopped ??= error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
    worker.unref();
  }

  worker.on('message', (response: WorkerResponse) => {
    const call = pending.get(response.id);
    if (!call) return;
    pending.delete(response.id);
    if (pending.size === 0) worker.unref();
    if (response.ok) call.resolve(response.value);
    else call.reject(deserializeError(response.error));
  });
  worker.on('error', (error) => {
    crashError = error;
  });
  worker.on('exit', (exitCode) => {
    if (stopped) return;
    failAll(new TallyError('unavailable', 'the store stopped, try again later'));
    options.onCrash(crashError ?? new Error(`the worker exited with code ${exitCode}`));
  });

  return {
    call(method, ...args) {
      if (stopped) return Promise.reject(stopped);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        try {
          worker.postMessage({ id, method, args } satisfies WorkerRequest);
        } catch (error) {
          // Arguments that cannot be cloned: a bug of the caller, not of the worker.
          reject(Object.assign(new TallyError('internal', 'the store failed'), { cause: error }));
          return;
        }
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.ref();
      });
    },

    async terminate() {
      failAll(new TallyError('unavailable', 'the store is closed'));
      await worker.terminate();
    },
  };
}
