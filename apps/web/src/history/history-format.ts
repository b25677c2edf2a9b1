import { dayAndTime, timeOfDay, timeWithSeconds } from '../app/time-formats';
import type { HistoryRangeId } from './history-ranges';

const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** A moment as the readout and the table say it: to the second in an hour, with the day in a week. */
export function formatMoment(t: number, range: HistoryRangeId): string {
  if (range === '1h') return timeWithSeconds.format(t);
  if (range === '24h') return timeOfDay.format(t);
  return dayAndTime.format(t);
}

/** A label of the time axis: the time of day, or the day in a week. */
export function formatTick(t: number, range: HistoryRangeId): string {
  return range === '7d' ? day.format(t) : timeOfDay.format(t);
}
