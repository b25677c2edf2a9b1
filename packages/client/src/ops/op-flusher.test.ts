import type { ProtocolError } from '@tally/events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryQueue } from '../testing/memory-queue.js';
import { createOpFlusher, type OpFlusherOptions, type SendResult } from './op-flusher.js';
import type { PendingOp } from './pending-ops.js';
import type { PendingQueue } from './pending-queue.js';

function increment(opId: string, by = 1, counterId = 'c1'): PendingOp {
  return { kind: 'increment', opId, boardId: 'b1', counterId, by, createdAt: 1 };
}
function reset(opId: string, counterId = 'c1'): PendingOp {
  return { kind: 'reset', opId, boardId: 'b1', counterId, createdAt: 1 };
}

/** Records every send and lets the test answer each one when it wants. */
function wire() {
  const sent: Array<{ op: PendingOp; answer(result: SendResult): void }> = [];
  return {
    sent,
    send(op: PendingOp): Promise<SendResult> {
      return new Promise((resolve) => sent.push({ op, answer: resolve }));
    },
    sentIds: () => sent.map((entry) => entry.op.opId),
  };
}

const ok = (value: number, version: number): SendResult => ({ ok: true, value, version });
const retryable = (code: ProtocolError['code'] = 'rate_limited'): SendResult => ({
  ok: false,
  retryable: true,
  error: { code, message: code },
});
const final = (code: ProtocolError['code']): SendResult => ({
  ok: false,
  retryable: false,
  error: { code, message: code },
});

describe('op flusher', () => {
  let queue: PendingQueue;
  let link: ReturnType<typeof wire>;
  let connected: boolean;
  let confirmed: Array<[string, number]>;
  let rejected: Array<[string, string]>;

  function flusher(overrides: Partial<OpFlusherOptions> = {}) {
    return createOpFlusher({
      queue,
      send: link.send,
      canSend: () => connected,
      onConfirmed: (op, result) => confirmed.push([op.opId, result.value]),
      onRejected: (op, error) => rejected.push([op.opId, error.code]),
      backoffMs: (attempt) => 1000 * attempt,
      ...overrides,
    });
  }

  beforeEach(() => {
    vi.useFakeTimers();
    queue = memoryQueue();
    link = wire();
    connected = true;
    confirmed = [];
    rejected = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps ops made while disconnected and sends each with its opId once connected', async () => {
    connected = false;
    const f = flusher();
    queue.add(increment('op-1'));
    queue.add(increment('op-2'));
    queue.add(increment('op-3'));
    f.flush();
    expect(link.sent).toHaveLength(0);
    expect(queue.getOps()).toHaveLength(3);

    connected = true;
    f.flush();
    expect(link.sentIds()).toEqual(['op-1', 'op-2', 'op-3']);
  });

  it('clears an op when its ack confirms it, after handing the server value over', async () => {
    const f = flusher({
      onConfirmed: (op, result) => {
        // The op is still in the queue here, so the cache and the pending delta never both count it.
        expect(queue.has(op.opId)).toBe(true);
        confirmed.push([op.opId, result.value]);
      },
    });
    queue.add(increment('op-1'));
    f.flush();
    link.sent[0]?.answer(ok(11, 4));
    await vi.runAllTimersAsync();
    expect(confirmed).toEqual([['op-1', 11]]);
    expect(queue.getOps()).toEqual([]);
  });

  it('keeps a retryable op pending and sends it again with the same opId after a growing backoff', async () => {
    const f = flusher();
    queue.add(increment('op-1'));
    f.flush();
    link.sent[0]?.answer(retryable('rate_limited'));
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.has('op-1')).toBe(true);
    expect(link.sent).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(999);
    expect(link.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(link.sentIds()).toEqual(['op-1', 'op-1']);

    link.sent[1]?.answer(retryable('unavailable'));
    await vi.advanceTimersByTimeAsync(1999);
    expect(link.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(link.sentIds()).toEqual(['op-1', 'op-1', 'op-1']);

    link.sent[2]?.answer(ok(1, 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.getOps()).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it('treats a send that throws (an ack timeout) as retryable', async () => {
    const f = flusher({ send: () => Promise.reject(new Error('operation has timed out')) });
    queue.add(increment('op-1'));
    f.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.has('op-1')).toBe(true);
    expect(rejected).toEqual([]);
  });

  it('rolls back an op refused for good and reports it once', async () => {
    const f = flusher();
    queue.add(reset('op-r'));
    f.flush();
    link.sent[0]?.answer(final('forbidden'));
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.getOps()).toEqual([]);
    expect(rejected).toEqual([['op-r', 'forbidden']]);
  });

  it('sends everything again after a reconnect without waiting for acks lost with the old connection', async () => {
    const f = flusher();
    queue.add(increment('op-1'));
    f.flush();
    expect(link.sent).toHaveLength(1);

    connected = false;
    f.reset();
    connected = true;
    f.flush();
    expect(link.sentIds()).toEqual(['op-1', 'op-1']);

    // Both copies get answered (the server applied the opId once); the user hears about it once.
    link.sent[0]?.answer(final('not_found'));
    link.sent[1]?.answer(final('not_found'));
    await vi.advanceTimersByTimeAsync(0);
    expect(rejected).toEqual([['op-1', 'not_found']]);
  });

  it('pipelines increments but never lets a reset overtake the ops around it', async () => {
    const f = flusher();
    queue.add(increment('op-1'));
    queue.add(increment('op-2'));
    queue.add(reset('op-r'));
    queue.add(increment('op-3'));
    queue.add(increment('other', 1, 'c2'));
    f.flush();
    expect(link.sentIds()).toEqual(['op-1', 'op-2', 'other']);

    link.sent[0]?.answer(ok(1, 1));
    link.sent[1]?.answer(ok(2, 2));
    await vi.advanceTimersByTimeAsync(0);
    expect(link.sentIds()).toEqual(['op-1', 'op-2', 'other', 'op-r']);

    link.sent[3]?.answer(ok(0, 3));
    await vi.advanceTimersByTimeAsync(0);
    expect(link.sentIds()).toEqual(['op-1', 'op-2', 'other', 'op-r', 'op-3']);
  });

  it('sends an undo only once the click it undoes was answered, and holds the clicks after it', async () => {
    const f = flusher();
    queue.add(increment('op-1'));
    queue.add({
      kind: 'undo',
      opId: 'undo-1',
      undoes: 'op-1',
      by: -1,
      boardId: 'b1',
      counterId: 'c1',
      createdAt: 1,
    });
    queue.add(increment('op-2'));
    f.flush();
    expect(link.sentIds()).toEqual(['op-1']);
    link.sent[0]?.answer(ok(1, 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(link.sentIds()).toEqual(['op-1', 'undo-1']);
    link.sent[1]?.answer(ok(0, 2));
    await vi.advanceTimersByTimeAsync(0);
    expect(link.sentIds()).toEqual(['op-1', 'undo-1', 'op-2']);
  });

  it('holds later ops of a counter while an earlier one waits for its retry', async () => {
    const f = flusher();
    queue.add(increment('op-1'));
    f.flush();
    link.sent[0]?.answer(retryable());
    await vi.advanceTimersByTimeAsync(0);
    queue.add(increment('op-2'));
    f.flush();
    expect(link.sentIds()).toEqual(['op-1']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(link.sentIds()).toEqual(['op-1', 'op-1', 'op-2']);
  });

  it('keeps at most maxInFlight ops on the wire', async () => {
    const f = flusher({ maxInFlight: 2 });
    for (const id of ['op-1', 'op-2', 'op-3']) queue.add(increment(id));
    f.flush();
    expect(link.sent).toHaveLength(2);
    link.sent[0]?.answer(ok(1, 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(link.sentIds()).toEqual(['op-1', 'op-2', 'op-3']);
  });
});
