import { z } from 'zod';
import { clientIdSchema, counterValueSchema, idSchema, visibilitySchema } from './primitives.js';

export const counterSchema = z.object({
  id: idSchema,
  boardId: idSchema,
  name: z.string(),
  value: counterValueSchema,
  /** Counts value changes: 0 at creation, +1 per applied increment or reset. */
  version: z.number().int().nonnegative(),
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

/** Who changed a counter, and by how much in total, within one (possibly merged) update. */
export const counterActorSchema = z.object({
  clientId: clientIdSchema,
  name: z.string(),
  /** Net change made by this member since the previous update of the counter (a reset counts as −value). */
  delta: z.number().int(),
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

export const roleSchema = z.enum(['owner', 'member']);
export type Role = z.infer<typeof roleSchema>;
