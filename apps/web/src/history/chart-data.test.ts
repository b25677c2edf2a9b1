import { describe, expect, it } from 'vitest';
import { chartData, valueRange, WHOLE_INCREMENTS, withAlpha } from './chart-data';
import { formatTick } from './history-format';
import { HISTORY_RANGES, historyRange } from './history-ranges';

describe('chart data', () => {
  it('gives uPlot the times and the values apart', () => {
    expect(
      chartData([
        { t: 1, value: 2 },
        { t: 3, value: 4 },
      ]),
    ).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('leaves room around the values, never below 0 for counts that never were', () => {
    expect(valueRange(0, 33)).toEqual([0, 37]);
    expect(valueRange(5, 5)).toEqual([4, 6]);
    expect(valueRange(-10, 10)).toEqual([-12, 12]);
  });

  it('ticks whole numbers only', () => {
    expect(WHOLE_INCREMENTS.slice(0, 4)).toEqual([1, 2, 5, 10]);
    expect(WHOLE_INCREMENTS.every(Number.isInteger)).toBe(true);
  });

  it('turns the theme colour into a translucent fill', () => {
    expect(withAlpha('#4f46e5', 0.12)).toBe('rgb(79 70 229 / 0.12)');
    expect(withAlpha('var(--x)', 0.5)).toBe('transparent');
  });
});

describe('ranges', () => {
  it('are 1 h, 24 h and 7 d, all within the route’s 10,080 minutes', () => {
    expect(HISTORY_RANGES.map((range) => [range.label, range.minutes])).toEqual([
      ['1 h', 60],
      ['24 h', 1440],
      ['7 d', 10080],
    ]);
    expect(historyRange('7d').span).toBe('the last 7 days');
  });

  it('label a week’s axis by day and shorter ones by time of day', () => {
    const t = new Date(2030, 0, 7, 15, 30).getTime();
    expect(formatTick(t, '7d')).not.toBe(formatTick(t, '24h'));
    expect(formatTick(t, '1h')).toBe(formatTick(t, '24h'));
  });
});
