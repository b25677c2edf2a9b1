import type { Counter } from '@tally/events';
import { describe, expect, it } from 'vitest';
import { applyCounterUpdates, isNewer, mergeCounterLists, withDescription } from './versions.js';

function counter(id: string, value: number, version: number, name = id): Counter {
  return { id, boardId: 'b1', name, value, version, min: null, max: null, step: 1, goal: null };
}

describe('isNewer', () => {
  it('accepts anything when nothing is known yet', () => {
    expect(isNewer({ version: 0 }, undefined)).toBe(true);
  });

  it('accepts only a strictly higher version', () => {
    expect(isNewer({ version: 4 }, { version: 3 })).toBe(true);
    expect(isNewer({ version: 3 }, { version: 3 })).toBe(false);
    expect(isNewer({ version: 2 }, { version: 3 })).toBe(false);
  });
});

describe('applyCounterUpdates', () => {
  const counters = [counter('a', 10, 5), counter('b', 1, 1)];

  it('moves a counter forward to a newer version', () => {
    const next = applyCounterUpdates(counters, [{ counterId: 'a', value: 12, version: 7 }]);
    expect(next[0]).toEqual(counter('a', 12, 7));
    expect(next[1]).toBe(counters[1]);
  });

  it('never moves a counter back to an older or equal version', () => {
    const older = applyCounterUpdates(counters, [{ counterId: 'a', value: 9, version: 4 }]);
    const equal = applyCounterUpdates(counters, [{ counterId: 'a', value: 99, version: 5 }]);
    expect(older).toBe(counters);
    expect(equal).toBe(counters);
  });

  it('keeps the highest version when one batch carries several updates of one counter', () => {
    const next = applyCounterUpdates(counters, [
      { counterId: 'a', value: 14, version: 8 },
      { counterId: 'a', value: 12, version: 6 },
    ]);
    expect(next[0]).toEqual(counter('a', 14, 8));
  });

  it('ignores updates of counters it does not know', () => {
    expect(applyCounterUpdates(counters, [{ counterId: 'zz', value: 1, version: 1 }])).toBe(counters);
  });
});

describe('mergeCounterLists', () => {
  it('keeps the cached value when the fetched snapshot is older (a slow refetch)', () => {
    const merged = mergeCounterLists([counter('a', 20, 9)], [counter('a', 15, 6)]);
    expect(merged).toEqual([counter('a', 20, 9)]);
  });

  it('takes the fetched value when it is newer', () => {
    const merged = mergeCounterLists([counter('a', 20, 9)], [counter('a', 25, 11)]);
    expect(merged).toEqual([counter('a', 25, 11)]);
  });

  it('follows the snapshot for which counters exist and what they are called', () => {
    const merged = mergeCounterLists(
      [counter('a', 20, 9, 'Old name'), counter('gone', 1, 1)],
      [counter('a', 15, 6, 'New name'), counter('new', 0, 0)],
    );
    expect(merged).toEqual([counter('a', 20, 9, 'New name'), counter('new', 0, 0)]);
  });
});

describe('withDescription', () => {
  it('takes limits, step and goal from an event whatever its version, and the value only when newer', () => {
    const known = counter('a', 20, 9);
    const configured = { ...counter('a', 15, 6), min: 0, max: 100, step: 5, goal: 250 };
    expect(withDescription(known, configured)).toEqual({ ...known, min: 0, max: 100, step: 5, goal: 250 });
    expect(withDescription(known, { ...configured, value: 30, version: 10 })).toEqual({
      ...configured,
      value: 30,
      version: 10,
    });
  });

  it('keeps the same object when nothing changes', () => {
    const known = counter('a', 20, 9);
    expect(withDescription(known, counter('a', 15, 6))).toBe(known);
  });

  it('a refetched snapshot brings settings changed meanwhile', () => {
    const merged = mergeCounterLists([counter('a', 20, 9)], [{ ...counter('a', 15, 6), max: 50 }]);
    expect(merged).toEqual([{ ...counter('a', 20, 9), max: 50 }]);
  });
});
