/**
 * Plain protocol constants, free of zod on purpose: browsers import this module alone
 * (`@tally/events/constants`) and keep the schema library out of their initial bundle.
 */

export const LOBBY_BOARD_ID = 'lobby';
export const CHAT_HISTORY_LIMIT = 50;
/** Added for the web app (additive): the most messages one `chat:history` page holds. */
export const CHAT_PAGE_MAX = 200;

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
/** v1.1: who an HTTP change is recorded as (percent-encoded UTF-8 allowed; 1–32 chars). */
export const ACTOR_NAME_HEADER = 'x-actor-name';
/** v1.1: the actor name of an HTTP change without `x-actor-name`. */
export const HTTP_ACTOR_NAME = 'HTTP API';

/** v1.1: how long after an increment its author (or the board's owner) may undo it. */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;
/** v1.1: one member's increments on one counter within this time of the first merge into one activity entry. */
export const ACTIVITY_MERGE_WINDOW_MS = 1000;
/** v1.1: activity entries are kept at least this long. */
export const ACTIVITY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * v1.1 binary board snapshots (the body's schema is in snapshot-format.ts). A file is
 * magic "TALLYSNAP" · format version (1 byte) · MessagePack body · SHA-256 of all before (32 bytes).
 */
export const SNAPSHOT_MAGIC = 'TALLYSNAP';
export const SNAPSHOT_FORMAT_VERSION = 1;
/** 1 MB: the most a snapshot may weigh, over HTTP and as the server's own limit. */
export const SNAPSHOT_MAX_BYTES = 1_048_576;
export const SNAPSHOT_MEDIA_TYPE = 'application/vnd.tally.board';
export const SNAPSHOT_FILE_EXTENSION = '.tally';
