import { useEffect, useRef, useSyncExternalStore } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatCompactValue } from '../counters/format-value';
import type { HistoryPoint } from '../counters/history';
import { chartData, valueRange, WHOLE_INCREMENTS, withAlpha } from './chart-data';
import { formatTick } from './history-format';
import type { HistoryRangeId } from './history-ranges';
import { stepValueAt } from './step-lookups';

const HEIGHT = 240;
const DARK = '(prefers-color-scheme: dark)';

function subscribeToScheme(onChange: () => void): () => void {
  const query = matchMedia(DARK);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const isDark = () => matchMedia(DARK).matches;

/** The theme's colours as the canvas needs them (it cannot read CSS variables). */
function themeColors(element: Element) {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return { line: read('--accent'), text: read('--text-muted'), grid: read('--border') };
}

/**
 * A counter's history as a uPlot step chart over [start, end]: a time axis, a value axis of whole
 * numbers, and a cursor whose moment and value go to `onHover` (null when it leaves). Drawn on a
 * canvas, so it is hidden from assistive technology: the dialog's summary and table say the same.
 * Rebuilt when the colour scheme changes; data and window changes only redraw.
 */
export default function HistoryChart(props: {
  steps: readonly HistoryPoint[];
  start: number;
  end: number;
  range: HistoryRangeId;
  onHover(point: HistoryPoint | null): void;
}) {
  const { steps, start, end, range, onHover } = props;
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // What the chart's callbacks read: the latest props, without rebuilding the chart.
  const latest = useRef({ steps, start, end, range, onHover });
  latest.current = { steps, start, end, range, onHover };
  const dark = useSyncExternalStore(subscribeToScheme, isDark, () => false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the scheme changes: the colours are read from CSS, which follows it.
  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const colors = themeColors(element);
    const axis = {
      stroke: colors.text,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.grid, width: 1 },
      font: '12px system-ui, sans-serif',
    };
    const chart = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        ms: 1,
        legend: { show: false },
        // No dot on the nearest data point: the readout gives the step's value under the cursor instead.
        cursor: { y: false, drag: { x: false, y: false }, points: { show: false } },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: {
          x: { time: true, range: () => [latest.current.start, latest.current.end] },
          y: { range: (_u, low, high) => valueRange(low, high) },
        },
        series: [
          {},
          {
            label: 'Value',
            stroke: colors.line,
            width: 2,
            fill: withAlpha(colors.line, 0.12),
            // The value holds until the next change.
            paths: uPlot.paths.stepped?.({ align: 1 }),
            points: { show: false },
          },
        ],
        axes: [
          {
            ...axis,
            // Room for a label like "12:45 PM" between ticks.
            space: 90,
            values: (_u, ticks) => ticks.map((t) => formatTick(t, latest.current.range)),
          },
          {
            ...axis,
            incrs: [...WHOLE_INCREMENTS],
            values: (_u, ticks) => ticks.map((value) => formatCompactValue(value)),
            size: (_u, values) => 16 + 8 * Math.max(2, ...(values ?? []).map((value) => value.length)),
          },
        ],
        hooks: {
          setCursor: [
            (u) => {
              const left = u.cursor.left;
              if (left === undefined || left < 0) {
                latest.current.onHover(null);
                return;
              }
              const t = Math.round(u.posToVal(left, 'x'));
              const value = stepValueAt(latest.current.steps, t);
              latest.current.onHover(value === undefined ? null : { t, value });
            },
          ],
        },
      },
      chartData(latest.current.steps),
      element,
    );
    plot.current = chart;
    // A tap moves the cursor too (uPlot follows the mouse only).
    const onPointer = (event: PointerEvent) => {
      if (event.pointerType === 'mouse') return;
      const rect = chart.over.getBoundingClientRect();
      chart.setCursor({ left: event.clientX - rect.left, top: event.clientY - rect.top });
    };
    chart.over.addEventListener('pointerdown', onPointer);
    chart.over.addEventListener('pointermove', onPointer);
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [dark]);

  useEffect(() => {
    plot.current?.setData(chartData(steps));
  }, [steps]);

  return <div ref={box} className="history-chart" aria-hidden="true" />;
}
