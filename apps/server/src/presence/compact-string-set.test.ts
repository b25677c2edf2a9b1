import { describe, expect, it } from 'vitest';
import {
  addToSet,
  addToSetIn,
  type CompactStringSet,
  removeFromSet,
  removeFromSetIn,
  setHas,
  setValues,
} from './compact-string-set.js';

describe('CompactStringSet', () => {
  it('is the string itself with one element, a Set from two on, and undefined when empty', () => {
    const one = addToSet(undefined, 'a');
    expect(one).toBe('a');
    expect(addToSet(one, 'a')).toBe('a');
    const three = addToSet(addToSet(one, 'b'), 'c');
    expect(three).toEqual(new Set(['a', 'b', 'c']));
    const two = removeFromSet(three, 'b') ?? '';
    expect(two).toEqual(new Set(['a', 'c']));
    const last = removeFromSet(two, 'a') ?? '';
    expect(last).toBe('c');
    expect(removeFromSet(last, 'a')).toBe('c');
    expect(removeFromSet(last, 'c')).toBeUndefined();
  });

  it('keeps a map of sets without empty entries', () => {
    const map = new Map<string, CompactStringSet>();
    addToSetIn(map, 'k', 'a');
    addToSetIn(map, 'k', 'b');
    expect(removeFromSetIn(map, 'k', 'a')).toBe('b');
    expect(map.get('k')).toBe('b');
    expect(removeFromSetIn(map, 'k', 'b')).toBeUndefined();
    expect(map.has('k')).toBe(false);
    expect(removeFromSetIn(map, 'missing', 'a')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('answers membership in either form', () => {
    expect(setHas(undefined, 'a')).toBe(false);
    expect(setHas('a', 'a')).toBe(true);
    expect(setHas('a', 'b')).toBe(false);
    expect(setHas(new Set(['a', 'b']), 'b')).toBe(true);
    expect(setHas(new Set(['a', 'b']), 'c')).toBe(false);
  });

  it('hands out a copy of its elements', () => {
    const set = new Set(['a', 'b']);
    const values = setValues(set);
    set.delete('a');
    expect(values).toEqual(['a', 'b']);
    expect(setValues(undefined)).toEqual([]);
  });
});
