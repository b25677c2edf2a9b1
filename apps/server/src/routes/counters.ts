import { randomUUID } from 'node:crypto';
import {
  ACTOR_NAME_HEADER,
  BOARD_KEY_HEADER,
  counterParamsSchema,
  HTTP_ACTOR_NAME,
  historyQuerySchema,
  historyResponseSchema,
  IDEMPOTENCY_KEY_HEADER,
  incrementBodySchema,
  incrementResponseSchema,
} from '@tally/events';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RoleNeeded } from '../boards/board-roles.js';
import { authorizeCounter } from '../boards/counter-access.js';
import { bucketCounterHistory } from '../boards/counter-history.js';
import { applyCounterOp } from '../boards/counter-ops.js';
import { boardKeyHeadersSchema, incrementHeadersSchema } from './headers.js';

/** A counter's history for sparklines and charts (up to 7 days), and increments over HTTP through the socket's own write path. */
const counterRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const { store, boardAccess, counterBoards, writeBatcher, metrics, addressLimits } = fastify;

  /** The same check as the socket's, with the role the request's board key gives (x-board-key). */
  function authorizeWithKey(counterId: string, key: string | undefined, needed: RoleNeeded) {
    return authorizeCounter(
      counterBoards,
      counterId,
      async (boardId) => (await boardAccess.authorize(boardId, key)).role,
      needed,
    );
  }

  fastify.get(
    '/api/counters/:id/history',
    {
      schema: {
        params: counterParamsSchema,
        querystring: historyQuerySchema,
        headers: boardKeyHeadersSchema,
        response: { 200: historyResponseSchema },
      },
    },
    async (request) => {
      await authorizeWithKey(request.params.id, request.headers[BOARD_KEY_HEADER], 'reader');
      const now = Date.now();
      const since = now - request.query.minutes * 60_000;
      return bucketCounterHistory(await store.counterHistory(request.params.id, since), since, now);
    },
  );

  fastify.post(
    '/api/counters/:id/increment',
    {
      schema: {
        params: counterParamsSchema,
        // No body at all (Fastify passes null) means { by: 1 }, like a socket increment without `by`.
        body: incrementBodySchema.nullish().transform((body) => body ?? {}),
        headers: incrementHeadersSchema,
        response: { 200: incrementResponseSchema },
      },
    },
    async (request, reply) => {
      const counterId = request.params.id;
      // One store call per increment, as on the socket: the board and its record are known in process.
      await authorizeWithKey(counterId, request.headers[BOARD_KEY_HEADER], 'writer');
      // Without Idempotency-Key every request is a new operation: a retry may count twice.
      const opId = request.headers[IDEMPOTENCY_KEY_HEADER] ?? randomUUID();
      const { value, version } = await applyCounterOp(
        writeBatcher,
        {
          kind: 'increment',
          opId,
          counterId,
          by: request.body.by ?? 1,
          // An HTTP call is nobody's member: recorded under the name it gives, never merged.
          actor: { clientId: null, name: request.headers[ACTOR_NAME_HEADER] ?? HTTP_ACTOR_NAME },
        },
        addressLimits.addressOfRequest(request),
      );
      // Since the request arrived; the reply is written right after this return.
      metrics.httpIncrementAcked(reply.elapsedTime);
      return { value, version };
    },
  );
};

export default counterRoutes;
