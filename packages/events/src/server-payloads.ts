import { z } from 'zod';
import { chatMessageSchema, counterSchema, counterUpdateSchema, memberSchema } from './models.js';
import { clientIdSchema, idSchema } from './primitives.js';

/** Payload schemas of every server-to-client event. */
export const serverPayloadSchemas = {
  /** To the new socket only, right after it connects. */
  hello: z.object({ clientId: clientIdSchema, name: z.string(), serverTime: z.number().int() }),
  /** To everyone, at most once a second, when a figure changed. */
  stats: z.object({
    online: z.number().int().nonnegative(),
    totalIncrements: z.number().int().nonnegative(),
  }),
  'presence:joined': z.object({ boardId: idSchema, member: memberSchema }),
  'presence:left': z.object({ boardId: idSchema, clientId: clientIdSchema }),
  'presence:focus': z.object({ boardId: idSchema, clientId: clientIdSchema, counterId: idSchema.nullable() }),
  'counter:created': z.object({ boardId: idSchema, counter: counterSchema }),
  'counter:updated': z.object({ boardId: idSchema, updates: z.array(counterUpdateSchema) }),
  'counter:renamed': z.object({ boardId: idSchema, counterId: idSchema, name: z.string() }),
  'counter:deleted': z.object({ boardId: idSchema, counterId: idSchema }),
  'chat:message': z.object({ boardId: idSchema, message: chatMessageSchema }),
} as const;
