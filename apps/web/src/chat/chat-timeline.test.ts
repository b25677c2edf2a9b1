import type { ChatMessage } from '@tally/events';
import { describe, expect, it } from 'vitest';
import { chatTimeline, earlierAfterLiveChange, withEarlierPage } from './chat-timeline';

const message = (n: number): ChatMessage => ({
  id: `m${n}`,
  clientId: 'client-01',
  name: 'Ana',
  text: `${n}`,
  at: n,
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
const ids = (messages: readonly ChatMessage[]) => messages.map((m) => m.id);

describe('chatTimeline', () => {
  it('is the live list itself while nothing earlier was loaded', () => {
    const live = range(51, 100);
    expect(chatTimeline([], live)).toBe(live);
  });

  it('puts earlier pages first and shows every message once', () => {
    expect(ids(chatTimeline(range(1, 52), range(51, 60)))).toEqual(ids(range(1, 60)));
  });
});

describe('withEarlierPage', () => {
  it('puts a page before what was loaded, leaving out what is already there', () => {
    expect(ids(withEarlierPage(range(51, 60), range(1, 51)))).toEqual(ids(range(1, 60)));
  });
});

describe('earlierAfterLiveChange', () => {
  it('changes nothing while no page was loaded, or when the live list only grew', () => {
    const none: ChatMessage[] = [];
    expect(earlierAfterLiveChange(none, range(1, 5), range(1, 6))).toBe(none);
    const earlier = range(1, 50);
    expect(earlierAfterLiveChange(earlier, range(51, 100), range(51, 101))).toBe(earlier);
  });

  it('keeps the messages the capped live list dropped, so that no gap opens', () => {
    const earlier = range(1, 50);
    const next = earlierAfterLiveChange(earlier, range(51, 250), range(53, 252));
    expect(ids(next ?? [])).toEqual(ids(range(1, 52)));
  });

  it('drops the pages when the new live list shares nothing with the one before', () => {
    expect(earlierAfterLiveChange(range(1, 50), range(51, 100), range(301, 350))).toBeNull();
  });

  it('keeps the pages when a new live list still reaches back to the one before', () => {
    const earlier = range(1, 70);
    const next = range(60, 110);
    expect(earlierAfterLiveChange(earlier, range(71, 100), next)).toBe(earlier);
    expect(ids(chatTimeline(earlier, next))).toEqual(ids(range(1, 110)));
  });
});
