import {
  BOARD_KEY_HEADER,
  boardListCursor,
  boardListQuerySchema,
  boardListResponseSchema,
  boardParamsSchema,
  boardSnapshotSchema,
  createBoardBodySchema,
  createBoardResponseSchema,
} from '@tally/events';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createBoardWithKeys } from '../boards/board-creation.js';
import { buildBoardSnapshot } from '../boards/board-snapshot.js';
import { boardKeyHeadersSchema } from './headers.js';
import { nextPageLink } from './next-page-link.js';

/**
 * Boards over HTTP: the public list with online counts (the most recently active first, a page at
 * a time), creation with keys (viewer key included), one board's snapshot.
 */
const boardRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const { store, presence, boardAccess } = fastify;

  fastify.get(
    '/api/boards',
    { schema: { querystring: boardListQuerySchema, response: { 200: boardListResponseSchema } } },
    async (request, reply) => {
      const { limit, cursor } = request.query;
      // One board more than the page says whether a next page exists.
      const found = await store.listPublicBoards({ limit: limit + 1, ...(cursor && { after: cursor }) });
      const boards = found.slice(0, limit);
      const last = boards.at(-1);
      if (found.length > limit && last) {
        const next = { cursor: boardListCursor(last), limit: String(limit) };
        reply.header('link', nextPageLink(request, fastify.config.publicUrl, '/api/boards', next));
      }
      const online = await presence.onlineByBoard(boards.map((board) => board.id));
      return boards.map((board) => ({ ...board, online: online.get(board.id) ?? 0 }));
    },
  );

  fastify.post(
    '/api/boards',
    {
      schema: { body: createBoardBodySchema, response: { 201: createBoardResponseSchema } },
      preHandler: fastify.addressLimits.limitBoardCreation,
    },
    async (request, reply) => {
      const { board, ownerKey, viewerKey, accessKey } = await createBoardWithKeys(
        store,
        boardAccess,
        request.body,
      );
      const snapshot = await buildBoardSnapshot(fastify, board);
      return reply
        .code(201)
        .send({ board: snapshot, ownerKey, viewerKey, ...(accessKey !== undefined && { accessKey }) });
    },
  );

  fastify.get(
    '/api/boards/:id',
    {
      schema: {
        params: boardParamsSchema,
        headers: boardKeyHeadersSchema,
        response: { 200: boardSnapshotSchema },
      },
    },
    async (request) => {
      const { board } = await boardAccess.authorize(request.params.id, request.headers[BOARD_KEY_HEADER]);
      return buildBoardSnapshot(fastify, board);
    },
  );
};

export default boardRoutes;
