import type { StepRange } from './history-steps';

type Format = (value: number) => string;

/** Whether the line went below or above both of its ends on the way. */
function hasExtremes({ first, last, low, high }: StepRange): boolean {
  return low < Math.min(first, last) || high > Math.max(first, last);
}

/**
 * What a window of history says in one sentence, for the chart's text alternative:
 * "From 0 to 33 in the last hour.", "From 5 to 5 in the last 7 days, between 0 and 40.",
 * "Stayed at 5 in the last 24 hours."
 */
export function historySummary(range: StepRange, span: string, format: Format): string {
  const { first, last, low, high } = range;
  if (low === high) return `Stayed at ${format(first)} in ${span}.`;
  const between = hasExtremes(range) ? `, between ${format(low)} and ${format(high)}` : '';
  return `From ${format(first)} to ${format(last)} in ${span}${between}.`;
}
