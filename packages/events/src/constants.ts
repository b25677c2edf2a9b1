/**
 * Plain protocol constants, free of zod on purpose: browsers import this module alone
 * (`@tally/events/constants`) and keep the schema library out of their initial bundle.
 */

export const LOBBY_BOARD_ID = 'lobby';
export const CHAT_HISTORY_LIMIT = 50;

/** Request headers: the board key of private boards and the optional idempotency key (an opId). */
export const BOARD_KEY_HEADER = 'x-board-key';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
