import { z } from 'zod';
import { CHAT_HISTORY_LIMIT, CHAT_PAGE_MAX } from './constants.js';
import {
  boardKeySchema,
  chatTextSchema,
  clientIdSchema,
  counterLimitSchema,
  counterStepSchema,
  counterValueSchema,
  idSchema,
  incrementBySchema,
  memberNameSchema,
  memberTokenSchema,
  nameSchema,
  opIdSchema,
  presenceModeSchema,
  visibilitySchema,
} from './primitives.js';
import { binarySnapshotSchema } from './snapshot-format.js';

/**
 * Handshake `auth`: every field optional; the server fills in what is missing. v1.1: `clientId`
 * is honoured only with its `memberToken` (from `hello`); without it the socket is a new member.
 */
export const handshakeAuthSchema = z.strictObject({
  clientId: z.optional(clientIdSchema),
  name: z.optional(memberNameSchema),
  memberToken: z.optional(memberTokenSchema),
});
export type HandshakeAuth = z.input<typeof handshakeAuthSchema>;

const BOUNDS_MESSAGE = { message: 'min must not be greater than max', path: ['min'] };

/** Bounds given together must be in order (a bound set earlier is checked by the server). */
function boundsInOrder(limits: { min?: number | null; max?: number | null }): boolean {
  return limits.min == null || limits.max == null || limits.min <= limits.max;
}

/**
 * Payload schemas of every client-to-server event. Objects are strict: a key the server
 * does not know is refused with `invalid_payload`.
 */
export const clientPayloadSchemas = {
  'board:join': z.strictObject({
    boardId: idSchema,
    key: z.optional(boardKeySchema),
    /**
     * Optional (added after v1, additive). `members` (the default) is v1: `presence:joined` and
     * `presence:left` per member and every member in the snapshot. `summary`: neither event;
     * the snapshot names at most PRESENCE_SUMMARY_LIMIT members (plus `memberCount`), and
     * `presence:summary` arrives at most once per PRESENCE_SUMMARY_INTERVAL_MS when it changed.
     */
    presence: z.optional(presenceModeSchema),
  }),
  'board:leave': z.strictObject({ boardId: idSchema }),
  'counter:create': z
    .strictObject({
      boardId: idSchema,
      name: nameSchema,
      value: z.optional(counterValueSchema),
      /** v1.1: limits, step and goal; without `value` the counter starts at its reset value. */
      min: z.optional(counterLimitSchema),
      max: z.optional(counterLimitSchema),
      step: z.optional(counterStepSchema),
      goal: z.optional(counterLimitSchema),
    })
    .refine(boundsInOrder, BOUNDS_MESSAGE),
  'counter:increment': z.strictObject({
    counterId: idSchema,
    by: z.optional(incrementBySchema),
    opId: opIdSchema,
  }),
  'counter:rename': z.strictObject({ counterId: idSchema, name: nameSchema }),
  'counter:reset': z.strictObject({ counterId: idSchema, opId: opIdSchema }),
  'counter:delete': z.strictObject({ counterId: idSchema }),
  /** v1.1, owner: a field left out stays as it is; `null` clears a bound or the goal. */
  'counter:configure': z
    .strictObject({
      counterId: idSchema,
      min: z.optional(counterLimitSchema),
      max: z.optional(counterLimitSchema),
      step: z.optional(counterStepSchema),
      goal: z.optional(counterLimitSchema),
    })
    .refine(boundsInOrder, BOUNDS_MESSAGE),
  /** v1.1: the inverse of the increment `opId`, as the new operation `undoOpId`. */
  'counter:undo': z.strictObject({ opId: opIdSchema, undoOpId: opIdSchema }),
  /** v1.1, owner: the board's counters as a binary snapshot. */
  'board:export': z.strictObject({ boardId: idSchema }),
  /** v1.1, anyone: a new board from a binary snapshot (the one event that may carry binary). */
  'board:import': z.strictObject({
    name: nameSchema,
    snapshot: binarySnapshotSchema,
    visibility: z.optional(visibilitySchema),
  }),
  'chat:send': z.strictObject({ boardId: idSchema, text: chatTextSchema }),
  /**
   * Added for the web app (additive), any role: the `limit` messages before the message `before`
   * (without it, the latest ones), oldest first, and whether there are more before them.
   */
  'chat:history': z.strictObject({
    boardId: idSchema,
    before: z.optional(idSchema),
    limit: z._default(z.number().int().min(1).max(CHAT_PAGE_MAX), CHAT_HISTORY_LIMIT),
  }),
  'presence:focus': z.strictObject({ boardId: idSchema, counterId: z.nullable(idSchema) }),
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
