import { fetchJson } from '@tally/client';
import type { HistoryResponse } from '@tally/events';
import { BOARD_KEY_HEADER } from '@tally/events/constants';
import { queryOptions } from '@tanstack/react-query';
import { joinKey } from '../boards/board-keys';

export type HistoryPoint = HistoryResponse['points'][number];

export const HISTORY_WINDOW_MS = 60 * 60 * 1000;
/** Live points closer together than this are merged, so a busy counter does not grow its history without bound. */
const LIVE_BUCKET_MS = 10_000;

export const historyQueryKey = (counterId: string) => ['history', counterId] as const;

/** The last hour of a counter for its sparkline; new values extend it afterwards (see useLiveHistoryPoints). */
export function historyQueryOptions(boardId: string, counterId: string) {
  return queryOptions({
    queryKey: historyQueryKey(counterId),
    queryFn: async () => {
      const key = joinKey(boardId);
      const history = await fetchJson<HistoryResponse>(
        `/api/counters/${encodeURIComponent(counterId)}/history?minutes=60`,
        { headers: key === undefined ? {} : { [BOARD_KEY_HEADER]: key } },
      );
      return history.points;
    },
    retry: 2,
  });
}

/** Appends a live point, merging it into the last one when they are close, and drops what fell out of the hour. */
export function withHistoryPoint(points: readonly HistoryPoint[], point: HistoryPoint): HistoryPoint[] {
  const last = points.at(-1);
  if (last !== undefined && point.t < last.t) return [...points];
  const kept = last !== undefined && point.t - last.t < LIVE_BUCKET_MS ? points.slice(0, -1) : points;
  const horizon = point.t - HISTORY_WINDOW_MS;
  // Keep one point from before the window: it is the value the line starts from.
  const firstInside = kept.findIndex((p) => p.t >= horizon);
  const from = firstInside <= 0 ? 0 : firstInside - 1;
  return [...kept.slice(from), point];
}
