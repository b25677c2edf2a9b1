import type { Counter } from '@tally/events';

/** The settings of a counter a form edits (v1.1): bounds, step and goal (`null`: none). */
export type CounterSettings = Pick<Counter, 'min' | 'max' | 'step' | 'goal'>;

/** What the fields hold; blank means none (step: 1). */
export type SettingsDraft = Record<keyof CounterSettings, string>;

export type SettingsErrors = Partial<Record<keyof CounterSettings, string>>;

export const DEFAULT_SETTINGS: CounterSettings = { min: null, max: null, step: 1, goal: null };
export const MAX_STEP = 1000;

export function draftOf(settings: CounterSettings): SettingsDraft {
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    min: text(settings.min),
    max: text(settings.max),
    step: String(settings.step),
    goal: text(settings.goal),
  };
}

/** A field as a whole number: null when blank, undefined when it is not one the server takes. */
function parseWhole(raw: string): number | null | undefined {
  const text = raw.trim();
  if (text === '') return null;
  if (!/^[-+]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Checks a draft the way the server will (whole numbers, a step of 1–1000, min ≤ max) and, for
 * an existing counter, that its current `value` fits the new bounds (the server refuses that
 * with `out_of_range`).
 */
export function parseSettings(
  draft: SettingsDraft,
  value?: number,
): { ok: true; settings: CounterSettings } | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const min = parseWhole(draft.min);
  const max = parseWhole(draft.max);
  const goal = parseWhole(draft.goal);
  const step = parseWhole(draft.step) ?? (draft.step.trim() === '' ? 1 : undefined);
  if (min === undefined) errors.min = 'Enter a whole number, or leave it blank for none.';
  if (max === undefined) errors.max = 'Enter a whole number, or leave it blank for none.';
  if (goal === undefined) errors.goal = 'Enter a whole number, or leave it blank for none.';
  if (step === undefined || step === null || step < 1 || step > MAX_STEP)
    errors.step = `Enter a whole number from 1 to ${MAX_STEP}.`;
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    errors.max = 'The maximum must not be less than the minimum.';
  else if (value !== undefined && typeof min === 'number' && value < min)
    errors.min = `The value is ${value}, below this minimum.`;
  else if (value !== undefined && typeof max === 'number' && value > max)
    errors.max = `The value is ${value}, above this maximum.`;
  if (Object.keys(errors).length > 0 || min === undefined || max === undefined || goal === undefined)
    return { ok: false, errors };
  return { ok: true, settings: { min, max, step: step ?? 1, goal } };
}

/** Only what changed, for `counter:configure` (a key left out stays as it is; null clears it). */
export function settingsChanges(current: CounterSettings, next: CounterSettings): Partial<CounterSettings> {
  const changes: Partial<CounterSettings> = {};
  if (next.min !== current.min) changes.min = next.min;
  if (next.max !== current.max) changes.max = next.max;
  if (next.step !== current.step) changes.step = next.step;
  if (next.goal !== current.goal) changes.goal = next.goal;
  return changes;
}
