import type { ErrorCode, IncrementResponse, ProtocolError } from '@tally/events';
import { BOARD_KEY_HEADER, IDEMPOTENCY_KEY_HEADER } from '@tally/events/constants';
import { isRetryable } from '@tally/events/errors';
import type { BoardMembership } from '../boards/board-membership.js';
import type { BoardRegistry } from '../boards/board-registry.js';
import { withCounterUpdates } from '../boards/board-view.js';
import { toProtocolError } from '../http/fetch-json.js';
import { request } from '../protocol/request.js';
import type { TallySocket } from '../socket.js';
import type { TabChannel } from '../tabs/tab-channel.js';
import type { TabLeadership } from '../tabs/tab-leader.js';
import { createOpFlusher, type SendResult } from './op-flusher.js';
import type { PendingOp } from './pending-ops.js';
import type { PendingQueue } from './pending-queue.js';
import { randomId } from './random-id.js';
import { type UndoTarget, undoClick } from './undo-click.js';

export type OpRejectedListener = (op: PendingOp, error: ProtocolError) => void;

export interface OpSync {
  /** Queues an increment; it shows at once as a pending delta and goes out as soon as it can. Returns its opId. */
  increment(boardId: string, counterId: string, by: number): string;
  /** Queues a reset (owner only: a member's reset is rolled back when the server refuses it). */
  reset(boardId: string, counterId: string): string;
  /** Takes back one click: dropped while it was never handed to the wire, else undone on the server. */
  undo(click: UndoTarget): 'dropped' | 'queued';
  /** A final refusal of an op this tab made (its optimistic effect is rolled back). */
  onRejected(listener: OpRejectedListener): () => void;
  onConnect(): void;
  onDisconnect(): void;
  dispose(): void;
}

export interface OpSyncDeps {
  socket: TallySocket;
  queue: PendingQueue;
  channel: TabChannel;
  leadership: TabLeadership;
  membership: BoardMembership;
  boards: BoardRegistry;
  boardKey(boardId: string): string | undefined;
  postJson<T>(path: string, body: unknown, headers: Record<string, string>): Promise<T>;
}

// `not_joined` is final in the protocol, but for a queued op it only means "too early after a
// reconnect": the board is joined again, and the op goes out once that is done.
function isRetryableForQueue(code: ErrorCode): boolean {
  return isRetryable(code) || code === 'not_joined';
}

/**
 * The pending-op queue of the profile put to work. Every tab adds its ops to the one shared queue
 * and shows all of them; only the leader tab sends, so each op goes out from one tab only, in
 * the order made, and when the leader closes the next tab takes over what is left (same opIds:
 * the server applies each once). The leader tells the others what the server confirmed (the value
 * to show before the op leaves the queue) and refused (the tab that made it says why).
 */
export function createOpSync(deps: OpSyncDeps): OpSync {
  const { socket, queue, channel, leadership, membership, boards } = deps;
  const rejectedListeners = new Set<OpRejectedListener>();
  /** Ops this tab made and has not handed to the wire yet (meaningful while it leads): Undo may drop them. */
  const unsent = new Set<string>();
  /** Boards the leader keeps joined because a reset or undo of theirs needs a room. */
  const heldBoards = new Map<string, () => void>();

  function confirm(op: PendingOp, value: number, version: number): void {
    boards.updateView(op.boardId, (view) =>
      withCounterUpdates(view, [{ counterId: op.counterId, value, version }]),
    );
  }

  function tellRejected(op: PendingOp, error: ProtocolError): void {
    for (const listener of [...rejectedListeners]) listener(op, error);
  }

  /** Increments of a board not joined here go over HTTP (same opId as the Idempotency-Key, same rules). */
  async function sendOverHttp(op: Extract<PendingOp, { kind: 'increment' }>): Promise<SendResult> {
    const key = deps.boardKey(op.boardId);
    try {
      const result = await deps.postJson<IncrementResponse>(
        `/api/counters/${encodeURIComponent(op.counterId)}/increment`,
        { by: op.by },
        { [IDEMPOTENCY_KEY_HEADER]: op.opId, ...(key === undefined ? {} : { [BOARD_KEY_HEADER]: key }) },
      );
      return { ok: true, value: result.value, version: result.version };
    } catch (error) {
      const failure = toProtocolError(error);
      return { ok: false, error: failure, retryable: isRetryableForQueue(failure.code) };
    }
  }

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

  /**
   * Whether an increment goes over HTTP: only for a board with no join coming. A board shown here
   * is joined again right after a connect, and its clicks wait for that, so that they go out as
   * this member (theirs to undo, under their name in the activity) and not as an anonymous HTTP
   * call; unless the board refused this browser for good (its load ended in a final error).
   */
  function viaHttp(op: PendingOp): op is Extract<PendingOp, { kind: 'increment' }> {
    if (op.kind !== 'increment' || membership.isJoined(op.boardId)) return false;
    return !membership.isRetained(op.boardId) || boards.get(op.boardId).status === 'error';
  }

  async function sendOp(op: PendingOp): Promise<SendResult> {
    unsent.delete(op.opId);
    if (viaHttp(op)) return sendOverHttp(op);
    const answer = await emitOp(op);
    if (answer.ok) {
      if (!Number.isSafeInteger(answer.value) || !Number.isSafeInteger(answer.version))
        return { ok: false, retryable: true, error: { code: 'unavailable', message: 'Unreadable answer.' } };
      return { ok: true, value: answer.value, version: answer.version };
    }
    if (answer.error.code === 'not_joined') {
      membership.markLeft(op.boardId);
      boards.reload(op.boardId);
    }
    return { ok: false, error: answer.error, retryable: isRetryableForQueue(answer.error.code) };
  }

  /** Only the leader sends: over the socket when the op's board is joined, over HTTP for increments of boards not shown. */
  function canSend(op: PendingOp): boolean {
    if (!leadership.isLeader() || !socket.connected) return false;
    return membership.isJoined(op.boardId) || viaHttp(op);
  }

  const flusher = createOpFlusher({
    queue,
    send: sendOp,
    canSend,
    onConfirmed(op, result) {
      // Written before the op leaves the queue, so the shown value never dips or doubles.
      confirm(op, result.value, result.version);
      channel.post({ type: 'op-confirmed', op, value: result.value, version: result.version });
    },
    onRejected(op, error) {
      // A click the server refused has nothing to undo: a queued undo of it would only be refused in turn.
      for (const other of queue.getOps())
        if (other.kind === 'undo' && other.undoes === op.opId) queue.remove(other.opId);
      channel.post({ type: 'op-rejected', op, error });
      // The tab that made the op says why; the leader speaks for ops of no known tab (older queues).
      if (op.origin === undefined || op.origin === channel.tabId) tellRejected(op, error);
    },
  });

  /** The leader joins the boards whose resets and undos wait for a room, and leaves them when none wait. */
  function holdBoardsOfPendingOps(): void {
    const needed = new Set<string>();
    if (leadership.isLeader())
      for (const op of queue.getOps())
        if (op.kind !== 'increment' && !membership.isRetained(op.boardId)) needed.add(op.boardId);
    for (const [boardId, release] of heldBoards)
      if (
        !needed.has(boardId) &&
        !queue.getOps().some((op) => op.boardId === boardId && op.kind !== 'increment')
      ) {
        heldBoards.delete(boardId);
        release();
      }
    for (const boardId of needed) if (!heldBoards.has(boardId)) heldBoards.set(boardId, boards.open(boardId));
  }

  const offs = [
    queue.subscribe(() => {
      // Ops another tab sent (and the server confirmed) leave the queue without passing through sendOp.
      for (const opId of unsent) if (!queue.has(opId)) unsent.delete(opId);
      holdBoardsOfPendingOps();
      flusher.flush();
    }),
    membership.subscribe(() => flusher.flush()),
    leadership.subscribe(() => {
      // What another tab led may have gone out already: nothing here counts as unsent any more.
      unsent.clear();
      queue.reload();
      holdBoardsOfPendingOps();
      flusher.flush();
    }),
    channel.subscribe((notice) => {
      if (notice.type === 'op-confirmed') confirm(notice.op, notice.value, notice.version);
      else if (notice.type === 'op-rejected' && notice.op.origin === channel.tabId)
        tellRejected(notice.op, notice.error);
    }),
  ];
  void queue.ready.then(() => {
    holdBoardsOfPendingOps();
    flusher.flush();
  });

  return {
    increment(boardId, counterId, by) {
      const opId = randomId();
      unsent.add(opId);
      queue.add({
        kind: 'increment',
        opId,
        boardId,
        counterId,
        by,
        createdAt: Date.now(),
        origin: channel.tabId,
      });
      return opId;
    },
    reset(boardId, counterId) {
      const opId = randomId();
      queue.add({ kind: 'reset', opId, boardId, counterId, createdAt: Date.now(), origin: channel.tabId });
      return opId;
    },
    undo(click) {
      // Only the leader knows what is still unsent; another tab's click may be on the wire already.
      const known = leadership.isLeader() ? unsent : new Set<string>();
      return undoClick(queue, click, {
        unsent: known,
        newOpId: randomId,
        now: Date.now(),
        origin: channel.tabId,
      });
    },
    onRejected(listener) {
      rejectedListeners.add(listener);
      return () => {
        rejectedListeners.delete(listener);
      };
    },
    // Every connect, recovered or not: increments of boards not shown go over HTTP at once, and
    // the others follow as soon as their board counts as joined.
    onConnect: () => flusher.flush(),
    onDisconnect: () => flusher.reset(),
    dispose() {
      for (const off of offs) off();
      for (const release of heldBoards.values()) release();
      heldBoards.clear();
      flusher.dispose();
    },
  };
}
