import { describe, expect, it } from 'vitest';
import { historySummary } from './history-sentence';
import { stepRange, windowSteps } from './history-steps';
import { sparklineCaption } from './history-summary';
import { stepValueAt, valueChanges } from './step-lookups';

const HOUR = 3_600_000;
const plain = (value: number) => String(value);

describe('windowSteps', () => {
  it('starts at the window with the value before it and ends now with the current value', () => {
    const now = 10 * HOUR;
    const steps = windowSteps(
      [
        { t: now - 2 * HOUR, value: 4 },
        { t: now - HOUR / 2, value: 9 },
        { t: now + 1, value: 99 },
      ],
      12,
      now,
      HOUR,
    );
    expect(steps).toEqual([
      { t: now - HOUR, value: 4 },
      { t: now - HOUR / 2, value: 9 },
      { t: now, value: 12 },
    ]);
  });

  it('starts from the first point when nothing is known before the window, or from the value now', () => {
    expect(windowSteps([{ t: 50, value: 3 }], 5, 100, 100)[0]).toEqual({ t: 0, value: 3 });
    expect(windowSteps([], 5, 100, 100)).toEqual([
      { t: 0, value: 5 },
      { t: 100, value: 5 },
    ]);
  });
});

describe('stepValueAt', () => {
  const steps = [
    { t: 0, value: 1 },
    { t: 10, value: 5 },
    { t: 20, value: 2 },
  ];
  it('holds a value until the next step', () => {
    expect(stepValueAt(steps, 9)).toBe(1);
    expect(stepValueAt(steps, 10)).toBe(5);
    expect(stepValueAt(steps, 19)).toBe(5);
    expect(stepValueAt(steps, 25)).toBe(2);
    expect(stepValueAt(steps, -5)).toBe(1);
    expect(stepValueAt([], 5)).toBeUndefined();
  });
});

describe('valueChanges', () => {
  it('keeps the steps that changed the value, the first and now', () => {
    const steps = [
      { t: 0, value: 0 },
      { t: 1, value: 3 },
      { t: 2, value: 3 },
      { t: 3, value: 1 },
      { t: 4, value: 1 },
    ];
    expect(valueChanges(steps)).toEqual([steps[0], steps[1], steps[3], steps[4]]);
  });
});

describe('history in words', () => {
  it('says where a window went, and its extremes when they lie past both ends', () => {
    const rise = stepRange([
      { t: 0, value: 0 },
      { t: 1, value: 33 },
    ]);
    expect(historySummary(rise, 'the last hour', plain)).toBe('From 0 to 33 in the last hour.');
    expect(sparklineCaption(rise, plain)).toBe('0 → 33');
    const peak = stepRange([
      { t: 0, value: 5 },
      { t: 1, value: 40 },
      { t: 2, value: -1 },
      { t: 3, value: 5 },
    ]);
    expect(historySummary(peak, 'the last 7 days', plain)).toBe(
      'From 5 to 5 in the last 7 days, between -1 and 40.',
    );
    expect(sparklineCaption(peak, plain)).toBe('5 → 5 (low -1, high 40)');
  });

  it('tells 0 → 33 from 0 → 5', () => {
    const small = stepRange([
      { t: 0, value: 0 },
      { t: 1, value: 5 },
    ]);
    expect(sparklineCaption(small, plain)).toBe('0 → 5');
  });

  it('says when nothing moved', () => {
    const flat = stepRange([
      { t: 0, value: 7 },
      { t: 1, value: 7 },
    ]);
    expect(historySummary(flat, 'the last 24 hours', plain)).toBe('Stayed at 7 in the last 24 hours.');
    expect(sparklineCaption(flat, plain)).toBe('no change');
  });
});
