import { describe, expect, it } from 'vitest';
import { Histogram } from './histogram.js';

describe('Histogram', () => {
  it('reports percentiles within its 1% precision', () => {
    const histogram = new Histogram();
    for (let value = 1; value <= 10_000; value++) histogram.record(value / 10);
    const summary = histogram.summary();
    expect(summary.count).toBe(10_000);
    expect(summary.p50).toBeGreaterThanOrEqual(500);
    expect(summary.p50).toBeLessThan(505.1);
    expect(summary.p99).toBeGreaterThanOrEqual(990);
    expect(summary.p99).toBeLessThan(1000.0001);
    expect(summary.max).toBe(1000);
    expect(summary.mean).toBeCloseTo(500.05, 6);
  });

  it('merges another histogram as if its samples were recorded here', () => {
    const low = new Histogram();
    const high = new Histogram();
    const both = new Histogram();
    for (let value = 1; value <= 100; value++) {
      low.record(value);
      both.record(value);
      high.record(value * 100);
      both.record(value * 100);
    }
    low.merge(high.toData());
    expect(low.summary()).toEqual(both.summary());
  });

  it('answers NaN, not zero, when nothing was recorded', () => {
    expect(new Histogram().summary().p99).toBeNaN();
  });
});
