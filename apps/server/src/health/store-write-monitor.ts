// Framework-free on purpose: it needs a probe and a clock, not a server.
import { TallyError } from '@tally/events';

export interface StoreWriteMonitorOptions {
  /** A tiny real write (Store.ping): it fails when the store cannot write, as an op batch would. */
  probe(): Promise<void>;
  /** How often to probe when no write succeeded in the meantime. */
  intervalMs: number;
  /** Told on each change of state, with the failure that started an unwritable spell. */
  onChange(writable: boolean, failure?: unknown): void;
}

export interface StoreWriteMonitor {
  /** Whether the latest write (an op batch or a probe) succeeded. */
  writable(): boolean;
  /** Passes a real write through, learning from its outcome; the promise settles as the write's. */
  observe<T>(write: Promise<T>): Promise<T>;
  stop(): void;
}

/**
 * Whether the store can write, known from the writes themselves: the op batches, whose failure
 * with `unavailable` (disk full, SQLite worker down, Redis away or refusing writes) turns it off
 * at once, and a small write probe each `intervalMs` that no batch succeeded in, which finds a
 * failure while nobody writes and the recovery once the cause is gone (nothing else would write
 * while load balancers send no one). A probe that overlaps a failed batch does not count as a
 * recovery: the batch wrote more than the probe, and saw the store fail.
 */
export function createStoreWriteMonitor(options: StoreWriteMonitorOptions): StoreWriteMonitor {
  let writable = true;
  let lastSuccessAt = Date.now();
  let failures = 0;
  let probing = false;
  let stopped = false;

  function succeeded(): void {
    lastSuccessAt = Date.now();
    if (writable || stopped) return;
    writable = true;
    options.onChange(true);
  }

  function failed(failure: unknown): void {
    failures++;
    // After stop() the store is closing: its refusals are the shutdown's, not a fault.
    if (!writable || stopped) return;
    writable = false;
    options.onChange(false, failure);
  }

  function probe(): void {
    if (probing || (writable && Date.now() - lastSuccessAt < options.intervalMs)) return;
    probing = true;
    const failuresBefore = failures;
    options
      .probe()
      .then(
        () => {
          if (failures === failuresBefore) succeeded();
        },
        // Whatever the probe's error, a one-row write failing means the store cannot write.
        failed,
      )
      .finally(() => {
        probing = false;
      });
  }

  const timer = setInterval(probe, options.intervalMs);
  timer.unref();

  return {
    writable: () => writable,
    observe(write) {
      write.then(succeeded, (error: unknown) => {
        // Other refusals (a bug, a bad op) say nothing about the store's ability to write.
        if (error instanceof TallyError && error.code === 'unavailable') failed(error);
      });
      return write;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
