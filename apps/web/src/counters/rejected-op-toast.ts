import type { TallyClient } from '@tally/client';
import { describeFailure } from '../sync/error-messages';
import { showToast } from '../toasts/toast-store';
import { undoTracker } from './undo-tracker';

/**
 * Says why the server refused a click or a reset of this tab for good (the client has rolled it
 * back already), and withdraws the offer to undo it: a refused click has nothing to undo.
 * Returns the removal of the listener.
 */
export function toastRejectedOps(client: Pick<TallyClient, 'onOpRejected' | 'getBoard'>): () => void {
  return client.onOpRejected((op, error) => {
    undoTracker.forget(op.opId);
    const counter = client
      .getBoard(op.boardId)
      .view?.board.counters.find((known) => known.id === op.counterId);
    showToast(describeFailure(op.kind, error, counter));
  });
}
