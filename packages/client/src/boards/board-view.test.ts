import type { BoardSnapshot, ChatMessage, Counter, Member } from '@tally/events';
import { describe, expect, it } from 'vitest';
import {
  type BoardView,
  mergeBoardView,
  withCounterConfigured,
  withCounterRestored,
  withCounterUpdates,
  withMessage,
  withPresenceSummary,
} from './board-view.js';

function counter(id: string, value: number, version: number): Counter {
  return { id, boardId: 'b1', name: id, value, version, min: null, max: null, step: 1, goal: null };
}
function message(id: string, at: number): ChatMessage {
  return { id, clientId: 'client-0001', name: 'Ana', text: id, at };
}
function member(name: string): Member {
  return { clientId: `${name.toLowerCase()}-client`, name };
}
function view(board: Partial<BoardSnapshot>): BoardView {
  return {
    role: 'member',
    loadedAt: 1,
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

  it('a presence summary sets the count and replaces the listed members when it carries them', () => {
    const cached = view({ members: [member('Ana')], memberCount: 1 });
    const next = withPresenceSummary(cached, { count: 2, members: [member('Ana'), member('Ben')] });
    expect(next.board.memberCount).toBe(2);
    expect(next.board.members.map((m) => m.name)).toEqual(['Ana', 'Ben']);
  });

  it('a presence summary without members keeps the list and moves only the count', () => {
    const listed = [member('Ana'), member('Ben')];
    const cached = view({ members: listed, memberCount: 2 });
    const next = withPresenceSummary(cached, { count: 250 });
    expect(next.board.memberCount).toBe(250);
    expect(next.board.members).toBe(listed);
  });

  it('keeps the same object when a presence summary changes nothing (nothing re-renders)', () => {
    const cached = view({ members: [member('Ana')], memberCount: 7 });
    expect(withPresenceSummary(cached, { count: 7 })).toBe(cached);
  });

  it('a configured counter takes its settings whatever the version, its value only when newer', () => {
    const cached = view({ counters: [counter('a', 9, 9)] });
    const configured = { ...counter('a', 3, 4), min: 0, max: 10, step: 2, goal: 8 };
    const next = withCounterConfigured(cached, configured);
    expect(next.board.counters[0]).toEqual({ ...counter('a', 9, 9), min: 0, max: 10, step: 2, goal: 8 });
    expect(withCounterConfigured(next, configured)).toBe(next);
  });
});
