import type { LiveEvent } from '@tally/client';
import type { ActivityEntry } from '@tally/events';
import { describe, expect, it } from 'vitest';
import { BURST_WINDOW_MS, feedLines } from './activity-log';
import { liveCounterEvent, livePresence, liveUpdate } from './test-live-events';

const ana = { clientId: 'ana-client', name: 'Ana' };
const ben = { clientId: 'ben-client', name: 'Ben' };

function entry(
  id: number,
  fields: Omit<ActivityEntry, 'id' | 'counterId' | 'counterName' | 'actor'> & Partial<ActivityEntry>,
): ActivityEntry {
  return { id: String(id), counterId: 'c1', counterName: 'Count', actor: ana, ...fields };
}

function texts(history: ActivityEntry[], live: LiveEvent[] = []): string[] {
  return feedLines(history, live).map((line) => line.text);
}

describe('activity lines', () => {
  it('says who did what, with names, for every kind the server records', () => {
    const history = [
      entry(7, { at: 70, kind: 'counter_deleted', counterName: 'Old', counterId: 'c2' }),
      entry(6, { at: 60, kind: 'counter_configured', actor: ben }),
      entry(5, { at: 50, kind: 'reset', by: -42, value: 0, actor: ben }),
      entry(4, { at: 40, kind: 'undo', by: -1, value: 42 }),
      entry(3, { at: 30, kind: 'counter_renamed', counterName: 'Count' }),
      entry(2, { at: 20, kind: 'counter_created', counterName: 'Clicks', value: 0 }),
      entry(1, {
        at: 10,
        kind: 'increment',
        by: -3,
        value: 40,
        actor: { clientId: null, name: 'HTTP API' },
        counterId: 'c9',
        counterName: 'Other',
      }),
    ];
    expect(texts(history)).toEqual([
      'Ana deleted Old',
      'Ben changed the settings of Count',
      'Ben reset Count from 42',
      'Ana undid +1 on Count',
      'Ana renamed Clicks to Count',
      'Ana added Clicks',
      'HTTP API -3 on Other',
    ]);
  });

  it('names who each line is about, the name its sentence begins with', () => {
    const history = [
      entry(2, { at: 20, kind: 'counter_renamed', actor: ben }),
      entry(1, { at: 10, kind: 'increment', by: 1, value: 1, actor: { clientId: null, name: 'A bot' } }),
    ];
    const lines = feedLines(history, [livePresence(30, 'joined', 'Cleo')]);
    expect(lines.map((line) => line.who)).toEqual(['Cleo', 'Ben', 'A bot']);
    for (const line of lines) expect(line.text.startsWith(line.who)).toBe(true);
  });

  it('reads a burst of one member’s clicks on one counter as one line, across history and live', () => {
    const live = [
      liveUpdate(4_000, 10, 12, [{ ...ana, delta: 2 }]),
      liveUpdate(5_000, 12, 13, [{ ...ana, delta: 1 }]),
    ];
    const history = [entry(1, { at: 1_000, kind: 'increment', by: 2, value: 10 })];
    expect(texts(history, live)).toEqual(['Ana +5 on Count']);
  });

  it('reads a burst of undos as one line, apart from the clicks', () => {
    const history = [
      entry(4, { at: 40, kind: 'undo', by: -1, value: 10 }),
      entry(3, { at: 30, kind: 'undo', by: -1, value: 11 }),
      entry(2, { at: 20, kind: 'increment', by: 2, value: 12 }),
    ];
    expect(texts(history)).toEqual(['Ana undid +2 on Count', 'Ana +2 on Count']);
  });

  it('starts a new line when someone else clicks in between, or the burst went quiet', () => {
    const history = [
      entry(4, { at: 20 + BURST_WINDOW_MS + 1, kind: 'increment', by: 1, value: 4 }),
      entry(3, { at: 20, kind: 'increment', by: 1, value: 3 }),
      entry(2, { at: 10, kind: 'increment', by: 1, value: 2, actor: ben }),
      entry(1, { at: 0, kind: 'increment', by: 1, value: 1 }),
    ];
    expect(texts(history)).toEqual([
      'Ana +1 on Count',
      'Ana +1 on Count',
      'Ben +1 on Count',
      'Ana +1 on Count',
    ]);
  });

  it('tells live arrivals, undos and resets by name, and an update naming no one as "Someone"', () => {
    const live = [
      livePresence(1, 'joined', 'Ben'),
      liveUpdate(2, 10, 11, [{ ...ana, delta: 1 }]),
      liveUpdate(4, 11, 10, [{ ...ana, delta: -1, kind: 'undo' }]),
      liveUpdate(5, 10, 0, [{ ...ben, delta: -10, kind: 'reset' }]),
      liveUpdate(6, 0, 3, undefined),
    ];
    expect(texts([], live)).toEqual([
      'Someone +3 on Count',
      'Ben reset Count from 10',
      'Ana undid +1 on Count',
      'Ana +1 on Count',
      'Ben joined',
    ]);
  });

  it('names a counter as it was when renamed live, and what was deleted', () => {
    const live = [
      liveCounterEvent(1, 'counter_renamed', 'Visitors', ben, 'Count'),
      liveCounterEvent(2, 'counter_deleted', 'Visitors', ben),
    ];
    expect(texts([], live)).toEqual(['Ben deleted Visitors', 'Ben renamed Count to Visitors']);
  });
});
