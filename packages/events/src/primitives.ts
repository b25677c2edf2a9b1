import * as z from 'zod/mini';

/*
 * zod/mini on purpose (the functional API: `z.optional(x)`, `x.check(...)`): browsers validate
 * server events with these schemas (`@tally/events/server-events`), and mini costs a fraction of
 * classic zod in a bundle. Classic schemas (payloads.ts, http.ts) embed them as they are.
 */

/** Ids of boards, counters and messages: URL-safe, bounded. */
export const idSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 chars of A-Z a-z 0-9 _ -'));

/** Client-made id of one operation (a UUID in the web app); the key of idempotency. */
export const opIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 chars of A-Z a-z 0-9 _ -'));

export const clientIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 chars of A-Z a-z 0-9 _ -'));

export const memberNameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(32));

/** Board and counter names: 1-64 chars after trimming. */
export const nameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));

export const MAX_COUNTERS_PER_BOARD = 200;
export const MAX_SAFE_VALUE = Number.MAX_SAFE_INTEGER;

/** Counter values and increments are safe integers only (zod's int() refuses Infinity and 1e400). */
export const counterValueSchema = z.number().check(z.int());

export const incrementBySchema = z.number().check(
  z.int(),
  z.minimum(-1000),
  z.maximum(1000),
  z.refine((n) => n !== 0, 'must not be 0'),
);

export const chatTextSchema = z.string().check(
  z.trim(),
  z.refine((s) => {
    const codePoints = [...s].length;
    return codePoints >= 1 && codePoints <= 500;
  }, 'must be 1-500 characters'),
);

export const visibilitySchema = z.enum(['public', 'private']);
export type Visibility = z.infer<typeof visibilitySchema>;

/** Board keys (access or owner) as a client sends them; checked for shape only, matched server-side. */
export const boardKeySchema = z.string().check(z.minLength(1), z.maxLength(128));

/**
 * v1.1: the token that proves a clientId was given by this server (an HMAC, opaque to clients).
 * Another type or length is bad auth; a well-formed but wrong one makes the socket a new member.
 */
export const memberTokenSchema = z.string().check(z.minLength(1), z.maxLength(200));

/** v1.1: how far one press of a counter's buttons moves it. */
export const counterStepSchema = z.number().check(z.int(), z.minimum(1), z.maximum(1000));

/** v1.1: a bound or goal of a counter: a safe integer, or null for none. */
export const counterLimitSchema = z.nullable(counterValueSchema);

/** How a socket hears about the members of a board it joins (`board:join`'s `presence`). */
export const presenceModeSchema = z.enum(['members', 'summary']);
export type PresenceMode = z.infer<typeof presenceModeSchema>;
