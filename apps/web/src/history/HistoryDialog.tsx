import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatValue } from '../counters/format-value';
import { type HistoryPoint, historyQueryOptions } from '../counters/history';
import { formatMoment } from './history-format';
import { HISTORY_RANGES, type HistoryRangeId, historyRange } from './history-ranges';
import { historySummary } from './history-sentence';
import { stepRange, windowSteps } from './history-steps';
import { valueChanges } from './step-lookups';
import { useNow } from './useNow';
import './history-dialog.css';

/** uPlot comes with the chart, after the dialog's text: the summary and table show at once. */
const HistoryChart = lazy(() => import('./HistoryChart'));

/** How often the window slides on while the dialog is open (the chart follows new values at once). */
const TICK_MS = 15_000;

/**
 * A counter's history as a chart with a range switch (1 h / 24 h / 7 d), a readout of the value
 * under the cursor, and the same in words and as a table. A modal dialog: focus moves in, Escape
 * or Close closes it, and focus goes back to the sparkline that opened it. Live: the loaded
 * histories are extended by useLiveHistoryPoints, and `value` is the counter's current value.
 */
export default function HistoryDialog(props: {
  boardId: string;
  counterId: string;
  counterName: string;
  value: number;
  onClose(): void;
}) {
  const { boardId, counterId, counterName, value, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [rangeId, setRangeId] = useState<HistoryRangeId>('1h');
  const [hover, setHover] = useState<HistoryPoint | null>(null);
  const range = historyRange(rangeId);
  const windowMs = range.minutes * 60_000;
  const query = useQuery(historyQueryOptions(boardId, counterId, range.minutes));
  const now = useNow(TICK_MS);

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // The window ends now, or at a live point heard since the last tick.
  const steps = useMemo(() => {
    if (query.data === undefined) return undefined;
    return windowSteps(query.data, value, Math.max(now, query.data.at(-1)?.t ?? now), windowMs);
  }, [query.data, value, now, windowMs]);
  const summary = steps === undefined ? undefined : historySummary(stepRange(steps), range.span, formatValue);

  return (
    <dialog ref={dialog} className="dialog history-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog-body">
        <div className="history-head">
          <h2 id={titleId} className="dialog-title history-title">
            History of {counterName}
          </h2>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>

        <fieldset className="history-ranges">
          <legend className="visually-hidden">Range</legend>
          {HISTORY_RANGES.map((option) => (
            <label key={option.id} className="history-range">
              <input
                type="radio"
                name={`${titleId}-range`}
                value={option.id}
                checked={option.id === rangeId}
                onChange={() => {
                  setRangeId(option.id);
                  setHover(null);
                }}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>

        <p className="history-readout">
          {hover === null ? (
            <>
              <span className="history-readout-time">Now</span>
              <strong>{formatValue(value)}</strong>
            </>
          ) : (
            <>
              <span className="history-readout-time">{formatMoment(hover.t, rangeId)}</span>
              <strong>{formatValue(hover.value)}</strong>
            </>
          )}
        </p>

        <div className="history-chart-box">
          {steps === undefined ? (
            <p className="history-status">
              {query.isError ? 'The history cannot be loaded right now.' : 'Loading history…'}
            </p>
          ) : (
            <Suspense fallback={<p className="history-status">Loading chart…</p>}>
              <HistoryChart
                steps={steps}
                start={steps[0]?.t ?? now - windowMs}
                end={steps.at(-1)?.t ?? now}
                range={rangeId}
                onHover={setHover}
              />
            </Suspense>
          )}
        </div>

        {summary !== undefined && <p className="history-summary">{summary}</p>}

        {steps !== undefined && (
          <details className="history-table-details">
            <summary>Show values as a table</summary>
            <table className="history-table">
              <caption className="visually-hidden">
                Values of {counterName} in {range.span}, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {valueChanges(steps)
                  .map((step, index, rows) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: two changes may share a moment and a value; the rows never reorder.
                    <tr key={index}>
                      <td>{index === rows.length - 1 ? 'Now' : formatMoment(step.t, rangeId)}</td>
                      <td>{formatValue(step.value)}</td>
                    </tr>
                  ))
                  .reverse()}
              </tbody>
            </table>
          </details>
        )}
      </div>
    </dialog>
  );
}
