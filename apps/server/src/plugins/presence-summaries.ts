import { PRESENCE_SUMMARY_INTERVAL_MS, PRESENCE_SUMMARY_LIMIT } from '@tally/events';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createPresenceSummaries, type PresenceSummaries } from '../presence/presence-summaries.js';
import { presenceRoom } from '../realtime/presence-rooms.js';
import { pollOtherNodes } from './poll-other-nodes.js';

declare module 'fastify' {
  interface FastifyInstance {
    presenceSummaries: PresenceSummaries;
  }
}

/**
 * `presence:summary` for the sockets that joined a board with `presence: 'summary'`. Each node
 * sends to its own sockets only (`io.local`), from what it reads in the registry (shared with
 * REDIS_URL), so a client's summaries come from one node in the order that node read them.
 * Other nodes' joins and leaves never reach this node's `changed()`, so with REDIS_URL it also
 * reads each of its boards once per interval. (Not `serverSideEmit`: the Redis streams adapter
 * publishes it without handling a failure, and a publish failed after a Redis outage of ~15 s is an
 * unhandled rejection that ends the process. Reading again also covers what no node announces: a
 * node that shut down, or died and was reaped.)
 */
const presenceSummariesPlugin: FastifyPluginAsync = async (fastify) => {
  const { io, presence } = fastify;
  const summaries = createPresenceSummaries({
    read: (boardId) => presence.summary(boardId, PRESENCE_SUMMARY_LIMIT),
    sendToBoard: (boardId, payload, except) =>
      io.local.to(presenceRoom(boardId, 'summary')).except(except).emit('presence:summary', payload),
    sendToSockets: (socketIds, payload) => io.to(socketIds).emit('presence:summary', payload),
    intervalMs: PRESENCE_SUMMARY_INTERVAL_MS,
    // Debug, like the presence heartbeat: Redis away is already logged once per outage, and this
    // fails once a second per board until it is back (and the summary is read again then).
    onError: (error, boardId) =>
      fastify.log.debug({ err: error, boardId }, 'could not read a presence summary'),
  });
  fastify.decorate('presenceSummaries', summaries);
  pollOtherNodes(fastify, PRESENCE_SUMMARY_INTERVAL_MS, () => summaries.changedAnywhere());
  fastify.addHook('onClose', async () => summaries.close());
};

export default fp(presenceSummariesPlugin, {
  name: 'presence-summaries',
  dependencies: ['config', 'socket', 'presence'],
});
