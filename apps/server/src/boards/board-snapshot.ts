import {
  type BoardSnapshot,
  CHAT_HISTORY_LIMIT,
  PRESENCE_SUMMARY_LIMIT,
  type PresenceMode,
} from '@tally/events';
import type { PresenceRegistry, PresenceSummary } from '../presence/presence-registry.js';
import type { BoardRecord, Store } from '../store/store.js';
import type { CounterBoards } from './counter-boards.js';

/** What a snapshot is read from; the counters it lists are remembered with their board on the way. */
export interface SnapshotSources {
  store: Store;
  presence: PresenceRegistry;
  counterBoards: CounterBoards;
}

/** A snapshot whose `memberCount` is always there (the contract leaves it optional for v1 servers). */
export type CountedBoardSnapshot = BoardSnapshot & { memberCount: number };

/**
 * A board as a client first sees it: counters, members online and the last 50 messages. In
 * `summary` mode it names the first PRESENCE_SUMMARY_LIMIT members only; `memberCount` counts all.
 */
export async function buildBoardSnapshot(
  { store, presence, counterBoards }: SnapshotSources,
  board: BoardRecord,
  mode: PresenceMode = 'members',
): Promise<CountedBoardSnapshot> {
  const [counters, { count, members }, messages] = await Promise.all([
    store.listCounters(board.id),
    readMembers(presence, board.id, mode),
    store.recentChatMessages(board.id, CHAT_HISTORY_LIMIT),
  ]);
  // Whoever sees the snapshot clicks these counters next: their clicks need no lookup.
  counterBoards.remember(board.id, counters);
  return {
    id: board.id,
    name: board.name,
    visibility: board.visibility,
    counters,
    members,
    memberCount: count,
    messages,
  };
}

/** Every member (v1), or a summary that never lists a big board whole. */
async function readMembers(
  presence: PresenceRegistry,
  boardId: string,
  mode: PresenceMode,
): Promise<PresenceSummary> {
  if (mode === 'summary') return presence.summary(boardId, PRESENCE_SUMMARY_LIMIT);
  const members = await presence.members(boardId);
  return { count: members.length, members };
}
