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
  /** Milliseconds on a monotonic clock; injectable so tests can make an emit look slow. */
  now?: () => number;
}

/**
 * `stats` may take at most 1/STATS_DUTY_DIVISOR of the event loop: after an emit that took `w` ms
 * to write to every socket, the next waits at least `w × divisor`. With a thousand sockets an emit
 * takes a few ms and the interval rules; with 10,000 it takes ~250 ms, and once a second that was
 * 15% of the main thread, taken from the counter updates people are waiting for (issue 5).
 */
export const STATS_DUTY_DIVISOR = 20;

/**
 * Throttled `stats`: told when a figure may have changed, it emits at most once per interval (less
 * often when an emit is slow to write, see STATS_DUTY_DIVISOR), and only on a change.
 */
export interface StatsBroadcaster {
  /** A figure may have changed (a connect, a disconnect, a commit): emit soon if it did. */
  changed(): void;
  /** The figures last emitted, for a socket that just connected; null before the first emit. */
  lastEmitted(): Stats | null;
  close(): void;
}

export function createStatsBroadcaster(options: StatsBroadcasterOptions): StatsBroadcaster {
  const now = options.now ?? (() => performance.now());
  let last: Stats | null = null;
  let nextAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let reading = false;
  let changedWhileReading = false;
  let closed = false;

  function schedule(): void {
    if (closed || timer || reading) {
      changedWhileReading ||= reading;
      return;
    }
    const wait = Math.max(0, nextAt - now());
    timer = setTimeout(flush, wait);
  }

  async function flush(): Promise<void> {
    timer = undefined;
    reading = true;
    try {
      const stats = await options.read();
      if (!closed && (stats.online !== last?.online || stats.totalIncrements !== last.totalIncrements)) {
        const startedAt = now();
        options.emit(stats);
        last = stats;
        nextAt = startedAt + Math.max(options.intervalMs, (now() - startedAt) * STATS_DUTY_DIVISOR);
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
