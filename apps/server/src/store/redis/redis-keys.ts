/**
 * Every key the Redis store uses, under one prefix (default `tally:`), so a Redis shared with
 * other applications (or the Socket.IO adapter's `socket.io` stream and `sio:session:` keys)
 * never collides with ours and `SCAN MATCH tally:*` shows exactly Tally's data.
 *
 * Ids are `[A-Za-z0-9_-]` (the contract's idSchema / opIdSchema), so they never contain `:`.
 * Scripts build some keys from the prefix themselves (a board's counters), so the layout assumes
 * one Redis primary (no Redis Cluster slots).
 */
export interface RedisKeys {
  readonly prefix: string;
  /** Hash: name, visibility, createdAt, ownerKeyHash?, accessKeyHash?. */
  board(boardId: string): string;
  /** Sorted set of counter ids, scored by creation sequence. */
  boardCounters(boardId: string): string;
  /** Sorted set of public boards: score createdAt, member `<seq padded to 12>:<boardId>`. */
  publicBoards(): string;
  /** Hash: boardId, name, value, version (integers as decimal strings). */
  counter(counterId: string): string;
  /** Sorted set of applied changes: score appliedAt, member `<version padded to 16>|<before>|<after>`. */
  counterHistory(counterId: string): string;
  /** String `kind|counterId|by|boardId|value|version`, with a TTL: the idempotency record. */
  op(opId: string): string;
  /** List of chat messages as JSON, oldest first, capped. */
  chat(boardId: string): string;
  /** String: applied increment operations ever. */
  totalIncrements(): string;
  /** String: a sequence giving creation order to counters and public boards. */
  sequence(): string;
}

export const DEFAULT_KEY_PREFIX = 'tally:';

export function redisKeys(prefix: string = DEFAULT_KEY_PREFIX): RedisKeys {
  return {
    prefix,
    board: (boardId) => `${prefix}board:${boardId}`,
    boardCounters: (boardId) => `${prefix}board:${boardId}:counters`,
    publicBoards: () => `${prefix}boards:public`,
    counter: (counterId) => `${prefix}counter:${counterId}`,
    counterHistory: (counterId) => `${prefix}counter:${counterId}:history`,
    op: (opId) => `${prefix}op:${opId}`,
    chat: (boardId) => `${prefix}chat:${boardId}`,
    totalIncrements: () => `${prefix}totals:increments`,
    sequence: () => `${prefix}seq`,
  };
}
