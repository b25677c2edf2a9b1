import type {
  BoardKeys,
  BoardSnapshot,
  ChatMessage,
  Counter,
  CounterUpdate,
  Role,
  ServerPayload,
} from '@tally/events';
import { applyCounterUpdates, mergeCounterLists, withDescription } from './versions.js';

/** What the board query holds: the snapshot kept current by events, and how this tab got it. */
export interface BoardView {
  board: BoardSnapshot;
  /** Over HTTP (socket down) a guess from the keys this browser holds, until the join tells. */
  role: Role;
  /** v1.1: the keys an owner's join answer carries (share links from any device). */
  keys?: BoardKeys;
  /**
   * When this snapshot was loaded (a join, or HTTP): what came before it is in it. Events only
   * move the board on from there; the activity history is reloaded after each load.
   */
  loadedAt: number;
}

type PresenceSummary = Omit<ServerPayload<'presence:summary'>, 'boardId'>;

/** Chat kept in memory per board; the snapshot brings the last 50. */
const MAX_MESSAGES = 200;

function withBoard(view: BoardView, board: Partial<BoardSnapshot>): BoardView {
  return { ...view, board: { ...view.board, ...board } };
}

/** A refetched view merged into the cached one under the version rules (for `structuralSharing`). */
export function mergeBoardView(current: BoardView | undefined, fresh: BoardView): BoardView {
  if (current === undefined || current.board.id !== fresh.board.id) return fresh;
  const known = new Set(fresh.board.messages.map((message) => message.id));
  // Messages that arrived while the snapshot was on its way stay; the snapshot brings the rest.
  const later = current.board.messages.filter(
    (message) => !known.has(message.id) && message.at >= (fresh.board.messages.at(-1)?.at ?? 0),
  );
  return {
    ...fresh,
    board: {
      ...fresh.board,
      counters: mergeCounterLists(current.board.counters, fresh.board.counters),
      messages: [...fresh.board.messages, ...later].slice(-MAX_MESSAGES),
    },
  };
}

export function withCounterUpdates(view: BoardView, updates: readonly CounterUpdate[]): BoardView {
  const counters = applyCounterUpdates(view.board.counters, updates);
  return counters === view.board.counters ? view : withBoard(view, { counters });
}

/** `counter:configured`: the counter's settings whatever its version, its value only when newer. */
export function withCounterConfigured(view: BoardView, counter: Counter): BoardView {
  let changed = false;
  const counters = view.board.counters.map((known) => {
    if (known.id !== counter.id) return known;
    const next = withDescription(known, counter);
    changed ||= next !== known;
    return next;
  });
  return changed ? withBoard(view, { counters }) : view;
}

export function withCounterAdded(view: BoardView, counter: Counter): BoardView {
  if (view.board.counters.some((known) => known.id === counter.id)) return view;
  return withBoard(view, { counters: [...view.board.counters, counter] });
}

/** Puts a counter back where it was (rolling back an optimistic delete). */
export function withCounterRestored(view: BoardView, counter: Counter, index: number): BoardView {
  if (view.board.counters.some((known) => known.id === counter.id)) return view;
  const counters = [...view.board.counters];
  counters.splice(Math.min(index, counters.length), 0, counter);
  return withBoard(view, { counters });
}

export function withCounterRenamed(view: BoardView, counterId: string, name: string): BoardView {
  return withBoard(view, {
    counters: view.board.counters.map((counter) =>
      counter.id === counterId ? { ...counter, name } : counter,
    ),
  });
}

export function withCounterRemoved(view: BoardView, counterId: string): BoardView {
  if (!view.board.counters.some((counter) => counter.id === counterId)) return view;
  return withBoard(view, { counters: view.board.counters.filter((counter) => counter.id !== counterId) });
}

/**
 * A `presence:summary` written into the view: the count always, the listed members only when
 * the summary carries them (it leaves them out when the list did not change since the last one).
 * The same object when nothing changed, so nothing re-renders.
 */
export function withPresenceSummary(view: BoardView, summary: PresenceSummary): BoardView {
  const members = summary.members ?? view.board.members;
  if (members === view.board.members && summary.count === view.board.memberCount) return view;
  return withBoard(view, { members, memberCount: summary.count });
}

export function withMessage(view: BoardView, message: ChatMessage): BoardView {
  if (view.board.messages.some((known) => known.id === message.id)) return view;
  return withBoard(view, { messages: [...view.board.messages, message].slice(-MAX_MESSAGES) });
}
