import type { BoardState, OpRejectedListener, PendingOp, TallyClient } from '@tally/client';
import type { Counter, ProtocolError } from '@tally/events';
import { afterEach, describe, expect, it } from 'vitest';
import { dismissToast, getToasts } from '../toasts/toast-store';
import { toastRejectedOps } from './rejected-op-toast';
import { undoTracker } from './undo-tracker';

const seats: Counter = {
  id: 'c1',
  boardId: 'b1',
  name: 'Seats',
  value: 10,
  version: 3,
  min: 0,
  max: 10,
  step: 1,
  goal: null,
};

/** The parts of a client the toast reads: its rejection listeners (called by the test) and board b1 holding Seats. */
function clientStandIn() {
  const listeners = new Set<OpRejectedListener>();
  const board = { view: { board: { counters: [seats] } } } as unknown as BoardState;
  const client: Pick<TallyClient, 'onOpRejected' | 'getBoard'> = {
    onOpRejected(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getBoard: () => board,
  };
  const reject = (op: PendingOp, error: ProtocolError) => {
    for (const listener of listeners) listener(op, error);
  };
  return { client, reject };
}

describe('toastRejectedOps', () => {
  afterEach(() => {
    undoTracker.dismiss();
    for (const toast of getToasts()) dismissToast(toast.id);
  });

  it('says why a click was refused, in the words of the counter, and takes it off the undo offer', () => {
    const { client, reject } = clientStandIn();
    toastRejectedOps(client);
    const click = { opId: 'op-1', boardId: 'b1', counterId: 'c1', by: 1 };
    undoTracker.record({ ...click, at: Date.now() }, 'Seats');
    reject(
      { kind: 'increment', ...click, createdAt: Date.now() },
      { code: 'out_of_range', message: 'above the maximum' },
    );
    expect(getToasts().map((toast) => toast.message)).toEqual([
      '“Seats” must stay between 0 and 10, so that change was undone.',
    ]);
    expect(undoTracker.get()).toBeNull();
  });
});
