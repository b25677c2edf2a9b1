import { type BoardSnapshot, CHAT_HISTORY_LIMIT } from '@tally/events';
import type { PresenceRegistry } from '../realtime/presence-registry.js';
import type { BoardRecord, Store } from '../store/store.js';

/** A board as a client first sees it: counters, members online and the last 50 messages. */
export async function buildBoardSnapshot(
  store: Store,
  presence: PresenceRegistry,
  board: BoardRecord,
): Promise<BoardSnapshot> {
  const [counters, members, messages] = await Promise.all([
    store.listCounters(board.id),
    presence.members(board.id),
    store.recentChatMessages(board.id, CHAT_HISTORY_LIMIT),
  ]);
  return { id: board.id, name: board.name, visibility: board.visibility, counters, members, messages };
}
