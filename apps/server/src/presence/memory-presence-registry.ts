import type { Member } from '@tally/events';
import { createLocalPresence } from './local-presence.js';
import type { BoardDeparture, PresenceRegistry } from './presence-registry.js';

/** The single-node PresenceRegistry: this process's own bookkeeping is the whole truth. */
export function createMemoryPresenceRegistry(): PresenceRegistry {
  const local = createLocalPresence();
  /**
   * Each board's first members as last summarised, kept until they change: joins past the first
   * `limit` do not change them, so a burst of joins on a busy board shares one list (in every
   * snapshot and every summary held for a joiner) instead of making `limit` objects per join, which
   * lived long enough to be promoted and then left the old generation full of garbage.
   */
  const firstMembers = new Map<string, { limit: number; members: Member[] }>();

  function forgetFirstMembers(departures: readonly BoardDeparture[]): void {
    for (const { boardId } of departures) firstMembers.delete(boardId);
  }

  return {
    async connect(socketId, member) {
      local.connect(socketId, member);
    },

    async disconnect(socketId) {
      const departures = local.disconnect(socketId)?.departures ?? [];
      forgetFirstMembers(departures);
      return departures;
    },

    async join(boardId, socketId) {
      const { firstSocketOfMember } = local.join(boardId, socketId);
      const cached = firstMembers.get(boardId);
      // A newcomer is last in arrival order: among the first `limit` only while the board is that small.
      if (firstSocketOfMember && cached && local.memberCount(boardId) <= cached.limit) {
        firstMembers.delete(boardId);
      }
      return { firstSocketOfMember };
    },

    async leave(boardId, socketId) {
      const departure = local.leave(boardId, socketId);
      if (departure) forgetFirstMembers([departure]);
      return departure;
    },

    async members(boardId) {
      return local.members(boardId).map(({ clientId, name }) => ({ clientId, name }));
    },

    async summary(boardId, limit) {
      const count = local.memberCount(boardId);
      let cached = firstMembers.get(boardId);
      if (cached?.limit !== limit) {
        cached = {
          limit,
          members: local.members(boardId, limit).map(({ clientId, name }) => ({ clientId, name })),
        };
        // An empty board is forgotten by presence; its list would outlive it here.
        if (count > 0) firstMembers.set(boardId, cached);
      }
      return { count, members: cached.members };
    },

    async onlineByBoard(boardIds) {
      return new Map(boardIds.map((boardId) => [boardId, local.memberCount(boardId)]));
    },

    async online() {
      return local.clientCount();
    },
  };
}
