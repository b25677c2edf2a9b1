import { describe, expect, it } from 'vitest';
import { type Counter, targetCounter } from './target-counter.js';

const counter = (id: string, name: string): Counter => ({
  id,
  boardId: 'lobby',
  name,
  value: 0,
  version: 0,
  min: null,
  max: null,
  step: 1,
  goal: null,
});

const counters = [counter('a', 'Count'), counter('b', 'Votes'), counter('c', 'Votes')];

describe('targetCounter', () => {
  it("is the board's first counter when no name is asked for", () => {
    expect(targetCounter(counters, undefined, undefined)?.id).toBe('a');
  });

  it('is the first counter of the name asked for', () => {
    expect(targetCounter(counters, 'Votes', undefined)?.id).toBe('b');
  });

  it('stays on the counter it has been incrementing, renamed or not', () => {
    expect(targetCounter(counters, 'Votes', 'c')?.id).toBe('c');
    expect(targetCounter([counter('b', 'Renamed'), counter('a', 'Count')], undefined, 'b')?.id).toBe('b');
  });

  it('moves on once that counter is gone', () => {
    expect(targetCounter([counter('b', 'Votes')], undefined, 'a')?.id).toBe('b');
    expect(targetCounter([counter('a', 'Count')], 'Votes', 'b')).toBeUndefined();
  });

  it('is undefined on a board without counters', () => {
    expect(targetCounter([], undefined, undefined)).toBeUndefined();
  });
});
