import { Readable } from 'node:stream';
import {
  type ActivityEntry,
  activityQuerySchema,
  activityResponseSchema,
  BOARD_KEY_HEADER,
  boardParamsSchema,
} from '@tally/events';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { activityCsvLines } from '../activity/activity-csv.js';
import type { Store } from '../store/store.js';
import { boardKeyHeadersSchema } from './headers.js';

/** Entries per store read while the CSV streams: the whole record never sits in memory. */
const CSV_PAGE_SIZE = 1000;

/**
 * Who did what on a board (protocol v1.1): newest-first pages as JSON, and the whole record as
 * CSV (oldest first, streamed). Private boards need one of their keys, the viewer key included.
 */
const activityRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const { store, boardAccess } = fastify;

  fastify.get(
    '/api/boards/:id/activity',
    {
      schema: {
        params: boardParamsSchema,
        querystring: activityQuerySchema,
        headers: boardKeyHeadersSchema,
        response: { 200: activityResponseSchema },
      },
    },
    async (request) => {
      const { board } = await boardAccess.authorize(request.params.id, request.headers[BOARD_KEY_HEADER]);
      const { limit, before } = request.query;
      return store.listActivity(board.id, {
        order: 'newest_first',
        limit,
        ...(before && { cursor: before }),
      });
    },
  );

  fastify.get(
    '/api/boards/:id/activity.csv',
    { schema: { params: boardParamsSchema, headers: boardKeyHeadersSchema } },
    async (request, reply) => {
      const { board } = await boardAccess.authorize(request.params.id, request.headers[BOARD_KEY_HEADER]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${board.id}-activity.csv"`)
        .send(Readable.from(activityCsvLines(oldestFirst(store, board.id))));
    },
  );
};

async function* oldestFirst(store: Store, boardId: string): AsyncGenerator<ActivityEntry[]> {
  let cursor: string | null | undefined;
  do {
    const page = await store.listActivity(boardId, {
      order: 'oldest_first',
      limit: CSV_PAGE_SIZE,
      ...(cursor && { cursor }),
    });
    yield page.entries;
    cursor = page.nextCursor;
  } while (cursor);
}

export default activityRoutes;
