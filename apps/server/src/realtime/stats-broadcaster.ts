import type { ServerPayload } from '@tally/events';

export type Stats = ServerPayload<'stats'>;

export interface StatsBroadcasterOptions {
  /** Reads the current figures (online members, applied increments). */
  read(): Promise<Stats>;
  /** Sends them to everyone (`io.emit`). */
  emit(stats: Stats): void;
  /** The shortest time between two emits. */
  intervalMs: number;
  onError(error: unknown): void;
}

/** Throttled `stats`: told when a figure may have changed, it emits at most once per interval, and only on a change. */
export interface StatsBroadcaster {
  /** A figure may have changed (a connect, a disconnect, a commit): emit soon if it did. */
  changed(): void;
  /** The figures last emitted, for a socket that just connected; null before the first emit. */
  lastEmitted(): Stats | null;
  close(): void;
}

export function createStatsBroadcaster(options: StatsBroadcasterOptions): StatsBroadcaster {
  let last: Stats | null = null;
  let lastAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let reading = false;
  let changedWhileReading = false;
  let closed = false;

  function schedule(): void {
    if (closed || timer || reading) {
      changedWhileReading ||= reading;
      return;
    }
    const wait = Math.max(0, lastAt + options.intervalMs - performance.now());
    timer = setTimeout(flush, wait);
  }

  async function flush(): Promise<void> {
    timer = undefined;
    reading = true;
    try {
      const stats = await options.read();
      if (!closed && (stats.online !== last?.online || stats.totalIncrements !== last.totalIncrements)) {
        options.emit(stats);
        last = stats;
        lastAt = performance.now();
      }
    } catch (error) {
      options.onError(error);
    } finally {
      reading = false;
      if (changedWhileReading) {
        changedWhileReading = false;
        schedule();
      }
    }
  }

  return {
    changed: schedule,
    lastEmitted: () => last,
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
