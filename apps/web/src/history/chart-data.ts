import type { HistoryPoint } from '../counters/history';

/** uPlot's data: the times (ms) and the values at them. */
export type ChartData = [number[], number[]];

export function chartData(steps: readonly HistoryPoint[]): ChartData {
  return [steps.map((step) => step.t), steps.map((step) => step.value)];
}

/**
 * The value axis's range: the steps' lowest to highest with a tenth of room (at least 1) on each
 * side, never below 0 when nothing was, so that a flat line sits in the middle, not on the frame.
 */
export function valueRange(low: number, high: number): [number, number] {
  const room = Math.max(1, Math.ceil((high - low) / 10));
  const bottom = low >= 0 ? Math.max(0, low - room) : low - room;
  return [bottom, high + room];
}

/** Tick spacings for whole counts only: 1, 2, 5, 10, 20, 50, … up to 5·10^15. */
export const WHOLE_INCREMENTS: readonly number[] = Array.from({ length: 16 }, (_, power) =>
  [1, 2, 5].map((m) => m * 10 ** power),
).flat();

/** `#rrggbb` with an alpha, for the area under the line (canvas colours take no CSS variables). */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (hex === undefined) return 'transparent';
  const channel = (i: number) => Number.parseInt(hex.slice(i, i + 2), 16);
  return `rgb(${channel(0)} ${channel(2)} ${channel(4)} / ${alpha})`;
}
