import { describe, expect, it } from 'vitest';
import { bucketCounterHistory, HISTORY_BUCKETS, HISTORY_MAX_POINTS } from './counter-history.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WEEK = 7 * 24 * HOUR;

describe('bucketCounterHistory', () => {
  it('draws a flat line from the start value to now when nothing changed', () => {
    expect(bucketCounterHistory({ startValue: 7, points: [] }, 0, HOUR)).toEqual({
      points: [
        { t: 0, value: 7 },
        { t: HOUR, value: 7 },
      ],
    });
  });

  it('keeps the last change of each bucket, in time order', () => {
    const bucket = HOUR / HISTORY_BUCKETS;
    const points = [
      { t: 10, value: 1 },
      { t: 20, value: 2 },
      { t: bucket + 5, value: 3 },
      { t: 5 * bucket, value: 4 },
    ];
    expect(bucketCounterHistory({ startValue: 0, points }, 0, HOUR).points).toEqual([
      { t: 0, value: 0 },
      { t: 10, value: 1 },
      { t: 20, value: 2 },
      { t: bucket + 5, value: 3 },
      { t: 5 * bucket, value: 4 },
      { t: HOUR, value: 4 },
    ]);
  });

  it("keeps a bucket's lowest and highest change besides its last, each once", () => {
    const points = [
      { t: 1_000, value: 5 },
      { t: 2_000, value: 9 },
      { t: 3_000, value: 2 },
      { t: 4_000, value: 6 },
      { t: 5_000, value: 9 },
    ];
    expect(bucketCounterHistory({ startValue: 4, points }, 0, HOUR).points).toEqual([
      { t: 0, value: 4 },
      { t: 2_000, value: 9 },
      { t: 3_000, value: 2 },
      { t: 5_000, value: 9 },
      { t: HOUR, value: 9 },
    ]);
  });

  it('shows a short peak inside 7 days of busy changes, with 84-minute buckets', () => {
    const since = Date.UTC(2030, 0, 1);
    const now = since + WEEK;
    // A change a minute all week between 10 and 11, and ten minutes at 50 on day 3.
    const peakStart = since + 3 * 24 * HOUR;
    const points = Array.from({ length: WEEK / MINUTE }, (_, i) => {
      const t = since + i * MINUTE;
      return { t, value: t >= peakStart && t < peakStart + 10 * MINUTE ? 50 : 10 + (i % 2) };
    });
    const { points: out } = bucketCounterHistory({ startValue: 10, points }, since, now);
    expect(out.length).toBeLessThanOrEqual(HISTORY_MAX_POINTS);
    expect(out[0]).toEqual({ t: since, value: 10 });
    expect(out.at(-1)).toEqual({ t: now, value: points.at(-1)?.value });
    expect(Math.max(...out.map((p) => p.value))).toBe(50);
    expect(out.find((p) => p.value === 50)?.t).toBe(peakStart);
    // Time order, and points apart by at most two buckets (84 minutes each) all week.
    const bucket = WEEK / HISTORY_BUCKETS;
    expect(bucket).toBe(84 * MINUTE);
    for (let i = 1; i < out.length; i++) {
      const gap = (out[i]?.t ?? 0) - (out[i - 1]?.t ?? 0);
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThanOrEqual(2 * bucket);
    }
  });

  it('never answers more than three points per bucket plus the two ends', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ t: (i * HOUR) / 10_000, value: i % 7 }));
    const { points: out } = bucketCounterHistory({ startValue: -1, points }, 0, HOUR);
    expect(out.length).toBeLessThanOrEqual(HISTORY_MAX_POINTS);
    expect(out.length).toBeGreaterThan(HISTORY_BUCKETS * 2);
    expect(out.at(-1)).toEqual({ t: HOUR, value: 9_999 % 7 });
  });
});
