import type { HistoryPoint } from '../counters/history';

// Only the chart dialog needs these (a lazy chunk); the card's sparkline needs history-steps.ts.

/** The value the steps show at time `t` (the first step's before it, the last one's after). */
export function stepValueAt(steps: readonly HistoryPoint[], t: number): number | undefined {
  let value = steps[0]?.value;
  for (const step of steps) {
    if (step.t > t) break;
    value = step.value;
  }
  return value;
}

/** The steps where the value changed, with the first and the last (now): the rows of the chart's table. */
export function valueChanges(steps: readonly HistoryPoint[]): HistoryPoint[] {
  return steps.filter(
    (step, i) => i === 0 || i === steps.length - 1 || step.value !== (steps[i - 1] as HistoryPoint).value,
  );
}
