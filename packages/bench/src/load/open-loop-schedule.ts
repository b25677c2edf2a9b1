import { nowMs } from './clock.js';
import type { IncrementSchedule } from './worker-protocol.js';

/**
 * Fires `send(incrementerIndex, scheduledAt)` for each local incrementer at a fixed rate, whether or
 * not earlier increments were acknowledged (open loop: a slow server does not slow the offered
 * load, which is what makes a backlog visible). Incrementers' phases are spread evenly over the
 * interval across all workers. Returns a function that stops it early.
 */
export function runOpenLoopSchedule(
  schedule: IncrementSchedule,
  send: (incrementerIndex: number, scheduledAt: number) => void,
): () => void {
  const intervalMs = 1000 / schedule.ratePerSecond;
  const startAt = nowMs();
  const endAt = startAt + schedule.durationMs;
  const nextAt = Array.from(
    { length: schedule.incrementers },
    (_, local) =>
      startAt + ((schedule.firstIncrementerIndex + local) / schedule.totalIncrementers) * intervalMs,
  );
  let timer: NodeJS.Timeout | undefined;

  const tick = (): void => {
    const now = nowMs();
    let earliest = Number.POSITIVE_INFINITY;
    nextAt.forEach((due, index) => {
      let next = due;
      while (next <= now && next < endAt) {
        send(index, next);
        next += intervalMs;
      }
      nextAt[index] = next;
      earliest = Math.min(earliest, next);
    });
    timer = earliest < endAt ? setTimeout(tick, Math.max(0, earliest - nowMs())) : undefined;
  };
  tick();
  return () => clearTimeout(timer);
}
