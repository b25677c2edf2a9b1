import type { BoardSnapshot, ChatMessage, Counter } from '@tally/events';
import { describe, expect, it } from 'vitest';
import {
  type BoardView,
  mergeBoardView,
  withCounterRestored,
  withCounterUpdates,
  withMessage,
} from './board-view';

function counter(id: string, value: number, version: number): Counter {
  return { id, boardId: 'b1', name: id, value, version };
}
function message(id: string, at: number): ChatMessage {
  return { id, clientId: 'client-0001', name: 'Ana', text: id, at };
}
function view(board: Partial<BoardSnapshot>): BoardView {
  return {
    role: 'member',
    board: { id: 'b1', name: 'B', visibility: 'public', counters: [], members: [], messages: [], ...board },
  };
}

describe('board view', () => {
  it('a refetched snapshot never moves a counter back, and keeps messages that came in meanwhile', () => {
    const cached = view({ counters: [counter('a', 9, 9)], messages: [message('m1', 1), message('m2', 2)] });
    const fresh = view({ counters: [counter('a', 7, 7)], messages: [message('m1', 1)] });
    const merged = mergeBoardView(cached, fresh);
    expect(merged.board.counters).toEqual([counter('a', 9, 9)]);
    expect(merged.board.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('keeps the same object when an update is not newer (nothing re-renders)', () => {
    const cached = view({ counters: [counter('a', 9, 9)] });
    expect(withCounterUpdates(cached, [{ counterId: 'a', value: 3, version: 9 }])).toBe(cached);
  });

  it('adds a chat message once, whether it came by ack or by broadcast', () => {
    const once = withMessage(view({}), message('m1', 1));
    expect(withMessage(once, message('m1', 1))).toBe(once);
  });

  it('puts a counter back where it was when a delete is rolled back', () => {
    const cached = view({ counters: [counter('a', 1, 1), counter('c', 1, 1)] });
    const restored = withCounterRestored(cached, counter('b', 1, 1), 1);
    expect(restored.board.counters.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });
});
