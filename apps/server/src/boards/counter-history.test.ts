import { describe, expect, it } from 'vitest';
import { bucketCounterHistory, HISTORY_BUCKETS } from './counter-history.js';

const HOUR = 60 * 60_000;

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
      { t: 20, value: 2 },
      { t: bucket + 5, value: 3 },
      { t: 5 * bucket, value: 4 },
      { t: HOUR, value: 4 },
    ]);
  });

  it('never answers more than one point per bucket plus the two ends', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ t: (i * HOUR) / 10_000, value: i }));
    const { points: out } = bucketCounterHistory({ startValue: -1, points }, 0, HOUR);
    expect(out).toHaveLength(HISTORY_BUCKETS + 2);
    expect(out.at(-1)).toEqual({ t: HOUR, value: 9_999 });
  });
});
