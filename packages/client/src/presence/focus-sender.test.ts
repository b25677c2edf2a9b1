import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFocusSender } from './focus-sender.js';

describe('focus sender', () => {
  let sent: Array<string | null>;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
  });
  afterEach(() => vi.useRealTimers());

  it('sends the first target at once and nothing again while it does not change', () => {
    const sender = createFocusSender((id) => sent.push(id), 100);
    sender.point('a');
    sender.point('a');
    vi.advanceTimersByTime(500);
    expect(sent).toEqual(['a']);
  });

  it('sends at most once per interval and always ends on the latest target', () => {
    const sender = createFocusSender((id) => sent.push(id), 100);
    sender.point('a');
    sender.point('b');
    sender.point('c');
    expect(sent).toEqual(['a']);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual(['a', 'c']);
    sender.point(null);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual(['a', 'c', null]);
  });

  it('repeats the current target on request (for a newcomer), throttled like the rest', () => {
    const sender = createFocusSender((id) => sent.push(id), 100);
    sender.repeat();
    expect(sent).toEqual([]);
    sender.point('a');
    sender.repeat();
    expect(sent).toEqual(['a']);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual(['a', 'a']);
  });

  it('sends nothing after dispose', () => {
    const sender = createFocusSender((id) => sent.push(id), 100);
    sender.point('a');
    sender.point('b');
    sender.dispose();
    vi.advanceTimersByTime(500);
    expect(sent).toEqual(['a']);
  });
});
