import type { Counter } from '@tally/events';
import { formatValue } from './format-value';

/** The settings of a counter that bound or describe its value (v1.1). */
export type CounterLimits = Pick<Counter, 'min' | 'max' | 'step' | 'goal'>;

/** What a reset sets, as the server does: 0, or the nearer bound when 0 lies outside [min, max]. */
export function resetValue(limits: Pick<Counter, 'min' | 'max'>): number {
  if (limits.min !== null && limits.min > 0) return limits.min;
  if (limits.max !== null && limits.max < 0) return limits.max;
  return 0;
}

/** Whether `value + delta` stays a safe integer inside [min, max], which the server requires of every increment. */
export function canMove(value: number, delta: number, limits: Pick<Counter, 'min' | 'max'>): boolean {
  const next = value + delta;
  return (
    Number.isSafeInteger(next) &&
    (limits.min === null || next >= limits.min) &&
    (limits.max === null || next <= limits.max)
  );
}

/** Why a button is off: the bound the next step would cross, for its tooltip. */
export function blockedReason(
  value: number,
  delta: number,
  limits: Pick<Counter, 'min' | 'max'>,
): string | undefined {
  if (canMove(value, delta, limits)) return undefined;
  if (delta > 0 && limits.max !== null) return `The maximum is ${formatValue(limits.max)}`;
  if (delta < 0 && limits.min !== null) return `The minimum is ${formatValue(limits.min)}`;
  return 'The counter cannot go further';
}

/**
 * The bound the value sits on, if any: a door counter at its capacity says so on its card, not
 * only through a button that no longer works. Empty when it sits on none; `format` writes the bound.
 */
export function boundReached(
  value: number,
  limits: Pick<Counter, 'min' | 'max'>,
  format: (value: number) => string = formatValue,
): string {
  if (limits.max !== null && value >= limits.max) return `At the maximum (${format(limits.max)})`;
  if (limits.min !== null && value <= limits.min) return `At the minimum (${format(limits.min)})`;
  return '';
}

/** A goal as progress: how far the value is from 0 to the goal (0–1), and whether it is reached. */
export function goalProgress(value: number, goal: number): { fraction: number; reached: boolean } {
  // Counting down to a negative goal is progress too; a goal of 0 is reached exactly at 0.
  const fraction = goal === 0 ? (value === 0 ? 1 : 0) : Math.min(1, Math.max(0, value / goal));
  const reached = goal >= 0 ? value >= goal : value <= goal;
  return { fraction, reached };
}

/**
 * A short line for the card ("0 to 100 · step 5"); empty when the counter has no limits and steps
 * by 1. `format` writes each value (in full by default; compact where the line must be short).
 */
export function describeLimits(
  limits: CounterLimits,
  format: (value: number) => string = formatValue,
): string {
  const parts: string[] = [];
  if (limits.min !== null && limits.max !== null)
    parts.push(`${format(limits.min)} to ${format(limits.max)}`);
  else if (limits.min !== null) parts.push(`at least ${format(limits.min)}`);
  else if (limits.max !== null) parts.push(`at most ${format(limits.max)}`);
  if (limits.step !== 1) parts.push(`step ${format(limits.step)}`);
  const line = parts.join(' · ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}
