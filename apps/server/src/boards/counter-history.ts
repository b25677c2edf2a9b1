import type { HistoryResponse } from '@tally/events';
import type { CounterHistory } from '../store/store.js';

/**
 * Buckets across any window (1 minute to 7 days): enough for a chart a screen wide (a 7-day
 * window has 84-minute buckets), few enough to send every minute.
 */
export const HISTORY_BUCKETS = 120;

/** The most points an answer holds: the start, up to three per bucket, and now. */
export const HISTORY_MAX_POINTS = HISTORY_BUCKETS * 3 + 2;

type Point = CounterHistory['points'][number];

/** The points a bucket keeps, by their position in the window's changes. */
interface BucketPoints {
  lowest: number;
  highest: number;
  last: number;
}

/**
 * Turns a counter's changes inside [sinceMs, nowMs] into at most HISTORY_MAX_POINTS points: the
 * value at the window's start, then for each bucket that saw a change its lowest, highest and
 * last value (each at the time of its change, in time order, each point once), then the value
 * now, so a line can be drawn across the whole window. Keeping the extremes means a peak (a door
 * counter reaching capacity for ten minutes) still shows on a 7-day chart.
 */
export function bucketCounterHistory(
  history: CounterHistory,
  sinceMs: number,
  nowMs: number,
): HistoryResponse {
  const { points } = history;
  const width = Math.max(1, (nowMs - sinceMs) / HISTORY_BUCKETS);
  const buckets = new Map<number, BucketPoints>();
  points.forEach((point, index) => {
    const bucket = Math.min(HISTORY_BUCKETS - 1, Math.max(0, Math.floor((point.t - sinceMs) / width)));
    const kept = buckets.get(bucket);
    if (kept === undefined) {
      buckets.set(bucket, { lowest: index, highest: index, last: index });
      return;
    }
    if (point.value < valueAt(points, kept.lowest)) kept.lowest = index;
    if (point.value > valueAt(points, kept.highest)) kept.highest = index;
    kept.last = index;
  });
  // Points come oldest first, so their positions in order are their time order.
  const keptIndexes = [...buckets.values()]
    .flatMap(({ lowest, highest, last }) => [lowest, highest, last])
    .sort((a, b) => a - b)
    .filter((index, i, sorted) => index !== sorted[i - 1]);
  const changes = keptIndexes.map((index) => points[index] as Point);
  const current = points.at(-1)?.value ?? history.startValue;
  return { points: [{ t: sinceMs, value: history.startValue }, ...changes, { t: nowMs, value: current }] };
}

function valueAt(points: readonly Point[], index: number): number {
  return (points[index] as Point).value;
}
