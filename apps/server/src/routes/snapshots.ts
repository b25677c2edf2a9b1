import {
  BOARD_KEY_HEADER,
  boardParamsSchema,
  createBoardResponseSchema,
  importBoardQuerySchema,
  SNAPSHOT_FILE_EXTENSION,
  SNAPSHOT_MAX_BYTES,
  SNAPSHOT_MEDIA_TYPE,
  TallyError,
} from '@tally/events';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createBoardWithKeys } from '../boards/board-creation.js';
import { buildBoardSnapshot } from '../boards/board-snapshot.js';
import { decodeSnapshotFile, encodeSnapshotFile } from '../boards/snapshot-file.js';
import { boardKeyHeadersSchema } from './headers.js';

/**
 * Binary board snapshots over HTTP (protocol v1.1): the owner downloads one, anyone makes a new
 * board from one. In its own plugin so that the snapshot body type is the only one its routes
 * parse: any other type is answered 415 by Fastify.
 */
const snapshotRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const { store, boardAccess } = fastify;

  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    SNAPSHOT_MEDIA_TYPE,
    { parseAs: 'buffer', bodyLimit: SNAPSHOT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
  // Too big is one more way for a snapshot to be invalid: 400 invalid_payload, as the protocol says.
  // What this handler throws is answered by the app's error handler, like every other error.
  fastify.setErrorHandler((error) => {
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      throw new TallyError('invalid_payload', `a snapshot is at most ${SNAPSHOT_MAX_BYTES} bytes`);
    }
    throw error;
  });

  fastify.get(
    '/api/boards/:id/snapshot',
    { schema: { params: boardParamsSchema, headers: boardKeyHeadersSchema } },
    async (request, reply) => {
      const { board, role } = await boardAccess.authorize(
        request.params.id,
        request.headers[BOARD_KEY_HEADER],
      );
      if (role !== 'owner') throw new TallyError('forbidden', 'exporting a board needs its owner key');
      const snapshot = encodeSnapshotFile(board.name, await store.listCounters(board.id), Date.now());
      return reply
        .type(SNAPSHOT_MEDIA_TYPE)
        .header('content-disposition', `attachment; filename="${board.id}${SNAPSHOT_FILE_EXTENSION}"`)
        .send(snapshot);
    },
  );

  fastify.post(
    '/api/boards/import',
    { schema: { querystring: importBoardQuerySchema, response: { 201: createBoardResponseSchema } } },
    async (request, reply) => {
      // No body at all reaches here without a parser: it is no snapshot either.
      if (!Buffer.isBuffer(request.body))
        throw new TallyError('invalid_payload', 'the body must be a snapshot file');
      const { counters } = decodeSnapshotFile(request.body);
      // A file that makes no board takes none of the address's allowance.
      await fastify.addressLimits.limitBoardCreation(request, reply);
      const { name, visibility } = request.query;
      const created = await createBoardWithKeys(store, boardAccess, { name, visibility }, counters);
      const board = await buildBoardSnapshot(fastify, created.board);
      const { ownerKey, viewerKey, accessKey } = created;
      return reply
        .code(201)
        .send({ board, ownerKey, viewerKey, ...(accessKey !== undefined && { accessKey }) });
    },
  );
};

export default snapshotRoutes;
