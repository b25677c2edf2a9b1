import { TallyError } from '@tally/events';
import {
  type AsyncMethodName,
  type MethodArgs,
  type MethodResult,
  startWorkerProxy,
  type WorkerProxy,
  type WorkerProxyOptions,
} from './worker-proxy.js';

export interface RestartingWorkerOptions<T> extends Omit<WorkerProxyOptions, 'onCrash'> {
  /**
   * Readies a restarted worker before it takes calls (the store's init: open the file, migrate).
   * A failure counts as a crash. The first worker is readied by its owner.
   */
  reopen(worker: WorkerProxy<T>): Promise<void>;
  /** Told of every crash, with the wait before the next worker starts. */
  onCrash(error: Error, restartInMs: number): void;
  /** Told when a restarted worker is ready. */
  onRestarted(): void;
  /** The first wait after a crash, doubled after each crash in a row up to maxRestartDelayMs. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
}

/** A worker that lived this long before it crashed was healthy: the next wait starts small again. */
export const STABLE_WORKER_MS = 60_000;

/**
 * A WorkerProxy that starts a new worker when its worker crashes, so that the store heals instead
 * of answering `unavailable` until the process restarts. Calls in flight at the crash and calls
 * made until the new worker is ready fail with `unavailable`, which clients retry with the same
 * opId: an increment the old worker committed is answered from its record, so none is lost or
 * applied twice. Crashes in a row (a file that cannot be opened, an op that kills the worker
 * every time) are retried less and less often, from 100 ms up to 10 s.
 */
export class RestartingWorker<T> {
  private current: WorkerProxy<T>;
  /** Whether `current` may take calls, once known: false when it could not be readied. */
  private ready: Promise<boolean> = Promise.resolve(true);
  private available = true;
  private closed = false;
  private startedAt = performance.now();
  private crashesInARow = 0;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RestartingWorkerOptions<T>) {
    this.current = this.start();
  }

  call<K extends AsyncMethodName<T>>(method: K, ...args: MethodArgs<T, K>): Promise<MethodResult<T, K>> {
    if (!this.available) return Promise.reject(restarting());
    const worker = this.current;
    return this.ready.then((ready) => (ready ? worker.call(method, ...args) : Promise.reject(restarting())));
  }

  /** Stops the worker for good; calls in flight and later ones fail with `unavailable`. */
  async terminate(): Promise<void> {
    this.closed = true;
    this.available = false;
    clearTimeout(this.restartTimer);
    await this.current.terminate();
  }

  private start(): WorkerProxy<T> {
    this.startedAt = performance.now();
    const worker = startWorkerProxy<T>({
      entry: this.options.entry,
      workerData: this.options.workerData,
      onCrash: (error) => this.crashed(worker, error),
    });
    return worker;
  }

  private crashed(worker: WorkerProxy<T>, error: Error): void {
    // A worker that crashes while being readied is reported by both its proxy and reopen(): once.
    if (this.closed || worker !== this.current || !this.available) return;
    this.available = false;
    if (performance.now() - this.startedAt >= STABLE_WORKER_MS) this.crashesInARow = 0;
    const initial = this.options.restartDelayMs ?? 100;
    const delay = Math.min(this.options.maxRestartDelayMs ?? 10_000, initial * 2 ** this.crashesInARow);
    this.crashesInARow++;
    this.options.onCrash(error, delay);
    this.restartTimer = setTimeout(() => this.restart(), delay);
    this.restartTimer.unref();
  }

  private restart(): void {
    if (this.closed) return;
    const worker = this.start();
    this.current = worker;
    this.available = true;
    this.ready = this.options.reopen(worker).then(
      () => {
        if (worker === this.current && !this.closed) this.options.onRestarted();
        return true;
      },
      (error: unknown) => {
        // Not readied: end it (terminate reports no crash) and count it as a crash.
        void worker.terminate();
        this.crashed(worker, error instanceof Error ? error : new Error(String(error)));
        return false;
      },
    );
  }
}

function restarting(): TallyError {
  return new TallyError('unavailable', 'the store is restarting, try again later');
}
