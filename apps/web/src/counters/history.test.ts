import { describe, expect, it } from 'vitest';
import { historyQueryKey, historyQueryMinutes, historyQueryOptions, withHistoryPoint } from './history';

const HOUR = 3_600_000;

describe('history queries', () => {
  it('key each window under the counter, so live points and resyncs reach all of them', () => {
    const week = historyQueryOptions('b', 'c1', 10080).queryKey;
    expect(week.slice(0, 2)).toEqual([...historyQueryKey('c1')]);
    expect(historyQueryMinutes(week)).toBe(10080);
    expect(historyQueryMinutes(historyQueryOptions('b', 'c1').queryKey)).toBe(60);
  });
});

describe('withHistoryPoint', () => {
  it('keeps the lowest, highest and last point of a live bucket, whose width follows the window', () => {
    const points = [
      { t: 0, value: 1 },
      { t: 1_000, value: 5 },
      { t: 2_000, value: 3 },
    ];
    const next = { t: 60_000, value: 4 };
    // An hour's buckets are 10 s: the new point has its own.
    expect(withHistoryPoint(points, next, HOUR)).toEqual([...points, next]);
    // A week's are 28 min: 3 goes, the low 1 and the peak 5 stay.
    expect(withHistoryPoint(points, next, 7 * 24 * HOUR)).toEqual([points[0], points[1], next]);
    // A steady rise keeps its two ends only.
    const rise = Array.from({ length: 50 }, (_, i) => ({ t: i * 100, value: i }));
    expect(rise.reduce<typeof rise>((kept, p) => withHistoryPoint(kept, p, HOUR), [])).toEqual([
      rise[0],
      rise.at(-1),
    ]);
  });

  it('drops what fell out of the window but the value the line starts from', () => {
    const points = [
      { t: 0, value: 1 },
      { t: HOUR / 2, value: 2 },
      { t: HOUR, value: 3 },
    ];
    expect(withHistoryPoint(points, { t: 2 * HOUR - 1, value: 4 }, HOUR)).toEqual([
      { t: HOUR / 2, value: 2 },
      { t: HOUR, value: 3 },
      { t: 2 * HOUR - 1, value: 4 },
    ]);
  });
});
