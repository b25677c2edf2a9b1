/**
 * Plain protocol constants, free of zod on purpose: browsers import this module alone
 * (`@tally/events/constants`) and keep the schema library out of their initial bundle.
 */

export const LOBBY_BOARD_ID = 'lobby';
export const CHAT_HISTORY_LIMIT = 50;

/**
 * Presence summaries (added after v1, additive; see `board:join`'s `presence` option): how many
 * members a summary or a summary-mode snapshot names at most, and how often a board's summary
 * goes out at most. Past a few hundred people a per-person join/leave stream costs every member
 * O(N) frames per arrival, which no one reads; a count plus the first names scales.
 */
export const PRESENCE_SUMMARY_LIMIT = 100;
export const PRESENCE_SUMMARY_INTERVAL_MS = 1000;

/** Request headers: the board key of private boards and the optional idempotency key (an opId). */
export const BOARD_KEY_HEADER = 'x-board-key';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
