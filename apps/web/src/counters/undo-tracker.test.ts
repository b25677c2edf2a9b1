import { UNDO_WINDOW_MS } from '@tally/events/constants';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Click, createUndoTracker, MAX_UNDO_CLICKS, UNDO_OFFER_MS } from './undo-tracker';

function click(opId: string, counterId = 'c1', by = 1): Click {
  return { opId, boardId: 'b1', counterId, by, at: Date.now() };
}

describe('undo tracker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('offers a burst of clicks on one counter, and each Undo takes back one, the latest first', () => {
    const tracker = createUndoTracker();
    tracker.record(click('op-1'), 'Count');
    tracker.record(click('op-2'), 'Count');
    expect(tracker.get()?.clicks.map((c) => c.opId)).toEqual(['op-1', 'op-2']);
    expect(tracker.takeLatest()?.opId).toBe('op-2');
    expect(tracker.get()?.clicks.map((c) => c.opId)).toEqual(['op-1']);
    expect(tracker.takeLatest()?.opId).toBe('op-1');
    expect(tracker.get()).toBeNull();
    expect(tracker.takeLatest()).toBeNull();
  });

  it('forgets a click the server refused, and ends the offer with its last click', () => {
    const tracker = createUndoTracker();
    tracker.record(click('op-1'), 'Count');
    tracker.record(click('op-2'), 'Count');
    tracker.forget('op-1');
    expect(tracker.get()?.clicks.map((c) => c.opId)).toEqual(['op-2']);
    tracker.forget('op-2');
    expect(tracker.get()).toBeNull();
  });

  it('starts a new offer when another counter is clicked', () => {
    const tracker = createUndoTracker();
    tracker.record(click('op-1'), 'Count');
    tracker.record(click('op-2', 'c2'), 'Visitors');
    expect(tracker.get()).toMatchObject({ counterName: 'Visitors', clicks: [{ opId: 'op-2' }] });
  });

  it('goes away a few seconds after the last click, each click extending it', () => {
    const tracker = createUndoTracker();
    tracker.record(click('op-1'), 'Count');
    vi.advanceTimersByTime(UNDO_OFFER_MS - 1);
    tracker.record(click('op-2'), 'Count');
    vi.advanceTimersByTime(UNDO_OFFER_MS - 1);
    expect(tracker.get()?.clicks).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(tracker.get()).toBeNull();
  });

  it('never offers a click older than the server’s undo window, nor more than the cap', () => {
    const tracker = createUndoTracker();
    const old = { ...click('op-old'), at: Date.now() - UNDO_WINDOW_MS };
    tracker.record(old, 'Count');
    tracker.record(click('op-new'), 'Count');
    expect(tracker.get()?.clicks.map((c) => c.opId)).toEqual(['op-new']);
    for (let i = 0; i < MAX_UNDO_CLICKS + 5; i += 1) tracker.record(click(`op-${i}`), 'Count');
    expect(tracker.get()?.clicks).toHaveLength(MAX_UNDO_CLICKS);
  });
});
