import { describe, expect, it } from 'vitest';
import {
  type ActivityEntry,
  appendActivity,
  BURST_WINDOW_MS,
  describeActivity,
  MAX_ENTRIES,
} from './activity-log';

const ana = { clientId: 'ana-client', name: 'Ana' };
const ben = { clientId: 'ben-client', name: 'Ben' };
const count = { counterId: 'c1', counterName: 'Count' };

function texts(entries: readonly ActivityEntry[]): string[] {
  return entries.map(describeActivity);
}

describe('activity log', () => {
  it('says who joined and who left', () => {
    let log = appendActivity([], { kind: 'joined', name: 'Ana' }, 0);
    log = appendActivity(log, { kind: 'left', name: 'Ben' }, 1);
    expect(texts(log)).toEqual(['Ana joined', 'Ben left']);
  });

  it('merges a burst of changes by one member on one counter into one entry with the summed delta', () => {
    let log: ActivityEntry[] = [];
    for (let i = 0; i < 5; i += 1)
      log = appendActivity(log, { kind: 'changed', ...ana, ...count, delta: 1 }, i * 500);
    expect(texts(log)).toEqual(['Ana +5 on Count']);
  });

  it('writes negative deltas with an ASCII minus', () => {
    let log = appendActivity([], { kind: 'changed', ...ana, ...count, delta: -1 }, 0);
    log = appendActivity(log, { kind: 'changed', ...ana, ...count, delta: -2 }, 10);
    expect(texts(log)).toEqual(['Ana -3 on Count']);
  });

  it('starts a new entry when someone else clicks in between, or the burst went quiet', () => {
    let log = appendActivity([], { kind: 'changed', ...ana, ...count, delta: 1 }, 0);
    log = appendActivity(log, { kind: 'changed', ...ben, ...count, delta: 1 }, 10);
    log = appendActivity(log, { kind: 'changed', ...ana, ...count, delta: 1 }, 20);
    log = appendActivity(log, { kind: 'changed', ...ana, ...count, delta: 1 }, 20 + BURST_WINDOW_MS + 1);
    expect(texts(log)).toEqual(['Ana +1 on Count', 'Ben +1 on Count', 'Ana +1 on Count', 'Ana +1 on Count']);
  });

  it('keeps the newest entries only', () => {
    let log: ActivityEntry[] = [];
    for (let i = 0; i < MAX_ENTRIES + 10; i += 1)
      log = appendActivity(log, { kind: 'joined', name: `M${i}` }, i);
    expect(log).toHaveLength(MAX_ENTRIES);
    expect(describeActivity(log.at(-1) as ActivityEntry)).toBe(`M${MAX_ENTRIES + 9} joined`);
  });
});
