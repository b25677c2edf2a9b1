import type { ChatMessage } from '@tally/events';
import { describe, expect, it } from 'vitest';
import { countNewFromOthers, isAtBottom, newMessagesLabel, scrollTopKeeping } from './chat-scroll';

const message = (id: string, clientId = 'someone-else'): ChatMessage => ({
  id,
  clientId,
  name: 'Ana',
  text: id,
  at: 0,
});

describe('isAtBottom', () => {
  it('is at the bottom at the end of the log and within a few pixels of it', () => {
    expect(isAtBottom({ scrollTop: 780, scrollHeight: 1000, clientHeight: 220 })).toBe(true);
    expect(isAtBottom({ scrollTop: 772.5, scrollHeight: 1000, clientHeight: 220 })).toBe(true);
    expect(isAtBottom({ scrollTop: 760, scrollHeight: 1000, clientHeight: 220 })).toBe(false);
    expect(isAtBottom({ scrollTop: 0, scrollHeight: 1000, clientHeight: 220 })).toBe(false);
  });

  it('is at the bottom when the log does not scroll at all', () => {
    expect(isAtBottom({ scrollTop: 0, scrollHeight: 120, clientHeight: 220 })).toBe(true);
  });
});

describe('countNewFromOthers', () => {
  const shown = [message('a'), message('b')];

  it('counts the messages after the last one shown, not the reader’s own', () => {
    const later = [...shown, message('c'), message('mine', 'self-id'), message('d')];
    expect(countNewFromOthers(later, 'b', 'self-id')).toBe(2);
    expect(countNewFromOthers(shown, 'b', 'self-id')).toBe(0);
  });

  it('counts nothing on the first messages or when the last one shown is gone', () => {
    expect(countNewFromOthers(shown, undefined, 'self-id')).toBe(0);
    expect(countNewFromOthers([message('x'), message('y')], 'b', 'self-id')).toBe(0);
  });
});

describe('newMessagesLabel', () => {
  it('says how many, in the singular for one', () => {
    expect(newMessagesLabel(1)).toBe('1 new message');
    expect(newMessagesLabel(3)).toBe('3 new messages');
  });
});

describe('scrollTopKeeping', () => {
  it('moves the log by as much as the message moved down, so that it stays in view where it was', () => {
    // A page of 600 px went in above a message that was 40 px below the log's top edge.
    expect(scrollTopKeeping(0, 40, 640)).toBe(600);
    // Already kept in place (by the browser's own scroll anchoring): nothing moves.
    expect(scrollTopKeeping(600, 40, 40)).toBe(600);
  });
});
