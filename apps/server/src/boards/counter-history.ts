import type { HistoryResponse } from '@tally/events';
import type { CounterHistory } from '../store/store.js';

/** Enough for a sparkline, few enough to send every minute. */
export const HISTORY_BUCKETS = 60;

/**
 * Turns a counter's changes inside [sinceMs, nowMs] into at most HISTORY_BUCKETS + 2 points:
 * the value at the window's start, the last value of each bucket that saw a change (at the
 * time of that change), and the value now, so a line can be drawn across the whole window.
 */
export function bucketCounterHistory(
  history: CounterHistory,
  sinceMs: number,
  nowMs: number,
): HistoryResponse {
  const width = Math.max(1, (nowMs - sinceMs) / HISTORY_BUCKETS);
  const lastByBucket = new Map<number, { t: number; value: number }>();
  for (const point of history.points) {
    const bucket = Math.min(HISTORY_BUCKETS - 1, Math.max(0, Math.floor((point.t - sinceMs) / width)));
    lastByBucket.set(bucket, point);
  }
  const changes = [...lastByBucket.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
  const current = changes.at(-1)?.value ?? history.startValue;
  return { points: [{ t: sinceMs, value: history.startValue }, ...changes, { t: nowMs, value: current }] };
}
