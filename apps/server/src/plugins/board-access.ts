import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { type BoardAccess, createBoardAccess } from '../boards/board-access.js';
import { type CounterBoards, createCounterBoards } from '../boards/counter-boards.js';

declare module 'fastify' {
  interface FastifyInstance {
    boardAccess: BoardAccess;
    /** The board of each counter, kept in process: authorising a click reads no store. */
    counterBoards: CounterBoards;
  }
}

/**
 * One place that decides what a key gives on a board, and which board a counter is on, for the
 * socket and the HTTP routes alike.
 * Derived keys (every viewer key, and the access keys of private boards made since v1.1) use the
 * store's own secret, the same on every node and restart.
 */
const boardAccessPlugin: FastifyPluginAsync = async (fastify) => {
  const keySecret = await fastify.store.serverSecret();
  fastify.decorate('boardAccess', createBoardAccess(fastify.store, fastify.config.adminKey, keySecret));
  fastify.decorate('counterBoards', createCounterBoards(fastify.store));
};

export default fp(boardAccessPlugin, { name: 'board-access', dependencies: ['config', 'store'] });
