import { z } from 'zod';
import {
  boardKeySchema,
  chatTextSchema,
  clientIdSchema,
  counterValueSchema,
  idSchema,
  incrementBySchema,
  memberNameSchema,
  nameSchema,
  opIdSchema,
  presenceModeSchema,
} from './primitives.js';

/** Handshake `auth`: both fields optional; the server fills in what is missing. */
export const handshakeAuthSchema = z.strictObject({
  clientId: clientIdSchema.optional(),
  name: memberNameSchema.optional(),
});
export type HandshakeAuth = z.input<typeof handshakeAuthSchema>;

/**
 * Payload schemas of every client-to-server event. Objects are strict: a key the server
 * does not know is refused with `invalid_payload`.
 */
export const clientPayloadSchemas = {
  'board:join': z.strictObject({
    boardId: idSchema,
    key: boardKeySchema.optional(),
    /**
     * Optional (added after v1, additive). `members` (the default) is v1: `presence:joined` and
     * `presence:left` per member and every member in the snapshot. `summary`: neither event;
     * the snapshot names at most PRESENCE_SUMMARY_LIMIT members (plus `memberCount`), and
     * `presence:summary` arrives at most once per PRESENCE_SUMMARY_INTERVAL_MS when it changed.
     */
    presence: presenceModeSchema.optional(),
  }),
  'board:leave': z.strictObject({ boardId: idSchema }),
  'counter:create': z.strictObject({
    boardId: idSchema,
    name: nameSchema,
    value: counterValueSchema.optional(),
  }),
  'counter:increment': z.strictObject({
    counterId: idSchema,
    by: incrementBySchema.optional(),
    opId: opIdSchema,
  }),
  'counter:rename': z.strictObject({ counterId: idSchema, name: nameSchema }),
  'counter:reset': z.strictObject({ counterId: idSchema, opId: opIdSchema }),
  'counter:delete': z.strictObject({ counterId: idSchema }),
  'chat:send': z.strictObject({ boardId: idSchema, text: chatTextSchema }),
  'presence:focus': z.strictObject({ boardId: idSchema, counterId: idSchema.nullable() }),
  'latency:probe': z.strictObject({ t: z.number().finite() }),
} as const;

export type ClientEventName = keyof typeof clientPayloadSchemas;

/** What a client sends (before defaults and trimming). */
export type ClientPayload<E extends ClientEventName> = z.input<(typeof clientPayloadSchemas)[E]>;

/** What the server works with after validation (trimmed, defaults applied). */
export type ParsedPayload<E extends ClientEventName> = z.output<(typeof clientPayloadSchemas)[E]>;

/** Client events that are sent volatile and take no acknowledgement. */
export const unackedClientEvents = ['presence:focus'] as const satisfies readonly ClientEventName[];
export type UnackedClientEvent = (typeof unackedClientEvents)[number];
export type AckedClientEvent = Exclude<ClientEventName, UnackedClientEvent>;

export function isClientEventName(name: unknown): name is ClientEventName {
  return typeof name === 'string' && Object.hasOwn(clientPayloadSchemas, name);
}
