import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { stepRange, windowSteps } from '../history/history-steps';
import { sparklineCaption } from '../history/history-summary';
import { formatCompactValue } from './format-value';
import { historyQueryOptions, SPARKLINE_MINUTES } from './history';
import { sparklineGeometry } from './sparkline-path';
import './sparkline.css';
import { withQueries } from '../app/with-queries';

/** The chart and its uPlot load on the first open only: none of it is in the initial download. */
const HistoryDialog = lazy(() => import('../history/HistoryDialog'));

const WIDTH = 240;
const HEIGHT = 36;
const WINDOW_MS = SPARKLINE_MINUTES * 60_000;

/**
 * The last hour of a counter as a small step chart (history route, extended live by updates),
 * with its scale in words ("0 → 33"); it is a button that opens the counter's history chart.
 */
function Sparkline(props: { boardId: string; counterId: string; counterName: string; value: number }) {
  const { boardId, counterId, counterName, value } = props;
  const [open, setOpen] = useState(false);
  const { data: points = [] } = useQuery(historyQueryOptions(boardId, counterId));
  const { geometry, caption } = useMemo(() => {
    const now = Date.now();
    return {
      geometry: sparklineGeometry(points, value, now, WINDOW_MS, WIDTH, HEIGHT),
      caption: sparklineCaption(stepRange(windowSteps(points, value, now, WINDOW_MS)), formatCompactValue),
    };
  }, [points, value]);
  return (
    <>
      <button type="button" className="sparkline-button" onClick={() => setOpen(true)}>
        <span className="visually-hidden">History of {counterName}: </span>
        <svg
          className="sparkline"
          aria-hidden="true"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
        >
          <path className="sparkline-area" d={geometry.area} />
          <path className="sparkline-line" d={geometry.line} vectorEffect="non-scaling-stroke" />
        </svg>
        <span className="sparkline-caption">
          <span>Last hour</span>
          <span className="sparkline-scale">{caption}</span>
        </span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <HistoryDialog
            boardId={boardId}
            counterId={counterId}
            counterName={counterName}
            value={value}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
    </>
  );
}

export default withQueries(Sparkline);
