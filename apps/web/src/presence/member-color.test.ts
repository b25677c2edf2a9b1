import { describe, expect, it } from 'vitest';
import { initials, memberHue } from './member-color';

describe('initials', () => {
  it('takes the first and last words of a longer name', () => {
    expect(initials('Ana Lima')).toBe('AL');
    expect(initials('  ana de la cruz ')).toBe('AC');
  });

  it('takes two letters of a one-word name, so that Ana and Alex differ', () => {
    expect(initials('Ana')).toBe('An');
    expect(initials('Alex')).toBe('Al');
    expect(initials('Ö')).toBe('Ö');
  });

  it('keeps letters outside the basic plane whole', () => {
    expect(initials('𝒜na')).toBe('𝒜n');
  });
});

describe('memberHue', () => {
  it('gives the same member the same hue, within a circle', () => {
    expect(memberHue('client-1')).toBe(memberHue('client-1'));
    expect(memberHue('client-1')).toBeGreaterThanOrEqual(0);
    expect(memberHue('client-1')).toBeLessThan(360);
  });
});
