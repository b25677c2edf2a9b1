import type { Counter } from '@tally/events';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { type HistoryPoint, historyQueryKey, withHistoryPoint } from './history';

/**
 * Extends the loaded sparkline histories live: each new version of a counter in the board's
 * state (an update heard, or a click of ours confirmed) adds its value as a point, and the
 * history of a counter gone from the board is dropped.
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
      queryClient.setQueryData<HistoryPoint[]>(historyQueryKey(counter.id), (points) =>
        points === undefined ? points : withHistoryPoint(points, { t: now, value: counter.value }),
      );
    }
    for (const counterId of before.keys())
      if (!versions.current.has(counterId))
        queryClient.removeQueries({ queryKey: historyQueryKey(counterId) });
  }, [counters, queryClient]);
}
