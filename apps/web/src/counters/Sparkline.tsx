import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { HISTORY_WINDOW_MS, historyQueryOptions } from './history';
import { sparklineGeometry } from './sparkline-path';

const WIDTH = 240;
const HEIGHT = 36;

/** The last hour of a counter as a small step chart (history route, extended live by updates). */
export function Sparkline(props: { boardId: string; counterId: string; counterName: string; value: number }) {
  const { boardId, counterId, counterName, value } = props;
  const { data: points = [] } = useQuery(historyQueryOptions(boardId, counterId));
  const geometry = useMemo(
    () => sparklineGeometry(points, value, Date.now(), HISTORY_WINDOW_MS, WIDTH, HEIGHT),
    [points, value],
  );
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={`Last hour of ${counterName}`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
    >
      <path className="sparkline-area" d={geometry.area} />
      <path className="sparkline-line" d={geometry.line} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
