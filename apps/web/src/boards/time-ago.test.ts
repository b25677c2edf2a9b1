import { describe, expect, it } from 'vitest';
import { timeAgo } from './time-ago';

const MINUTE = 60_000;
const now = Date.UTC(2026, 11, 4, 12, 0);
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

describe('timeAgo', () => {
  it('counts whole minutes, hours and days back, in the largest unit that fits', () => {
    expect(timeAgo(now - 5 * MINUTE - 59_000, now)).toBe(relative.format(-5, 'minute'));
    expect(timeAgo(now - 3 * 60 * MINUTE, now)).toBe(relative.format(-3, 'hour'));
    expect(timeAgo(now - 49 * 60 * MINUTE, now)).toBe(relative.format(-2, 'day'));
  });

  it('says "now" under a minute, and for a moment a little ahead of this clock', () => {
    expect(timeAgo(now - 59_000, now)).toBe(relative.format(0, 'second'));
    expect(timeAgo(now + 5_000, now)).toBe(relative.format(0, 'second'));
  });
});
