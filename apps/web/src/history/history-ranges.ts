/** The chart's ranges; the route answers any of them (1–10,080 minutes). */
export const HISTORY_RANGES = [
  { id: '1h', label: '1 h', minutes: 60, span: 'the last hour' },
  { id: '24h', label: '24 h', minutes: 24 * 60, span: 'the last 24 hours' },
  { id: '7d', label: '7 d', minutes: 7 * 24 * 60, span: 'the last 7 days' },
] as const;

export type HistoryRange = (typeof HISTORY_RANGES)[number];
export type HistoryRangeId = HistoryRange['id'];

export function historyRange(id: HistoryRangeId): HistoryRange {
  return HISTORY_RANGES.find((range) => range.id === id) ?? HISTORY_RANGES[0];
}
