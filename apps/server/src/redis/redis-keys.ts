/**
 * Every key the Redis store and the Redis presence registry use, under one prefix (default
 * `tally:`; limits/redis-limit-keys.ts adds its own under the same), so a Redis shared with
 * other applications (or the Socket.IO adapter's `socket.io` stream and `sio:session:` keys)
 * never collides with ours and `SCAN MATCH tally:*` shows exactly Tally's data.
 *
 * Ids are `[A-Za-z0-9_-]` (the contract's idSchema / opIdSchema; node uids too), so they never
 * contain `:`. `splitKey` cuts a key around its ids for scripts that build keys from ids they read.
 * Scripts build some keys from the prefix themselves (a board's counters), so the layout assumes
 * one Redis primary (no Redis Cluster slots).
 */
export interface RedisKeys {
  readonly prefix: string;
  /** String: the deployment's secret (64 hex chars), made once. */
  secret(): string;
  /** String: the time of the latest readiness probe (Store.ping), overwritten by every node. */
  writeProbe(): string;
  /** Hash: name, visibility, createdAt, ownerKeyHash?, accessKeyHash?. */
  board(boardId: string): string;
  /** Sorted set of counter ids, scored by creation sequence. */
  boardCounters(boardId: string): string;
  /**
   * Sorted set of a board's activity entries, scored by their id (from `boardActivitySequence`);
   * the member encodes the entry (redis-activity.ts). Expires when the board has been quiet for
   * the whole retention (every entry in it has expired by then).
   */
  boardActivity(boardId: string): string;
  /** String: the last activity id given on a board (INCR). */
  boardActivitySequence(boardId: string): string;
  /**
   * Sorted set of public boards: member the boardId, score its last activity (createdAt, then the
   * time of each new activity entry, never back), so the list pages newest first (ties: the
   * greater id first, Redis's own order of equal scores).
   */
  publicBoards(): string;
  /**
   * Before issue 14: sorted set of public boards by creation, member `<seq padded to 12>:<boardId>`.
   * Read once by RedisStore.init to fill publicBoards, then deleted.
   */
  publicBoardsByCreation(): string;
  /**
   * Hash: boardId, name, value, version, step, min?, max?, goal? (integers as decimal strings;
   * an absent min, max or goal is null, an absent step 1: counters made before v1.1 have none).
   */
  counter(counterId: string): string;
  /**
   * Sorted set of applied changes: score appliedAt, member `<version padded to 16>|<before>|<after>`;
   * points are kept HISTORY_RETENTION_MS (a week), longer than the op records.
   */
  counterHistory(counterId: string): string;
  /**
   * String, with a TTL: the idempotency record of an applied op,
   * `kind|counterId|by|boardId|value|version|actorClientId|appliedAt|undoes|undoneBy` (by empty
   * for a reset, actorClientId empty for HTTP, undoes set on an undo, undoneBy on an increment
   * that was undone). Records written before v1.1 stop after `version`.
   */
  op(opId: string): string;
  /**
   * String `<activity id>|<at>`, living a little longer than the merge window: the increment entry
   * of one member on one counter that its next increments may merge into.
   */
  activityMerge(counterId: string, clientId: string): string;
  /** List of chat messages as JSON, oldest first, capped. */
  chat(boardId: string): string;
  /** String: applied increment operations ever. */
  totalIncrements(): string;
  /** String: a sequence giving creation order to counters (and, before issue 14, to public boards). */
  sequence(): string;
  /** Sorted set of presence nodes: score = their last heartbeat (Redis time, ms). */
  presenceNodes(): string;
  /** Sorted set of presence nodes: score = since when they have been alive without a gap. */
  presenceAliveSince(): string;
  /** Sorted set of the nodes reaped for a missed heartbeat: score = when (Redis time, ms). */
  presenceReaped(): string;
  /** Set of the clientIds with a socket on one node. */
  presenceNodeClients(nodeUid: string): string;
  /** Set of the boards one node has members on. */
  presenceNodeBoards(nodeUid: string): string;
  /** Hash of the members one node has on one board: clientId → `<arrivedAt>|<name>`. */
  presenceBoardNode(boardId: string, nodeUid: string): string;
}

export const DEFAULT_KEY_PREFIX = 'tally:';

export function redisKeys(prefix: string = DEFAULT_KEY_PREFIX): RedisKeys {
  return {
    prefix,
    secret: () => `${prefix}secret`,
    writeProbe: () => `${prefix}write-probe`,
    board: (boardId) => `${prefix}board:${boardId}`,
    boardActivity: (boardId) => `${prefix}board:${boardId}:activity`,
    boardActivitySequence: (boardId) => `${prefix}board:${boardId}:activity-seq`,
    boardCounters: (boardId) => `${prefix}board:${boardId}:counters`,
    publicBoards: () => `${prefix}boards:public-by-activity`,
    publicBoardsByCreation: () => `${prefix}boards:public`,
    counter: (counterId) => `${prefix}counter:${counterId}`,
    counterHistory: (counterId) => `${prefix}counter:${counterId}:history`,
    op: (opId) => `${prefix}op:${opId}`,
    activityMerge: (counterId, clientId) => `${prefix}counter:${counterId}:merge:${clientId}`,
    chat: (boardId) => `${prefix}chat:${boardId}`,
    totalIncrements: () => `${prefix}totals:increments`,
    sequence: () => `${prefix}seq`,
    presenceNodes: () => `${prefix}presence:nodes`,
    presenceAliveSince: () => `${prefix}presence:alive-since`,
    presenceReaped: () => `${prefix}presence:reaped`,
    presenceNodeClients: (nodeUid) => `${prefix}presence:node:${nodeUid}:clients`,
    presenceNodeBoards: (nodeUid) => `${prefix}presence:node:${nodeUid}:boards`,
    presenceBoardNode: (boardId, nodeUid) => `${prefix}presence:board:${boardId}:node:${nodeUid}`,
  };
}

const ID_MARK = '\u0000';

/** The parts of a key around its id(s), e.g. `['tally:counter:', '']`; scripts join them with ids. */
export function splitKey(keyOf: (id: string) => string): [string, string];
export function splitKey(keyOf: (first: string, second: string) => string): [string, string, string];
export function splitKey(keyOf: (...ids: string[]) => string): string[] {
  const parts = keyOf(ID_MARK, ID_MARK).split(ID_MARK);
  if (parts.length !== keyOf.length + 1) throw new Error('a key part contains the id marker');
  return parts;
}
