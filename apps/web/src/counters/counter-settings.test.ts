import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, draftOf, parseSettings, settingsChanges } from './counter-settings';

const blank = { min: '', max: '', step: '', goal: '' };

describe('counter settings', () => {
  it('reads blank fields as none, and a blank step as 1', () => {
    expect(parseSettings(blank)).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    expect(parseSettings({ min: ' 0 ', max: '100', step: '5', goal: '-20' })).toEqual({
      ok: true,
      settings: { min: 0, max: 100, step: 5, goal: -20 },
    });
  });

  it('refuses what the server would: not whole numbers, a step outside 1–1000, min above max', () => {
    const result = parseSettings({ min: '1.5', max: 'x', step: '1001', goal: '1e3' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['goal', 'max', 'min', 'step']);
    const reversed = parseSettings({ ...blank, min: '10', max: '5' });
    expect(reversed.ok === false && reversed.errors.max).toMatch(/must not be less than the minimum/);
    expect(parseSettings({ ...blank, step: '0' }).ok).toBe(false);
  });

  it('refuses bounds the current value already breaks', () => {
    const result = parseSettings({ ...blank, max: '10' }, 42);
    expect(result.ok === false && result.errors.max).toBe('The value is 42, above this maximum.');
    expect(parseSettings({ ...blank, min: '0', max: '50' }, 42).ok).toBe(true);
  });

  it('sends only what changed, null clearing a setting', () => {
    const current = { min: 0, max: 100, step: 5, goal: null };
    expect(settingsChanges(current, { min: null, max: 100, step: 5, goal: 250 })).toEqual({
      min: null,
      goal: 250,
    });
    expect(settingsChanges(current, current)).toEqual({});
    expect(draftOf(current)).toEqual({ min: '0', max: '100', step: '5', goal: '' });
  });
});
