/**
 * `@tally/events/server-events`: what a client needs to check what a server sends it (every
 * server-to-client event, the board snapshot and the parts of `board:join`'s ack), and nothing
 * else. Built on zod/mini alone: importing this module never loads classic zod (nor payloads.ts
 * or http.ts), which keeps a browser bundle small. Its runtime imports are zod/mini and
 * constants.ts; keep it that way.
 */
import type * as z from 'zod/mini';
import type { serverPayloadSchemas } from './server-payloads.js';

export {
  type ActivityEntry,
  activityEntrySchema,
  type BoardKeys,
  type BoardSnapshot,
  boardKeysSchema,
  boardSnapshotSchema,
  type ChatMessage,
  type ChatPage,
  type Counter,
  chatMessageSchema,
  chatPageSchema,
  counterSchema,
  type Role,
  roleSchema,
} from './models.js';
export { serverPayloadSchemas } from './server-payloads.js';

/** The same types as `ServerEventName` and `ServerPayload` of the package's main entry. */
export type ServerEventName = keyof typeof serverPayloadSchemas;
export type ServerPayload<E extends ServerEventName> = z.infer<(typeof serverPayloadSchemas)[E]>;
