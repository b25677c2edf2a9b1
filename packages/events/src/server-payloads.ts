import { z } from 'zod';
import {
  activityActorSchema,
  chatMessageSchema,
  counterSchema,
  counterUpdateSchema,
  memberSchema,
} from './models.js';
import { clientIdSchema, idSchema, memberTokenSchema } from './primitives.js';

/** Optional (v1.1, additive) on the counter events: who made the change, for live activity feeds. */
const actor = activityActorSchema.optional();

/** Payload schemas of every server-to-client event. */
export const serverPayloadSchemas = {
  /** To the new socket only, right after it connects. */
  /** v1.1: `memberToken` proves `clientId` on later handshakes (`auth.memberToken`); keep the two together. */
  hello: z.object({
    clientId: clientIdSchema,
    name: z.string(),
    serverTime: z.number().int(),
    memberToken: memberTokenSchema,
  }),
  /** To everyone, at most once a second, when a figure changed. */
  stats: z.object({
    online: z.number().int().nonnegative(),
    totalIncrements: z.number().int().nonnegative(),
  }),
  'presence:joined': z.object({ boardId: idSchema, member: memberSchema }),
  'presence:left': z.object({ boardId: idSchema, clientId: clientIdSchema }),
  /**
   * Added after v1 (additive), only to sockets that joined with `presence: 'summary'`: at most
   * once per PRESENCE_SUMMARY_INTERVAL_MS per board, when something changed. `count` is every
   * member on the board; `members` (the first PRESENCE_SUMMARY_LIMIT, in arrival order) is sent
   * only when that list changed since the board's previous summary, else the client keeps its own.
   */
  'presence:summary': z.object({
    boardId: idSchema,
    count: z.number().int().nonnegative(),
    members: z.array(memberSchema).optional(),
  }),
  'presence:focus': z.object({ boardId: idSchema, clientId: clientIdSchema, counterId: idSchema.nullable() }),
  'counter:created': z.object({ boardId: idSchema, counter: counterSchema, actor }),
  'counter:updated': z.object({ boardId: idSchema, updates: z.array(counterUpdateSchema) }),
  'counter:renamed': z.object({ boardId: idSchema, counterId: idSchema, name: z.string(), actor }),
  /** v1.1: limits, step or goal changed; the counter whole (its value and version as now). */
  'counter:configured': z.object({ boardId: idSchema, counter: counterSchema, actor }),
  'counter:deleted': z.object({ boardId: idSchema, counterId: idSchema, actor }),
  'chat:message': z.object({ boardId: idSchema, message: chatMessageSchema }),
} as const;
