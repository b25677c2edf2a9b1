import type { CounterUpdate } from '@tally/events';
import type { CounterOp, OpOutcome } from '../store/store.js';
import { BoardChanges } from './board-changes.js';

export interface BroadcastThrottleOptions {
  /** Per board, the shortest time between two broadcasts. 0 = one broadcast per commit. */
  windowMs: number;
  /** Writes one board's `counter:updated`. */
  send(boardId: string, updates: CounterUpdate[]): void;
  /** Told when send throws; the changes it carried are not sent again. */
  onSendError(error: unknown): void;
  /** Told after each send that did not throw: ms from the oldest change it carried until it was sent. */
  onSent?(sinceHeldMs: number): void;
  /** Milliseconds on a monotonic clock; injectable so tests can make a broadcast look slow. */
  now?: () => number;
}

/**
 * A board's broadcasts may take at most 1/BROADCAST_DUTY_DIVISOR of the event loop: after a
 * broadcast that took `d` ms to write, the next one waits at least `d × divisor` from its start.
 * On a 1,000-socket board that is about the window anyway; on a 10,000-socket board one write
 * takes ~100 ms, and broadcasting every 20 ms would leave the loop no time for acks and reads.
 */
export const BROADCAST_DUTY_DIVISOR = 2;

/** Figures for /metrics. */
export interface BroadcastThrottleStats {
  /** `counter:updated` messages sent, one per board per broadcast. */
  broadcastsSent: number;
  /** Over every broadcast, how long its oldest change waited after its commit, in ms. */
  broadcastHoldMsTotal: number;
  /** Boards whose changes wait for their window to pass right now. */
  boardsHeld: number;
}

export interface BroadcastThrottle {
  /** Takes an applied (or replayed) op of a committed batch. Call it after the op's ack was resolved. */
  record(outcome: Extract<OpOutcome, { ok: true }>, op: CounterOp): void;
  /**
   * Sends the board's held changes now (its window keeps running). For events that must follow
   * them, such as `counter:deleted`: an update held past the deletion would name a counter gone.
   */
  flushBoard(boardId: string): void;
  /** Sends every held change now and forgets every window (used at shutdown). */
  flush(): void;
  stats(): BroadcastThrottleStats;
}

interface BoardSlot {
  /** What the board's next broadcast carries; null when nothing changed since the last one. */
  changes: BoardChanges | null;
  /** When the oldest of `changes` was recorded. */
  heldSince: number;
  /** Cancels the pending send: the end of the turn after a quiet spell, else the window's end. */
  cancel(): void;
}

/**
 * Merges committed changes into at most one `counter:updated` per board per window. Writing one
 * update to every socket of a busy board is the costly part of an increment (a thousand socket
 * writes), not the commit, so it is the broadcast that is throttled. Leading edge: the first
 * change after a quiet spell is sent at the end of the turn its commit finished in, which is
 * after its ack (acks resolve in that turn, and their continuations run before setImmediate).
 */
export function createBroadcastThrottle(options: BroadcastThrottleOptions): BroadcastThrottle {
  const now = options.now ?? (() => performance.now());
  const slots = new Map<string, BoardSlot>();
  let broadcastsSent = 0;
  let broadcastHoldMsTotal = 0;

  function emit(boardId: string, slot: BoardSlot): void {
    const changes = slot.changes;
    if (!changes) return;
    slot.changes = null;
    broadcastsSent++;
    broadcastHoldMsTotal += now() - slot.heldSince;
    try {
      options.send(boardId, changes.toUpdates());
    } catch (error) {
      options.onSendError(error);
      return;
    }
    options.onSent?.(now() - slot.heldSince);
  }

  function sendDue(boardId: string): void {
    const slot = slots.get(boardId);
    if (!slot) return;
    if (!slot.changes) {
      // The window passed without changes: the board is quiet again.
      slots.delete(boardId);
      return;
    }
    const startedAt = now();
    emit(boardId, slot);
    const writeMs = now() - startedAt;
    if (options.windowMs === 0) {
      slots.delete(boardId);
      return;
    }
    // The window starts with this broadcast, not after it: writing it to every socket takes
    // milliseconds, which must not stretch the period, unless the writes alone would fill it.
    // Changes recorded within it wait for its end.
    const period = Math.max(options.windowMs, writeMs * BROADCAST_DUTY_DIVISOR);
    const wait = Math.max(0, startedAt + period - now());
    const timer = setTimeout(() => sendDue(boardId), wait);
    slot.cancel = () => clearTimeout(timer);
  }

  return {
    record(outcome, op) {
      let slot = slots.get(outcome.boardId);
      if (!slot) {
        const immediate = setImmediate(() => sendDue(outcome.boardId));
        slot = { changes: null, heldSince: 0, cancel: () => clearImmediate(immediate) };
        slots.set(outcome.boardId, slot);
      }
      if (!slot.changes) {
        slot.changes = new BoardChanges();
        slot.heldSince = now();
      }
      slot.changes.record(outcome, op);
    },

    flushBoard(boardId) {
      const slot = slots.get(boardId);
      if (slot) emit(boardId, slot);
    },

    flush() {
      for (const [boardId, slot] of slots) {
        slot.cancel();
        emit(boardId, slot);
      }
      slots.clear();
    },

    stats() {
      let boardsHeld = 0;
      for (const slot of slots.values()) if (slot.changes) boardsHeld++;
      return { broadcastsSent, broadcastHoldMsTotal, boardsHeld };
    },
  };
}
