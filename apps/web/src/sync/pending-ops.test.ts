import { describe, expect, it } from 'vitest';
import { groupOpsByCounter, isPendingOp, optimisticValue, type PendingOp } from './pending-ops';

function increment(opId: string, by: number, counterId = 'c1'): PendingOp {
  return { kind: 'increment', opId, boardId: 'b1', counterId, by, createdAt: 1 };
}
function reset(opId: string, counterId = 'c1'): PendingOp {
  return { kind: 'reset', opId, boardId: 'b1', counterId, createdAt: 1 };
}
function undo(opId: string, undoes: string, by: number): PendingOp {
  return { kind: 'undo', opId, boardId: 'b1', counterId: 'c1', undoes, by, createdAt: 1 };
}

describe('optimisticValue', () => {
  it('is the server value when nothing is pending', () => {
    expect(optimisticValue(42, [])).toBe(42);
  });

  it('adds every pending delta to the server value', () => {
    expect(optimisticValue(10, [increment('a', 1), increment('b', 1), increment('c', -5)])).toBe(7);
  });

  it('starts again from the reset value at a pending reset, then applies what came after it', () => {
    expect(optimisticValue(10, [increment('a', 3), reset('r'), increment('b', 2)])).toBe(2);
    // A counter whose minimum is 5 resets to 5.
    expect(optimisticValue(10, [reset('r'), increment('b', 2)], 5)).toBe(7);
  });

  it('applies a pending undo as the inverse of its click', () => {
    expect(optimisticValue(11, [undo('u', 'a', -1)])).toBe(10);
  });
});

describe('groupOpsByCounter', () => {
  it('keeps each counter’s ops in the order they were made', () => {
    const groups = groupOpsByCounter([
      increment('a', 1, 'x'),
      increment('b', 1, 'y'),
      increment('c', 2, 'x'),
    ]);
    expect(groups.get('x')?.map((op) => op.opId)).toEqual(['a', 'c']);
    expect(groups.get('y')?.map((op) => op.opId)).toEqual(['b']);
  });
});

describe('isPendingOp', () => {
  it('reads back increments, resets and undos, and nothing malformed', () => {
    expect(isPendingOp(increment('a', 1))).toBe(true);
    expect(isPendingOp(reset('r'))).toBe(true);
    expect(isPendingOp(undo('u', 'a', -1))).toBe(true);
    expect(isPendingOp({ ...undo('u', 'a', -1), undoes: 3 })).toBe(false);
    expect(isPendingOp({ ...increment('a', 1), by: 0 })).toBe(false);
  });
});
