import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStatsBroadcaster, STATS_DUTY_DIVISOR, type Stats } from './stats-broadcaster.js';

const INTERVAL_MS = 1_000;

describe('stats broadcaster', () => {
  let clock: number;
  let figures: Stats;
  let emitted: Array<{ at: number; stats: Stats }>;
  /** How long the next emit pretends to take (a server with many sockets). */
  let writeMs: number;

  function broadcaster() {
    return createStatsBroadcaster({
      read: async () => ({ ...figures }),
      emit: (stats) => {
        emitted.push({ at: clock, stats });
        clock += writeMs;
      },
      intervalMs: INTERVAL_MS,
      onError: (error) => {
        throw error;
      },
      now: () => clock,
    });
  }

  /** Moves both clocks: the broadcaster's `now` and the fake timers. */
  async function advance(ms: number) {
    clock += ms;
    await vi.advanceTimersByTimeAsync(ms);
  }

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    clock = 10_000;
    figures = { online: 1, totalIncrements: 0 };
    emitted = [];
    writeMs = 0;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits a change at once, then at most once per interval, and nothing when no figure changed', async () => {
    const stats = broadcaster();
    stats.changed();
    await advance(0);
    expect(emitted.map((entry) => entry.stats.totalIncrements)).toEqual([0]);

    figures.totalIncrements = 1;
    stats.changed();
    await advance(INTERVAL_MS - 1);
    expect(emitted).toHaveLength(1);
    await advance(1);
    expect(emitted.map((entry) => entry.stats.totalIncrements)).toEqual([0, 1]);

    stats.changed();
    await advance(INTERVAL_MS);
    expect(emitted).toHaveLength(2);
    expect(stats.lastEmitted()).toEqual({ online: 1, totalIncrements: 1 });
    stats.close();
  });

  it('waits longer after an emit that was slow to write, so that stats keep to their share of the loop', async () => {
    const stats = broadcaster();
    writeMs = 250;
    stats.changed();
    await advance(0);
    const firstAt = clock - writeMs;
    expect(emitted).toHaveLength(1);

    figures.totalIncrements = 1;
    stats.changed();
    const period = writeMs * STATS_DUTY_DIVISOR;
    // The emit itself moved the clock by writeMs; the period counts from its start.
    await advance(period - writeMs - 1);
    expect(emitted).toHaveLength(1);
    await advance(1);
    expect(emitted.map((entry) => entry.at)).toEqual([firstAt, firstAt + period]);
    stats.close();
  });
});
