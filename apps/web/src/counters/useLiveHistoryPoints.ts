import type { Counter } from '@tally/events';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { type HistoryPoint, historyQueryKey, historyQueryMinutes, withHistoryPoint } from './history';

/**
 * Extends the loaded histories live (the sparkline's hour and whatever range a chart loaded):
 * each new version of a counter in the board's state (an update heard, or a click of ours
 * confirmed) adds its value as a point, and the histories of a counter gone from the board are
 * dropped.
 */
export function useLiveHistoryPoints(counters: readonly Counter[] | undefined): void {
  const queryClient = useQueryClient();
  const versions = useRef<ReadonlyMap<string, number>>(new Map());

  useEffect(() => {
    if (counters === undefined) return;
    const before = versions.current;
    versions.current = new Map(counters.map((counter) => [counter.id, counter.version]));
    const now = Date.now();
    for (const counter of counters) {
      const known = before.get(counter.id);
      if (known === undefined || counter.version <= known) continue;
      const point = { t: now, value: counter.value };
      for (const [queryKey, points] of queryClient.getQueriesData<HistoryPoint[]>({
        queryKey: historyQueryKey(counter.id),
      })) {
        if (points === undefined) continue;
        const windowMs = historyQueryMinutes(queryKey) * 60_000;
        queryClient.setQueryData<HistoryPoint[]>(queryKey, withHistoryPoint(points, point, windowMs));
      }
    }
    for (const counterId of before.keys())
      if (!versions.current.has(counterId))
        queryClient.removeQueries({ queryKey: historyQueryKey(counterId) });
  }, [counters, queryClient]);
}
