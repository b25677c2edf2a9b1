import { stepRange, windowSteps } from '../history/history-steps';
import type { HistoryPoint } from './history';

export interface SparklineGeometry {
  /** SVG path data of a step line, or '' when there is nothing to draw. */
  line: string;
  /** The same line closed down to the baseline, for a soft fill. */
  area: string;
}

/**
 * A step line over [now − window, now] (see windowSteps), scaled from its lowest to its highest
 * value: the caption beside it says what those are.
 */
export function sparklineGeometry(
  points: readonly HistoryPoint[],
  currentValue: number,
  now: number,
  windowMs: number,
  width: number,
  height: number,
): SparklineGeometry {
  const steps = windowSteps(points, currentValue, now, windowMs);
  const start = now - windowMs;
  const { low: min, high: max } = stepRange(steps);
  const pad = 2;
  const span = max - min;
  const x = (t: number) => ((t - start) / windowMs) * width;
  // A counter that did not move draws a calm line near the bottom rather than a band in the middle.
  const y = (value: number) =>
    span === 0 ? height - pad * 2 : pad + (1 - (value - min) / span) * (height - 2 * pad);
  const round = (n: number) => Math.round(n * 10) / 10;

  let line = `M0 ${round(y(steps[0]?.value ?? currentValue))}`;
  for (const step of steps.slice(1)) line += ` H${round(x(step.t))} V${round(y(step.value))}`;
  return { line, area: `${line} V${height} H0 Z` };
}
