import type { HistoryPoint } from './history';

export interface SparklineGeometry {
  /** SVG path data of a step line, or '' when there is nothing to draw. */
  line: string;
  /** The same line closed down to the baseline, for a soft fill. */
  area: string;
}

/**
 * A step line over [now − window, now]: the value holds until the next point. It starts from
 * the last value before the window (or the first point) and ends at `currentValue` now.
 */
export function sparklineGeometry(
  points: readonly HistoryPoint[],
  currentValue: number,
  now: number,
  windowMs: number,
  width: number,
  height: number,
): SparklineGeometry {
  const start = now - windowMs;
  const inside = points.filter((point) => point.t > start && point.t <= now);
  const before = points.filter((point) => point.t <= start).at(-1);
  const startValue = before?.value ?? inside[0]?.value ?? currentValue;
  const steps: HistoryPoint[] = [{ t: start, value: startValue }, ...inside, { t: now, value: currentValue }];

  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const step of steps) {
    min = Math.min(min, step.value);
    max = Math.max(max, step.value);
  }
  const pad = 2;
  const span = max - min;
  const x = (t: number) => ((t - start) / windowMs) * width;
  // A counter that did not move draws a calm line near the bottom rather than a band in the middle.
  const y = (value: number) =>
    span === 0 ? height - pad * 2 : pad + (1 - (value - min) / span) * (height - 2 * pad);
  const round = (n: number) => Math.round(n * 10) / 10;

  let line = `M0 ${round(y(startValue))}`;
  for (const step of steps.slice(1)) line += ` H${round(x(step.t))} V${round(y(step.value))}`;
  return { line, area: `${line} V${height} H0 Z` };
}
