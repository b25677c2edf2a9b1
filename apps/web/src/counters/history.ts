import { fetchJson } from '@tally/client';
import type { HistoryResponse } from '@tally/events';
import { BOARD_KEY_HEADER } from '@tally/events/constants';
import { queryOptions } from '@tanstack/react-query';
import { joinKey } from '../boards/board-keys';

export type HistoryPoint = HistoryResponse['points'][number];

/** The sparkline's window, and the chart's shortest range. */
export const SPARKLINE_MINUTES = 60;
/** The width of a live bucket, as a share of the window (see withHistoryPoint). */
const LIVE_MERGE_SHARE = 1 / 360;

/** Every loaded history of a counter (one per window), for live points, resyncs and removal. */
export const historyQueryKey = (counterId: string) => ['history', counterId] as const;

/** The window a history query is for, read back from its key. */
export function historyQueryMinutes(queryKey: readonly unknown[]): number {
  const minutes = queryKey[2];
  return typeof minutes === 'number' ? minutes : SPARKLINE_MINUTES;
}

/** The last `minutes` of a counter (the route buckets them); new values extend it afterwards (see useLiveHistoryPoints). */
export function historyQueryOptions(boardId: string, counterId: string, minutes = SPARKLINE_MINUTES) {
  return queryOptions({
    queryKey: [...historyQueryKey(counterId), minutes] as const,
    queryFn: async () => {
      const key = joinKey(boardId);
      const history = await fetchJson<HistoryResponse>(
        `/api/counters/${encodeURIComponent(counterId)}/history?minutes=${minutes}`,
        { headers: key === undefined ? {} : { [BOARD_KEY_HEADER]: key } },
      );
      return history.points;
    },
    retry: 2,
  });
}

/**
 * Appends a live point to a window of `windowMs` and drops what fell out of the window. Live
 * points are bucketed like the route's: of the points in the new point's bucket (a 360th of the
 * window: 10 s in an hour), only the lowest, the highest and the last stay, so a busy counter does
 * not grow its history without bound and a peak (capacity reached, then back) still shows.
 */
export function withHistoryPoint(
  points: readonly HistoryPoint[],
  point: HistoryPoint,
  windowMs: number,
): HistoryPoint[] {
  const last = points.at(-1);
  if (last !== undefined && point.t < last.t) return [...points];
  const bucketOf = (t: number) => Math.floor(t / (windowMs * LIVE_MERGE_SHARE));
  let bucketStart = points.length;
  while (bucketStart > 0 && bucketOf((points[bucketStart - 1] as HistoryPoint).t) === bucketOf(point.t))
    bucketStart -= 1;
  const kept = [...points.slice(0, bucketStart), ...extremesAndLast([...points.slice(bucketStart), point])];
  const horizon = point.t - windowMs;
  // Keep one point from before the window: it is the value the line starts from.
  const firstInside = kept.findIndex((p) => p.t >= horizon);
  const from = firstInside <= 0 ? 0 : firstInside - 1;
  return kept.slice(from);
}

/** The lowest, the highest and the last of some points, in their order, each once. */
function extremesAndLast(points: readonly HistoryPoint[]): HistoryPoint[] {
  let lowest = 0;
  let highest = 0;
  points.forEach((p, i) => {
    if (p.value < (points[lowest] as HistoryPoint).value) lowest = i;
    if (p.value > (points[highest] as HistoryPoint).value) highest = i;
  });
  return points.filter((_, i) => i === lowest || i === highest || i === points.length - 1);
}
