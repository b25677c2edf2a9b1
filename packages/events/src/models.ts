import { z } from 'zod';
import {
  clientIdSchema,
  counterLimitSchema,
  counterStepSchema,
  counterValueSchema,
  idSchema,
  visibilitySchema,
} from './primitives.js';

export const counterSchema = z.object({
  id: idSchema,
  boardId: idSchema,
  name: z.string(),
  value: counterValueSchema,
  /** Counts value changes: 0 at creation, +1 per applied increment, reset or undo. */
  version: z.number().int().nonnegative(),
  /** v1.1: the bounds the value never leaves (`null`: none); `min ≤ max`. */
  min: counterLimitSchema,
  max: counterLimitSchema,
  /** v1.1: how far the web app's buttons move it (1–1000). */
  step: counterStepSchema,
  /** v1.1: shown as progress, never enforced (`null`: none). */
  goal: counterLimitSchema,
});
export type Counter = z.infer<typeof counterSchema>;

export const memberSchema = z.object({ clientId: clientIdSchema, name: z.string() });
export type Member = z.infer<typeof memberSchema>;

export const chatMessageSchema = z.object({
  id: idSchema,
  clientId: clientIdSchema,
  name: z.string(),
  text: z.string(),
  /** ms since epoch */
  at: z.number().int(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const boardSnapshotSchema = z.object({
  id: idSchema,
  name: z.string(),
  visibility: visibilitySchema,
  counters: z.array(counterSchema),
  /** In arrival order: all of them (v1), or the first PRESENCE_SUMMARY_LIMIT in `summary` mode. */
  members: z.array(memberSchema),
  /** Optional (added after v1, additive): how many members are on the board, listed or not. */
  memberCount: z.number().int().nonnegative().optional(),
  /** The last 50, oldest first. */
  messages: z.array(chatMessageSchema),
});
export type BoardSnapshot = z.infer<typeof boardSnapshotSchema>;

/** The kinds of value change an update's actor made (v1.1; an actor without `kind` incremented). */
export const valueChangeKindSchema = z.enum(['increment', 'reset', 'undo']);
export type ValueChangeKind = z.infer<typeof valueChangeKindSchema>;

/** Who changed a counter, and by how much in total, within one (possibly merged) update. */
export const counterActorSchema = z.object({
  clientId: clientIdSchema,
  name: z.string(),
  /** Net change made by this member since the previous update of the counter (a reset: new − old value). */
  delta: z.number().int(),
  /**
   * Optional (v1.1, additive): what the member did; absent means `increment`. One member may be
   * named once per kind in the same update.
   */
  kind: valueChangeKindSchema.optional(),
});
export type CounterActor = z.infer<typeof counterActorSchema>;

export const counterUpdateSchema = z.object({
  counterId: idSchema,
  value: counterValueSchema,
  version: z.number().int().nonnegative(),
  /**
   * Optional (added after v1, additive): the members whose changes this update carries, for
   * activity feeds ("Ana +5 on Count"). A server may omit it; clients must cope without.
   */
  actors: z.array(counterActorSchema).optional(),
});
export type CounterUpdate = z.infer<typeof counterUpdateSchema>;

/** v1.1 adds `viewer`: receives every event of the board, changes nothing, is not a member. */
export const roleSchema = z.enum(['owner', 'member', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

/**
 * v1.1: who made a recorded change: a member (`clientId`, the name at that moment), or an HTTP
 * call (`clientId: null`, the `x-actor-name` header or "HTTP API").
 */
export const activityActorSchema = z.object({ clientId: clientIdSchema.nullable(), name: z.string() });
export type ActivityActor = z.infer<typeof activityActorSchema>;

export const activityKindSchema = z.enum([
  'increment',
  'reset',
  'undo',
  'counter_created',
  'counter_renamed',
  'counter_configured',
  'counter_deleted',
]);
export type ActivityKind = z.infer<typeof activityKindSchema>;

/**
 * v1.1: one recorded change of a board. A merged `increment` entry covers one member's increments
 * on one counter within one second of its first one: `at` is that first time, `by` their sum,
 * `value` the counter's value after the last of them.
 */
export const activityEntrySchema = z.object({
  id: z.string().min(1),
  /** ms since epoch */
  at: z.number().int(),
  kind: activityKindSchema,
  counterId: idSchema,
  /** The counter's name when the change was made (its new name for `counter_renamed`). */
  counterName: z.string(),
  /** increment, undo: the amount; reset: the change it made (new − old value). */
  by: z.number().int().optional(),
  /** The counter's value after the change, where the change has one. */
  value: z.number().int().optional(),
  actor: activityActorSchema,
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/** v1.1: the keys an owner's `board:join` ack carries, so that an owner can share them from any device. */
export const boardKeysSchema = z.object({
  viewerKey: z.string(),
  /** Private boards, when the server can still give it (a board made before v1.1 may have only its hash). */
  accessKey: z.string().optional(),
});
export type BoardKeys = z.infer<typeof boardKeysSchema>;
