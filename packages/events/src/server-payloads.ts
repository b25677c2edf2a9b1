import * as z from 'zod/mini';
import { PRESENCE_SUMMARY_LIMIT } from './constants.js';
import {
  activityActorSchema,
  chatMessageSchema,
  counterSchema,
  counterUpdateSchema,
  memberSchema,
} from './models.js';
import { clientIdSchema, idSchema, MAX_COUNTERS_PER_BOARD, memberTokenSchema } from './primitives.js';

/** Optional (v1.1, additive) on the counter events: who made the change, for live activity feeds. */
const actor = z.optional(activityActorSchema);

// zod/mini (see primitives.ts): browsers import these through `@tally/events/server-events`,
// without classic zod. Every list an event carries is bounded.

/** Payload schemas of every server-to-client event. */
export const serverPayloadSchemas = {
  /** To the new socket only, right after it connects. */
  /** v1.1: `memberToken` proves `clientId` on later handshakes (`auth.memberToken`); keep the two together. */
  hello: z.object({
    clientId: clientIdSchema,
    name: z.string(),
    serverTime: z.number().check(z.int()),
    memberToken: memberTokenSchema,
  }),
  /** To everyone, at most once a second, when a figure changed. */
  stats: z.object({
    online: z.number().check(z.int(), z.nonnegative()),
    totalIncrements: z.number().check(z.int(), z.nonnegative()),
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
    count: z.number().check(z.int(), z.nonnegative()),
    members: z.optional(z.array(memberSchema).check(z.maxLength(PRESENCE_SUMMARY_LIMIT))),
  }),
  'presence:focus': z.object({
    boardId: idSchema,
    clientId: clientIdSchema,
    counterId: z.nullable(idSchema),
  }),
  'counter:created': z.object({ boardId: idSchema, counter: counterSchema, actor }),
  /** One entry per counter changed since the board's previous update: at most a board's counters. */
  'counter:updated': z.object({
    boardId: idSchema,
    updates: z.array(counterUpdateSchema).check(z.maxLength(MAX_COUNTERS_PER_BOARD)),
  }),
  'counter:renamed': z.object({ boardId: idSchema, counterId: idSchema, name: z.string(), actor }),
  /** v1.1: limits, step or goal changed; the counter whole (its value and version as now). */
  'counter:configured': z.object({ boardId: idSchema, counter: counterSchema, actor }),
  'counter:deleted': z.object({ boardId: idSchema, counterId: idSchema, actor }),
  'chat:message': z.object({ boardId: idSchema, message: chatMessageSchema }),
} as const;
