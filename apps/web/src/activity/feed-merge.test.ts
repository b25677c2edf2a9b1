import type { LiveEvent } from '@tally/client';
import type { ActivityEntry } from '@tally/events';
import { describe, expect, it } from 'vitest';
import { feedLines } from './activity-log';
import { uncoveredLive } from './feed-merge';
import { liveCounterEvent, livePresence, liveUpdate } from './test-live-events';

const ana = { clientId: 'ana-client', name: 'Ana' };
const ben = { clientId: 'ben-client', name: 'Ben' };

function increment(id: number, by: number, value: number, actor = ana): ActivityEntry {
  return {
    id: String(id),
    at: 0,
    kind: 'increment',
    counterId: 'c1',
    counterName: 'Count',
    by,
    value,
    actor,
  };
}

/** The feed as shown once the page requested at `requestedAt` arrived. */
function shown(history: ActivityEntry[], live: LiveEvent[], requestedAt: number | undefined) {
  return feedLines(history, uncoveredLive(history, live, requestedAt)).map((line) => line.text);
}

describe('merging live events with the fetched page', () => {
  it('shows everything heard live while the page has not arrived', () => {
    const live = [liveUpdate(100, 10, 11, [{ ...ana, delta: 1 }])];
    expect(shown([], live, undefined)).toEqual(['Ana +1 on Count']);
  });

  it('drops what was heard before the page was asked for: the page has it', () => {
    const live = [liveUpdate(100, 10, 11, [{ ...ana, delta: 1 }])];
    expect(shown([increment(1, 1, 11)], live, 200)).toEqual(['Ana +1 on Count']);
  });

  it('keeps a change heard after the page was asked for that the page does not hold', () => {
    const live = [liveUpdate(300, 10, 11, [{ ...ben, delta: 1 }])];
    expect(shown([increment(1, 2, 10)], live, 200)).toEqual(['Ben +1 on Count', 'Ana +2 on Count']);
  });

  it('drops a change heard after the request whose broadcast trailed the write the page holds, and every earlier one of that counter', () => {
    // Ana clicked twice (the page merged them: +2, value 12); Ben's click came after the read.
    const live = [
      liveUpdate(300, 10, 11, [{ ...ana, delta: 1 }]),
      liveUpdate(310, 11, 12, [{ ...ana, delta: 1 }]),
      liveUpdate(320, 12, 13, [{ ...ben, delta: 1 }]),
    ];
    expect(shown([increment(1, 2, 12)], live, 200)).toEqual(['Ben +1 on Count', 'Ana +2 on Count']);
  });

  it('matches a merged update by its last actor, whose entry has the update’s value', () => {
    const live = [
      liveUpdate(300, 10, 12, [
        { ...ben, delta: 1 },
        { ...ana, delta: 1 },
      ]),
    ];
    expect(shown([increment(2, 1, 12), increment(1, 1, 11, ben)], live, 200)).toEqual([
      'Ana +1 on Count',
      'Ben +1 on Count',
    ]);
  });

  it('answers each counter event with one entry, and never drops arrivals and departures', () => {
    const live = [
      livePresence(50, 'joined', 'Cleo'),
      liveCounterEvent(300, 'counter_configured', 'Count', ana),
      liveCounterEvent(310, 'counter_configured', 'Count', ana),
    ];
    const configured: ActivityEntry = {
      id: '9',
      at: 0,
      kind: 'counter_configured',
      counterId: 'c1',
      counterName: 'Count',
      actor: ana,
    };
    expect(feedLines([configured], uncoveredLive([configured], live, 200)).map((line) => line.text)).toEqual([
      'Ana changed the settings of Count',
      'Cleo joined',
      'Ana changed the settings of Count',
    ]);
  });
});
