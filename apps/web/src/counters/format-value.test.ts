import { describe, expect, it } from 'vitest';
import { displayText, displayValue, formatCompactValue, formatValue, MAX_FULL_LENGTH } from './format-value';

const MAX = Number.MAX_SAFE_INTEGER;

describe('formatValue', () => {
  it('writes values below 1,000 as plain digits, negatives with a hyphen-minus in en-US', () => {
    expect(formatValue(0, 'en-US')).toBe('0');
    expect(formatValue(13, 'en-US')).toBe('13');
    expect(formatValue(-5, 'en-US')).toBe('-5');
    expect(formatValue(999, 'en-US')).toBe('999');
  });

  it("groups thousands in the locale's way", () => {
    expect(formatValue(1_234_567, 'en-US')).toBe('1,234,567');
    expect(formatValue(-MAX, 'en-US')).toBe('-9,007,199,254,740,991');
    expect(formatValue(1_234_567, 'de-DE')).toBe('1.234.567');
    expect(formatValue(1_234_567, 'en-IN')).toBe('12,34,567');
  });
});

describe('formatCompactValue', () => {
  it('rounds to a short form with a unit', () => {
    expect(formatCompactValue(1_234_567, 'en-US')).toBe('1.2M');
    expect(formatCompactValue(-MAX, 'en-US')).toBe('-9007T');
    expect(formatCompactValue(1_234_567, 'de-DE')).toBe('1,2\u00a0Mio.');
  });
});

describe('displayValue', () => {
  it('shows the full form while it fits', () => {
    expect(displayValue(-5, 'en-US')).toEqual({ full: '-5', shown: '-5', compact: false });
    const longestFull = -999_999_999_999;
    expect(formatValue(longestFull, 'en-US')).toHaveLength(MAX_FULL_LENGTH);
    expect(displayValue(longestFull, 'en-US')).toMatchObject({ shown: '-999,999,999,999', compact: false });
  });

  it('shows the compact form past the longest full form, keeping the exact value beside it', () => {
    expect(displayValue(-1_000_000_000_000, 'en-US')).toEqual({
      full: '-1,000,000,000,000',
      shown: '-1T',
      compact: true,
    });
    expect(displayValue(MAX, 'en-US')).toEqual({
      full: '9,007,199,254,740,991',
      shown: '9007T',
      compact: true,
    });
  });

  it('decides by the length of the locale form, which depends on its grouping', () => {
    // "9,99,99,99,99,999" in en-IN has 17 characters, "999,999,999,999" in en-US 15.
    expect(displayValue(999_999_999_999, 'en-IN').compact).toBe(true);
    expect(displayValue(999_999_999_999, 'en-US').compact).toBe(false);
  });
});

describe('displayText', () => {
  const goalLine = (format: (value: number) => string) => `${format(1_234)} of ${format(MAX)}`;

  it('writes the values of a line in full while the line fits', () => {
    expect(displayText((format) => `${format(1_234)} of ${format(5_000)}`, 20, 'en-US')).toEqual({
      full: '1,234 of 5,000',
      shown: '1,234 of 5,000',
      compact: false,
    });
  });

  it('writes them compact when the full line is too long, keeping the full line beside it', () => {
    expect(displayText(goalLine, 20, 'en-US')).toEqual({
      full: '1,234 of 9,007,199,254,740,991',
      shown: '1.2K of 9007T',
      compact: true,
    });
  });
});
