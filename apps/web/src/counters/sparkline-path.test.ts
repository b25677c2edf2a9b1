import { describe, expect, it } from 'vitest';
import { sparklineGeometry } from './sparkline-path';

const HOUR = 60 * 60 * 1000;

describe('sparklineGeometry', () => {
  it('draws a step line from the start of the window to now, ending on the current value', () => {
    const now = 10 * HOUR;
    const { line } = sparklineGeometry(
      [
        { t: now - HOUR / 2, value: 0 },
        { t: now - HOUR / 4, value: 10 },
      ],
      10,
      now,
      HOUR,
      100,
      20,
    );
    // Starts at the first value (0, bottom), steps up at 75 % of the width, holds until now.
    expect(line).toBe('M0 18 H50 V18 H75 V2 H100 V2');
  });

  it('starts from the last value before the window', () => {
    const now = 10 * HOUR;
    const { line } = sparklineGeometry([{ t: now - 2 * HOUR, value: 5 }], 7, now, HOUR, 100, 20);
    expect(line.startsWith('M0 18')).toBe(true);
    expect(line.endsWith('H100 V2')).toBe(true);
  });

  it('draws a flat line near the bottom when nothing moved', () => {
    const { line, area } = sparklineGeometry([], 3, HOUR, HOUR, 100, 20);
    expect(line).toBe('M0 16 H100 V16');
    expect(area).toBe('M0 16 H100 V16 V20 H0 Z');
  });
});
