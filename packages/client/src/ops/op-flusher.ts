import type { ProtocolError } from '@tally/events';
import type { PendingOp } from './pending-ops.js';
import type { PendingQueue } from './pending-queue.js';

/** The server's answer to one op, or what the transport made of it (a lost ack is a retryable error). */
export type SendResult =
  | { ok: true; value: number; version: number }
  | { ok: false; error: ProtocolError; retryable: boolean };

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface OpFlusherOptions {
  queue: PendingQueue;
  /** Sends one op with its opId and resolves with the answer; it never rejects for a server error. */
  send(op: PendingOp): Promise<SendResult>;
  /** Whether the op can go out now: the socket is connected and the op's board is joined. */
  canSend(op: PendingOp): boolean;
  /** The op was applied (or had been, for a replay): called before it leaves the queue. */
  onConfirmed(op: PendingOp, result: { value: number; version: number }): void;
  /** A final error: the op has left the queue, so the optimistic value rolls back. */
  onRejected(op: PendingOp, error: ProtocolError): void;
  /** Wait before the n-th retry (n ≥ 1). */
  backoffMs?(attempt: number): number;
  /** Ops on the wire at once; stays well under the server's per-socket burst. */
  maxInFlight?: number;
  clock?: Clock;
}

export interface OpFlusher {
  /** Sends every op that is ready. Call it when the queue grows, on connect and after a board is joined. */
  flush(): void;
  /** The connection dropped: forget what was on the wire (those acks may never come) and send it again later. */
  reset(): void;
  dispose(): void;
}

/** Exponential backoff from half a second up to 30 s, with jitter so that many tabs do not retry in step. */
export function defaultBackoffMs(attempt: number): number {
  const ceiling = Math.min(30_000, 500 * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + Math.random() * 0.5));
}

/** Ops that do not commute with the others of their counter: they go out alone, in order. */
function isBarrier(op: PendingOp): boolean {
  return op.kind !== 'increment';
}

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Sends pending ops in the order they were made. Increments commute, so several of one counter
 * may be on the wire together; a reset does not, so it waits for the ops before it and holds
 * back the ops after it. An undo is held the same way: the click it undoes must have been
 * applied before it arrives (else `not_found`). An op waiting for a retry holds back the later
 * ops of its counter too.
 */
export function createOpFlusher(options: OpFlusherOptions): OpFlusher {
  const { queue, send, canSend, onConfirmed, onRejected } = options;
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  const maxInFlight = options.maxInFlight ?? 50;
  const clock = options.clock ?? systemClock;

  const inFlight = new Map<string, PendingOp>();
  const retries = new Map<string, { attempts: number; notBefore: number }>();
  // Bumped by reset(): answers to ops sent before it no longer say anything about the wire.
  let generation = 0;
  let wakeTimer: unknown = null;
  let disposed = false;

  function scheduleWake(at: number): void {
    if (wakeTimer !== null) clock.clearTimeout(wakeTimer);
    wakeTimer = null;
    if (at === Number.POSITIVE_INFINITY || disposed) return;
    wakeTimer = clock.setTimeout(
      () => {
        wakeTimer = null;
        flush();
      },
      Math.max(0, at - clock.now()),
    );
  }

  function settle(op: PendingOp, sentIn: number, result: SendResult): void {
    if (sentIn === generation) inFlight.delete(op.opId);
    if (result.ok) {
      retries.delete(op.opId);
      onConfirmed(op, result);
      queue.remove(op.opId);
    } else if (result.retryable) {
      if (sentIn === generation) {
        const attempts = (retries.get(op.opId)?.attempts ?? 0) + 1;
        retries.set(op.opId, { attempts, notBefore: clock.now() + backoffMs(attempts) });
      }
    } else if (queue.has(op.opId)) {
      // Checked so that an op answered twice (sent again after a reset) is reported once.
      retries.delete(op.opId);
      queue.remove(op.opId);
      onRejected(op, result.error);
    }
    flush();
  }

  function sendOne(op: PendingOp): void {
    const sentIn = generation;
    inFlight.set(op.opId, op);
    send(op).then(
      (result) => settle(op, sentIn, result),
      (error: unknown) =>
        settle(op, sentIn, {
          ok: false,
          retryable: true,
          error: { code: 'unavailable', message: error instanceof Error ? error.message : String(error) },
        }),
    );
  }

  function flush(): void {
    if (disposed) return;
    const now = clock.now();
    const held = new Set<string>();
    const barrierOnWire = new Set<string>();
    const opsOnWire = new Set<string>();
    let wakeAt = Number.POSITIVE_INFINITY;
    for (const op of queue.getOps()) {
      if (inFlight.has(op.opId)) {
        opsOnWire.add(op.counterId);
        if (isBarrier(op)) barrierOnWire.add(op.counterId);
        continue;
      }
      if (held.has(op.counterId) || barrierOnWire.has(op.counterId)) continue;
      if (isBarrier(op) && opsOnWire.has(op.counterId)) {
        held.add(op.counterId);
        continue;
      }
      const retry = retries.get(op.opId);
      if (retry !== undefined && retry.notBefore > now) {
        wakeAt = Math.min(wakeAt, retry.notBefore);
        held.add(op.counterId);
        continue;
      }
      if (inFlight.size >= maxInFlight || !canSend(op)) {
        held.add(op.counterId);
        continue;
      }
      sendOne(op);
      opsOnWire.add(op.counterId);
      if (isBarrier(op)) barrierOnWire.add(op.counterId);
    }
    scheduleWake(wakeAt);
  }

  return {
    flush,
    reset() {
      generation += 1;
      inFlight.clear();
      // Backoff was about the old connection; a fresh one deserves a fresh try.
      retries.clear();
      scheduleWake(Number.POSITIVE_INFINITY);
    },
    dispose() {
      disposed = true;
      scheduleWake(Number.POSITIVE_INFINITY);
    },
  };
}
