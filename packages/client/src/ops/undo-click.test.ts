import { describe, expect, it } from 'vitest';
import { memoryQueue } from '../testing/memory-queue.js';
import { optimisticValue } from './pending-ops.js';
import { undoClick } from './undo-click.js';

const click = { opId: 'op-00001', boardId: 'b1', counterId: 'c1', by: 5 };

function setUp() {
  const queue = memoryQueue();
  queue.add({ kind: 'increment', createdAt: 1, ...click });
  return queue;
}

describe('undoClick', () => {
  it('drops a click still waiting in the queue (offline): the value goes back, nothing is sent', () => {
    const queue = setUp();
    const unsent = new Set([click.opId]);
    expect(optimisticValue(10, queue.getOps())).toBe(15);
    expect(undoClick(queue, click, { unsent, newOpId: () => 'undo-00001', now: 2 })).toBe('dropped');
    expect(queue.getOps()).toEqual([]);
    expect(optimisticValue(10, queue.getOps())).toBe(10);
    expect(unsent.has(click.opId)).toBe(false);
  });

  it('queues an undo behind a click that went out (it may have been applied), inverse of its by', () => {
    const queue = setUp();
    expect(undoClick(queue, click, { unsent: new Set(), newOpId: () => 'undo-00001', now: 2 })).toBe(
      'queued',
    );
    expect(queue.getOps().map((op) => op.opId)).toEqual(['op-00001', 'undo-00001']);
    expect(queue.getOps()[1]).toMatchObject({ kind: 'undo', undoes: 'op-00001', by: -5 });
    expect(optimisticValue(10, queue.getOps())).toBe(10);
  });

  it('undoes a click the server already confirmed with a counter:undo op', () => {
    const queue = memoryQueue();
    expect(undoClick(queue, click, { unsent: new Set(), newOpId: () => 'undo-00002', now: 2 })).toBe(
      'queued',
    );
    expect(queue.getOps()).toEqual([
      {
        kind: 'undo',
        opId: 'undo-00002',
        undoes: 'op-00001',
        by: -5,
        boardId: 'b1',
        counterId: 'c1',
        createdAt: 2,
      },
    ]);
  });
});
