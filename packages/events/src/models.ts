import * as z from 'zod/mini';
import { CHAT_PAGE_MAX } from './constants.js';
import {
  clientIdSchema,
  counterLimitSchema,
  counterStepSchema,
  counterValueSchema,
  idSchema,
  MAX_COUNTERS_PER_BOARD,
  visibilitySchema,
} from './primitives.js';

/*
 * zod/mini, like primitives.ts: these are the schemas a browser checks server events with. Every
 * list a server sends is bounded, so that a broken or hostile server cannot hand a client an
 * unbounded one; no bound refuses anything a Tally server sends (see each comment).
 */

/**
 * The most members a snapshot lists. In `summary` mode a server lists PRESENCE_SUMMARY_LIMIT at
 * most, but a v1 (`members`-mode) snapshot lists every member on the board, and the server caps
 * no board's members: Tally is measured with 10,000 clients on one board (docs/performance.md),
 * so a bound of 10,000 could refuse a real snapshot. Ten times that is far above any real board.
 */
const MAX_SNAPSHOT_MEMBERS = 100_000;

/** The most messages a snapshot carries: servers send the last CHAT_HISTORY_LIMIT (50). */
const MAX_SNAPSHOT_MESSAGES = 200;

/**
 * The most actors one counter's update names: one per member and kind of change since the
 * board's previous `counter:updated`, which the server does not cap. On a big board where many
 * people press the same counter, one broadcast period (BATCH_WINDOW_MS, 20 ms by default and up
 * to 1 s, stretched while the previous update is written to every socket) can hold more than a
 * thousand of them; so the bound is the snapshot's members bound, which no real board reaches.
 */
const MAX_UPDATE_ACTORS = MAX_SNAPSHOT_MEMBERS;

export const counterSchema = z.object({
  id: idSchema,
  boardId: idSchema,
  name: z.string(),
  value: counterValueSchema,
  /** Counts value changes: 0 at creation, +1 per applied increment, reset or undo. */
  version: z.number().check(z.int(), z.nonnegative()),
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
  at: z.number().check(z.int()),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** Added for the web app (additive): a page of `chat:history`, the messages oldest first. */
export const chatPageSchema = z.object({
  messages: z.array(chatMessageSchema).check(z.maxLength(CHAT_PAGE_MAX)),
  /** Whether the board keeps messages before the first of this page. */
  hasMore: z.boolean(),
});
export type ChatPage = z.infer<typeof chatPageSchema>;

export const boardSnapshotSchema = z.object({
  id: idSchema,
  name: z.string(),
  visibility: visibilitySchema,
  /** At most MAX_COUNTERS_PER_BOARD, which every store enforces. */
  counters: z.array(counterSchema).check(z.maxLength(MAX_COUNTERS_PER_BOARD)),
  /** In arrival order: all of them (v1), or the first PRESENCE_SUMMARY_LIMIT in `summary` mode. */
  members: z.array(memberSchema).check(z.maxLength(MAX_SNAPSHOT_MEMBERS)),
  /** Optional (added after v1, additive): how many members are on the board, listed or not. */
  memberCount: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** The last 50, oldest first. */
  messages: z.array(chatMessageSchema).check(z.maxLength(MAX_SNAPSHOT_MESSAGES)),
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
  delta: z.number().check(z.int()),
  /**
   * Optional (v1.1, additive): what the member did; absent means `increment`. One member may be
   * named once per kind in the same update.
   */
  kind: z.optional(valueChangeKindSchema),
});
export type CounterActor = z.infer<typeof counterActorSchema>;

export const counterUpdateSchema = z.object({
  counterId: idSchema,
  value: counterValueSchema,
  version: z.number().check(z.int(), z.nonnegative()),
  /**
   * Optional (added after v1, additive): the members whose changes this update carries, for
   * activity feeds ("Ana +5 on Count"). A server may omit it; clients must cope without.
   */
  actors: z.optional(z.array(counterActorSchema).check(z.maxLength(MAX_UPDATE_ACTORS))),
});
export type CounterUpdate = z.infer<typeof counterUpdateSchema>;

/** v1.1 adds `viewer`: receives every event of the board, changes nothing, is not a member. */
export const roleSchema = z.enum(['owner', 'member', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

/**
 * v1.1: who made a recorded change: a member (`clientId`, the name at that moment), or an HTTP
 * call (`clientId: null`, the `x-actor-name` header or "HTTP API").
 */
export const activityActorSchema = z.object({ clientId: z.nullable(clientIdSchema), name: z.string() });
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
  id: z.string().check(z.minLength(1)),
  /** ms since epoch */
  at: z.number().check(z.int()),
  kind: activityKindSchema,
  counterId: idSchema,
  /** The counter's name when the change was made (its new name for `counter_renamed`). */
  counterName: z.string(),
  /** increment, undo: the amount; reset: the change it made (new − old value). */
  by: z.optional(z.number().check(z.int())),
  /** The counter's value after the change, where the change has one. */
  value: z.optional(z.number().check(z.int())),
  actor: activityActorSchema,
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/** v1.1: the keys an owner's `board:join` ack carries, so that an owner can share them from any device. */
export const boardKeysSchema = z.object({
  viewerKey: z.string(),
  /** Private boards, when the server can still give it (a board made before v1.1 may have only its hash). */
  accessKey: z.optional(z.string()),
});
export type BoardKeys = z.infer<typeof boardKeysSchema>;
