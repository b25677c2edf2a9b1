const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** From the largest unit down: the first one that fits the elapsed time is used. */
const UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
] as const;

/**
 * "5 minutes ago", "yesterday": how long ago `at` was, in the user's locale, to the minute (a
 * board's last activity in the boards lists). Under a minute, and a moment from a clock a little
 * ahead of this one, is "now".
 */
export function timeAgo(at: number, now: number): string {
  const elapsed = now - at;
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return relative.format(-Math.floor(elapsed / ms), unit);
  }
  return relative.format(0, 'second');
}
