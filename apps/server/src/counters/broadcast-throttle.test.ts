import type { CounterUpdate } from '@tally/events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CounterOp } from '../store/store.js';
import { BROADCAST_DUTY_DIVISOR, createBroadcastThrottle } from './broadcast-throttle.js';

const WINDOW_MS = 20;

function change(version: number) {
  const op: CounterOp = {
    kind: 'increment',
    opId: `op-${version}`,
    counterId: 'c1',
    by: 1,
    actor: { clientId: null, name: 'HTTP API' },
  };
  const outcome = {
    ok: true,
    boardId: 'b1',
    counterId: 'c1',
    value: version,
    version,
    replayed: false,
    delta: 1,
  } as const;
  return [outcome, op] as const;
}

describe('broadcast throttle', () => {
  let clock: number;
  let sent: Array<{ at: number; updates: CounterUpdate[] }>;
  /** How long the next send pretends to take (a board with many sockets). */
  let writeMs: number;

  function throttle() {
    return createBroadcastThrottle({
      windowMs: WINDOW_MS,
      now: () => clock,
      send: (_boardId, updates) => {
        sent.push({ at: clock, updates });
        clock += writeMs;
      },
      onSendError: (error) => {
        throw error;
      },
    });
  }

  /** Runs the fake timers for `ms`, keeping the injected clock in step. */
  async function advance(ms: number) {
    for (let i = 0; i < ms; i++) {
      clock += 1;
      await vi.advanceTimersByTimeAsync(1);
    }
  }

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
    clock = 1_000;
    sent = [];
    writeMs = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('sends a change after a quiet spell at once, then merges what comes within the window', async () => {
    const t = throttle();
    t.record(...change(1));
    await advance(1);
    expect(sent.map((s) => s.updates[0]?.version)).toEqual([1]);

    for (const version of [2, 3, 4]) {
      t.record(...change(version));
      await advance(3);
    }
    expect(sent).toHaveLength(1);
    await advance(WINDOW_MS);
    expect(sent.map((s) => s.updates[0]?.version)).toEqual([1, 4]);
  });

  it('spaces broadcasts by a multiple of their write time when writing takes longer than the window', async () => {
    const t = throttle();
    writeMs = 100;
    t.record(...change(1));
    await advance(1);

    // The write itself took 100 ms of the clock. Past the plain window, and past the write, the
    // next change still waits...
    t.record(...change(2));
    await advance(BROADCAST_DUTY_DIVISOR * writeMs - writeMs - 10);
    expect(sent).toHaveLength(1);
    // ...until the broadcasts are back to 1/BROADCAST_DUTY_DIVISOR of the loop.
    await advance(20);
    expect(sent).toHaveLength(2);
  });
});
