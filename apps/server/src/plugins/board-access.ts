import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { type BoardAccess, createBoardAccess } from '../boards/board-access.js';

declare module 'fastify' {
  interface FastifyInstance {
    boardAccess: BoardAccess;
  }
}

/** One place that decides what a key gives on a board, for the socket and the HTTP routes alike. */
const boardAccessPlugin: FastifyPluginAsync = async (fastify) => {
  fastify.decorate('boardAccess', createBoardAccess(fastify.store, fastify.config.adminKey));
};

export default fp(boardAccessPlugin, { name: 'board-access', dependencies: ['config', 'store'] });
