import { describe, expect, it } from 'vitest';
import {
  blockedReason,
  boundReached,
  canMove,
  describeLimits,
  goalProgress,
  resetValue,
} from './counter-limits';
import { formatValue } from './format-value';

const none = { min: null, max: null };

describe('counter limits', () => {
  it('resets to 0, or to the nearer bound when 0 is outside them (as the server does)', () => {
    expect(resetValue(none)).toBe(0);
    expect(resetValue({ min: 5, max: null })).toBe(5);
    expect(resetValue({ min: null, max: -3 })).toBe(-3);
    expect(resetValue({ min: -10, max: 10 })).toBe(0);
  });

  it('allows a step only when the result stays inside [min, max] and safe', () => {
    const seats = { min: 0, max: 10 };
    expect(canMove(8, 2, seats)).toBe(true);
    expect(canMove(9, 2, seats)).toBe(false);
    expect(canMove(1, -2, seats)).toBe(false);
    expect(canMove(Number.MAX_SAFE_INTEGER, 1, none)).toBe(false);
    expect(blockedReason(9, 2, seats)).toBe('The maximum is 10');
    expect(blockedReason(1, -2, seats)).toBe('The minimum is 0');
    expect(blockedReason(5, 2, seats)).toBeUndefined();
  });

  it('shows progress to a goal, counting down to a negative one too', () => {
    expect(goalProgress(42, 250)).toEqual({ fraction: 42 / 250, reached: false });
    expect(goalProgress(300, 250)).toMatchObject({ fraction: 1, reached: true });
    expect(goalProgress(-5, -10)).toMatchObject({ fraction: 0.5, reached: false });
    expect(goalProgress(-3, 10)).toMatchObject({ fraction: 0 });
  });

  it('words the limits for the card', () => {
    expect(describeLimits({ ...none, step: 1, goal: null })).toBe('');
    expect(describeLimits({ min: 0, max: 100, step: 5, goal: null })).toBe('0 to 100 · step 5');
    expect(describeLimits({ min: 3, max: null, step: 1, goal: null })).toBe('At least 3');
    expect(describeLimits({ min: null, max: 3, step: 2, goal: null })).toBe('At most 3 · step 2');
  });

  it('writes the values of limits and of a blocked step as values, grouped', () => {
    const huge = { min: -Number.MAX_SAFE_INTEGER, max: 1_000_000, step: 1_000, goal: null };
    const grouped = (value: number) => new Intl.NumberFormat('en-US').format(value);
    expect(describeLimits(huge, grouped)).toBe('-9,007,199,254,740,991 to 1,000,000 · step 1,000');
    expect(describeLimits(huge, (value) => `<${value}>`)).toBe(
      '<-9007199254740991> to <1000000> · step <1000>',
    );
    expect(blockedReason(1_000_000, 1_000, huge)).toBe(`The maximum is ${formatValue(1_000_000)}`);
  });
});

describe('boundReached', () => {
  it('names the bound the value sits on, and nothing in between or without bounds', () => {
    const door = { min: 0, max: 1200 };
    expect(boundReached(1200, door)).toBe(`At the maximum (${formatValue(1200)})`);
    expect(boundReached(0, door)).toBe('At the minimum (0)');
    expect(boundReached(600, door)).toBe('');
    expect(boundReached(5, { min: null, max: null })).toBe('');
  });
});
