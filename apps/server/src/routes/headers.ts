import {
  ACTOR_NAME_HEADER,
  actorNameHeaderSchema,
  BOARD_KEY_HEADER,
  boardKeySchema,
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeySchema,
} from '@tally/events';
import { z } from 'zod';

// Loose objects: Fastify replaces request.headers with the validated value, and the other
// headers (host, accept, range…) must survive it.

/** `x-board-key`: private boards need it; it may also carry the owner key or ADMIN_KEY. */
export const boardKeyHeadersSchema = z.looseObject({ [BOARD_KEY_HEADER]: z.optional(boardKeySchema) });

/** Plus `idempotency-key`, the opId of an HTTP increment, and `x-actor-name`, who the activity names (v1.1). */
export const incrementHeadersSchema = boardKeyHeadersSchema.extend({
  [IDEMPOTENCY_KEY_HEADER]: z.optional(idempotencyKeySchema),
  [ACTOR_NAME_HEADER]: actorNameHeaderSchema.optional(),
});
