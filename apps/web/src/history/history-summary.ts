import type { StepRange } from './history-steps';

type Format = (value: number) => string;

/**
 * The sparkline's scale in a few characters, so that 0 → 33 and 0 → 5 do not look alike
 * unsaid: "0 → 33", "0 → 5 (high 9)", "no change".
 */
export function sparklineCaption(range: StepRange, format: Format): string {
  const { first, last, low, high } = range;
  if (low === high) return 'no change';
  const extremes: string[] = [];
  if (low < Math.min(first, last)) extremes.push(`low ${format(low)}`);
  if (high > Math.max(first, last)) extremes.push(`high ${format(high)}`);
  return `${format(first)} → ${format(last)}${extremes.length > 0 ? ` (${extremes.join(', ')})` : ''}`;
}
