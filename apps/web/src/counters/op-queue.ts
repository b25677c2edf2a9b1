import type { Counter, ErrorCode, IncrementResponse } from '@tally/events';
import { BOARD_KEY_HEADER, IDEMPOTENCY_KEY_HEADER } from '@tally/events/constants';
import { isRetryable } from '@tally/events/errors';
import { fetchJson, toProtocolError } from '../app/http';
import { queryClient } from '../app/query-client';
import { joinKey } from '../boards/board-keys';
import { isJoined, isRetained, markLeft, subscribeToJoins, suspendJoins } from '../boards/board-membership';
import { boardQueryKeys } from '../boards/board-queries';
import { type BoardView, withCounterUpdates } from '../boards/board-view';
import { request } from '../socket/request';
import { socket } from '../socket/socket';
import { describeFailure } from '../sync/error-messages';
import { createOpFlusher, type SendResult } from '../sync/op-flusher';
import type { PendingOp } from '../sync/pending-ops';
import { createPendingQueue } from '../sync/pending-queue';
import { randomId } from '../sync/random-id';
import { type UndoTarget, undoClick } from '../sync/undo-click';
import { showToast } from '../toasts/toast-store';
import { undoTracker } from './undo-tracker';

const STORAGE_KEY = 'tally.pendingOps';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Every click the server has not confirmed yet, persisted across reloads and shared by the profile's tabs. */
export const opQueue = createPendingQueue(browserStorage(), STORAGE_KEY);

// `not_joined` is final in the protocol, but for a queued op it only means "too early after a
// reconnect": the board query joins again, and the op goes out once that is done.
function isRetryableForQueue(code: ErrorCode): boolean {
  return isRetryable(code) || code === 'not_joined';
}

/**
 * Clicks left pending on a board that is no longer open go over HTTP (same opId as the
 * Idempotency-Key, same rules): no need to join a room, and announce oneself there, for that.
 */
async function sendOverHttp(op: Extract<PendingOp, { kind: 'increment' }>): Promise<SendResult> {
  const key = joinKey(op.boardId);
  try {
    const result = await fetchJson<IncrementResponse>(
      `/api/counters/${encodeURIComponent(op.counterId)}/increment`,
      {
        method: 'POST',
        body: JSON.stringify({ by: op.by }),
        headers: {
          [IDEMPOTENCY_KEY_HEADER]: op.opId,
          ...(key === undefined ? {} : { [BOARD_KEY_HEADER]: key }),
        },
      },
    );
    return { ok: true, value: result.value, version: result.version };
  } catch (error) {
    const failure = toProtocolError(error);
    return { ok: false, error: failure, retryable: isRetryableForQueue(failure.code) };
  }
}

/** Socket when the op's board is joined; HTTP for increments of a board no page shows any more. */
function canSend(op: PendingOp): boolean {
  if (!socket.connected) return false;
  return isJoined(op.boardId) || (op.kind === 'increment' && !isRetained(op.boardId));
}

/** The socket event that carries an op. */
function emitOp(op: PendingOp) {
  switch (op.kind) {
    case 'increment':
      return request(socket, 'counter:increment', { counterId: op.counterId, by: op.by, opId: op.opId });
    case 'reset':
      return request(socket, 'counter:reset', { counterId: op.counterId, opId: op.opId });
    case 'undo':
      return request(socket, 'counter:undo', { opId: op.undoes, undoOpId: op.opId });
  }
}

/** Clicks made on this page that have not been handed to the wire yet: Undo may simply drop them. */
const unsent = new Set<string>();

async function sendOp(op: PendingOp): Promise<SendResult> {
  unsent.delete(op.opId);
  if (op.kind === 'increment' && !isJoined(op.boardId)) return sendOverHttp(op);
  const answer = await emitOp(op);
  if (answer.ok) return { ok: true, value: answer.value, version: answer.version };
  if (answer.error.code === 'not_joined') {
    markLeft(op.boardId);
    void queryClient.invalidateQueries({ queryKey: boardQueryKeys.detail(op.boardId) });
  }
  return { ok: false, error: answer.error, retryable: isRetryableForQueue(answer.error.code) };
}

function counterDetails(op: PendingOp): Counter | undefined {
  const view = queryClient.getQueryData<BoardView>(boardQueryKeys.detail(op.boardId));
  return view?.board.counters.find((counter) => counter.id === op.counterId);
}

export const opFlusher = createOpFlusher({
  queue: opQueue,
  send: sendOp,
  canSend,
  onConfirmed(op, result) {
    // Written before the op leaves the queue, so the shown value never dips or doubles.
    queryClient.setQueryData<BoardView>(boardQueryKeys.detail(op.boardId), (view) =>
      view === undefined ? view : withCounterUpdates(view, [{ counterId: op.counterId, ...result }]),
    );
  },
  onRejected(op, error) {
    // A click the server refused has nothing to undo: no offer, and a queued undo of it would
    // only be refused in turn.
    undoTracker.forget(op.opId);
    for (const other of opQueue.getOps())
      if (other.kind === 'undo' && other.undoes === op.opId) opQueue.remove(other.opId);
    showToast(describeFailure(op.kind, error, counterDetails(op)));
  },
});

opQueue.subscribe(() => {
  // A click another tab of the profile sent (and the server confirmed) leaves the shared queue
  // without passing through this tab's sendOp: forget it here too, or the set only grows.
  for (const opId of unsent) if (!opQueue.has(opId)) unsent.delete(opId);
  opFlusher.flush();
});
subscribeToJoins(() => opFlusher.flush());
// Every connect, recovered or not: ops of boards a page no longer shows go over HTTP at once, and
// the others follow as soon as their board counts as joined (see useResyncOnReconnect).
socket.on('connect', () => opFlusher.flush());
socket.on('disconnect', () => {
  suspendJoins();
  opFlusher.reset();
});
window.addEventListener('storage', (event) => {
  if (event.key === STORAGE_KEY) opQueue.reload();
});

/** Queues a click; it shows at once as a pending delta and goes out as soon as it can. Returns its opId. */
export function queueIncrement(boardId: string, counterId: string, by: number): string {
  const opId = randomId();
  unsent.add(opId);
  opQueue.add({ kind: 'increment', opId, boardId, counterId, by, createdAt: Date.now() });
  return opId;
}

/** Takes back one of this user's clicks (see undoClick): dropped while unsent, else undone on the server. */
export function queueUndo(click: UndoTarget): void {
  undoClick(opQueue, click, { unsent, newOpId: randomId, now: Date.now() });
}

/** Queues a reset (owner only: a member's reset is rolled back when the server refuses it). */
export function queueReset(boardId: string, counterId: string): void {
  opQueue.add({ kind: 'reset', opId: randomId(), boardId, counterId, createdAt: Date.now() });
}
