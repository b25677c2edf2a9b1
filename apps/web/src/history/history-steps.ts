import type { HistoryPoint } from '../counters/history';

/**
 * A counter's value over [now − window, now] as steps (the value holds until the next point):
 * the first step is at the window's start with the last value before it (or the first point's),
 * the last is now with `currentValue`. The points come from the history route, extended live.
 */
export function windowSteps(
  points: readonly HistoryPoint[],
  currentValue: number,
  now: number,
  windowMs: number,
): HistoryPoint[] {
  const start = now - windowMs;
  const inside = points.filter((point) => point.t > start && point.t <= now);
  const before = points.filter((point) => point.t <= start).at(-1);
  const startValue = before?.value ?? inside[0]?.value ?? currentValue;
  return [{ t: start, value: startValue }, ...inside, { t: now, value: currentValue }];
}

export interface StepRange {
  first: number;
  last: number;
  low: number;
  high: number;
}

/** Where the steps start and end, and their lowest and highest value. */
export function stepRange(steps: readonly HistoryPoint[]): StepRange {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const step of steps) {
    low = Math.min(low, step.value);
    high = Math.max(high, step.value);
  }
  const first = steps[0]?.value ?? 0;
  const last = steps.at(-1)?.value ?? first;
  return steps.length === 0 ? { first, last, low: first, high: first } : { first, last, low, high };
}
