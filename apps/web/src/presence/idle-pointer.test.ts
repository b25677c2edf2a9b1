import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdlePointer, POINTING_IDLE_MS } from './idle-pointer';

describe('createIdlePointer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stops pointing after the idle time without another interaction', () => {
    const sent: Array<string | null> = [];
    const pointer = createIdlePointer((counterId) => sent.push(counterId));
    pointer.point('c1');
    vi.advanceTimersByTime(POINTING_IDLE_MS - 1);
    expect(sent).toEqual(['c1']);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['c1', null]);
    vi.advanceTimersByTime(POINTING_IDLE_MS * 3);
    expect(sent).toEqual(['c1', null]);
  });

  it('keeps pointing while interactions keep coming, and counts the idle time from the last', () => {
    const sent: Array<string | null> = [];
    const pointer = createIdlePointer((counterId) => sent.push(counterId), 1_000);
    pointer.point('c1');
    vi.advanceTimersByTime(800);
    pointer.point('c1');
    vi.advanceTimersByTime(800);
    expect(sent).toEqual(['c1', 'c1']);
    vi.advanceTimersByTime(200);
    expect(sent).toEqual(['c1', 'c1', null]);
  });

  it('sends nothing more after stopping by hand or being disposed', () => {
    const sent: Array<string | null> = [];
    const pointer = createIdlePointer((counterId) => sent.push(counterId), 1_000);
    pointer.point('c1');
    pointer.point(null);
    vi.advanceTimersByTime(2_000);
    expect(sent).toEqual(['c1', null]);
    pointer.point('c2');
    pointer.dispose();
    vi.advanceTimersByTime(2_000);
    expect(sent).toEqual(['c1', null, 'c2']);
  });
});
