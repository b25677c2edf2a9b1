import {
  ACTIVITY_RETENTION_MS,
  type ActivityActor,
  type ActivityEntry,
  BOARD_LIST_PAGE_MAX,
  type BoardListPosition,
  type ChatMessage,
  type ChatPage,
  type Counter,
  TallyError,
  type Visibility,
} from '@tally/events';

/** A board as stored: keys only as hashes (never the keys themselves). */
export interface BoardRecord {
  id: string;
  name: string;
  visibility: Visibility;
  /** null for the lobby, which only ADMIN_KEY can own. */
  ownerKeyHash: string | null;
  /** Set for private boards only. */
  accessKeyHash: string | null;
  createdAt: number;
}

export interface PublicBoardSummary {
  id: string;
  name: string;
  /** How many counters the board has. */
  counters: number;
  /**
   * When its newest activity entry began (ms), or when it was made if it never had one. Kept with
   * the board, so it stays after the entry itself is pruned, and it never moves back.
   */
  lastActivityAt: number;
}

/** A page of the public boards: the most recently active first, ties by id (the greater first). */
export interface PublicBoardPageRequest {
  limit: number;
  /** The last board of the page before: only boards after it in that order. */
  after?: BoardListPosition;
}

/** What listPublicBoards answers without a page. */
export const FIRST_PUBLIC_BOARDS_PAGE: PublicBoardPageRequest = { limit: BOARD_LIST_PAGE_MAX };

/** Chat messages each board keeps unless the store is told otherwise (CHAT_HISTORY_PER_BOARD). */
export const DEFAULT_CHAT_HISTORY_PER_BOARD = 200;

/** Applied ops (opIds, history, undo records) are kept this long: the 24 h the protocol promises plus an hour. */
export const DEFAULT_OP_RETENTION_MS = 25 * 60 * 60 * 1000;
export const MIN_OP_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * The op-retention policy of every store: how long applied ops are kept when a store is asked for
 * `requestedMs` (tests shorten it): DEFAULT_OP_RETENTION_MS unless asked, never under the 24 h
 * (MIN_OP_RETENTION_MS) within which the protocol promises that a retried opId is recognised.
 */
export function opRetentionMs(requestedMs?: number): number {
  return Math.max(requestedMs ?? DEFAULT_OP_RETENTION_MS, MIN_OP_RETENTION_MS);
}
/**
 * History points (a counter's value after each change) outlive the ops: the longest history window
 * (7 days) plus an hour. Only the points are kept this long; opIds are forgotten with their ops.
 */
export const HISTORY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000 + 60 * 60 * 1000;
/** Activity entries are pruned a day after the 30 days the protocol promises. */
export const ACTIVITY_KEPT_MS = ACTIVITY_RETENTION_MS + 24 * 60 * 60 * 1000;

/** The id of the lobby's "Count" counter, which every backend seeds on a fresh store. */
export const LOBBY_COUNTER_ID = 'lobby-count';

/** v1.1: a counter's bounds (null: none), the step of its buttons and its goal (null: none). */
export interface CounterSettings {
  min: number | null;
  max: number | null;
  step: number;
  goal: number | null;
}

export const DEFAULT_COUNTER_SETTINGS: CounterSettings = { min: null, max: null, step: 1, goal: null };

/** A counter to create: its id is made by the caller, its version starts at 0. */
export interface NewCounter extends CounterSettings {
  id: string;
  boardId: string;
  name: string;
  /** Within [min, max] (the caller gives the reset value when the client gave none). */
  value: number;
}

/** Every backend refuses a creation value past ±MAX_SAFE_INTEGER the same way. */
export function assertSafeCounterValue(value: number): void {
  if (!Number.isSafeInteger(value)) throw new TallyError('out_of_range', 'the value must be a safe integer');
}

/** What a reset sets: 0, or the nearer bound when 0 lies outside [min, max]. */
export function resetValue({ min, max }: Pick<CounterSettings, 'min' | 'max'>): number {
  if (min !== null && min > 0) return min;
  if (max !== null && max < 0) return max;
  return 0;
}

/** Whether `value` lies within the counter's bounds. */
export function withinBounds(value: number, { min, max }: Pick<CounterSettings, 'min' | 'max'>): boolean {
  return (min === null || value >= min) && (max === null || value <= max);
}

/** Every backend refuses bounds out of order the same way (`invalid_payload`). */
export function assertBoundsInOrder({ min, max }: Pick<CounterSettings, 'min' | 'max'>): void {
  if (min !== null && max !== null && min > max) {
    throw new TallyError('invalid_payload', 'min must not exceed max');
  }
}

/** What a new counter may not be, checked by every backend before anything is written: a value past
 * ±(2^53 − 1), bounds out of order, then a value outside them. */
export function assertValidNewCounter(counter: NewCounter): void {
  assertSafeCounterValue(counter.value);
  assertBoundsInOrder(counter);
  if (!withinBounds(counter.value, counter)) {
    throw new TallyError('out_of_range', 'the value must lie within [min, max]');
  }
}

/**
 * Who is recorded as making a change (v1.1 activity): a member, or an HTTP call with clientId null.
 * Every change the store makes on a caller's behalf names one.
 */
export type Actor = ActivityActor;

/**
 * One value-changing operation on a counter, keyed by its client-made opId. An `undo` names the
 * increment it reverses (`undoes`); the store reads that increment's counter and amount itself,
 * in the same transaction, so that two undos of one increment cannot both apply.
 */
export type CounterOp =
  | { kind: 'increment'; opId: string; counterId: string; by: number; actor: Actor }
  | { kind: 'reset'; opId: string; counterId: string; actor: Actor }
  | { kind: 'undo'; opId: string; undoes: string; actor: Actor };

/** An applied op as the store remembers it (for as long as its opId is remembered). */
export interface OpRecord {
  opId: string;
  kind: 'increment' | 'reset' | 'undo';
  counterId: string;
  boardId: string;
  /** increment and undo: the amount applied; reset: null. */
  by: number | null;
  /** The member who made it; null for HTTP calls. */
  actorClientId: string | null;
  appliedAt: number;
  /** For an increment that was undone: the undo's opId. */
  undoneBy: string | null;
}

/** What a page of activity asks for: newest first (the JSON route) or oldest first (the CSV). */
export interface ActivityPageRequest {
  order: 'newest_first' | 'oldest_first';
  /** 1–1000 */
  limit: number;
  /** A `nextCursor` from the page before: entries after it in `order` only. */
  cursor?: string;
}

export interface ActivityPage {
  entries: ActivityEntry[];
  /** null when there is nothing past this page. */
  nextCursor: string | null;
}

/**
 * The outcome of one op inside a batch. `replayed` is true when the opId had been applied
 * before (in an earlier batch or earlier in the same one): the first result is returned, nothing changes.
 */
export type OpOutcome =
  | {
      ok: true;
      boardId: string;
      counterId: string;
      value: number;
      version: number;
      replayed: boolean;
      /** The change the op made to the value (a reset: new − old value); 0 when replayed. */
      delta: number;
    }
  | { ok: false; code: 'not_found' | 'out_of_range' | 'invalid_payload'; message: string };

/** What a refused op says: the same words from every backend. */
export const OP_REFUSALS = {
  reused: { code: 'invalid_payload', message: 'opId reused with different parameters' },
  noCounter: { code: 'not_found', message: 'no such counter' },
  pastSafeRange: { code: 'out_of_range', message: 'the result would be past ±(2^53 − 1)' },
  outOfBounds: { code: 'out_of_range', message: "the result would leave the counter's [min, max]" },
  unknownOp: { code: 'not_found', message: 'no such operation (unknown, or older than the opId memory)' },
  notAnIncrement: { code: 'invalid_payload', message: 'only increments can be undone' },
} as const satisfies Record<string, { code: Extract<OpOutcome, { ok: false }>['code']; message: string }>;

export interface CounterHistory {
  /** The counter's value at the start of the window (before the first point). */
  startValue: number;
  /** Every applied change inside the window, oldest first: the value right after it. */
  points: Array<{ t: number; value: number }>;
}

/**
 * Where boards, counters, applied operations and chat live. Implemented by the embedded
 * SQLite store (default) and the Redis store (several nodes); both pass the contract suite in `test/store/store-contract.ts`.
 * Every method may reject with TallyError('unavailable') when the backend is unreachable.
 */
export interface Store {
  /** Runs migrations and makes sure the `lobby` board with its "Count" counter exists. */
  init(): Promise<void>;
  close(): Promise<void>;
  /**
   * Resolves once the backend accepted a tiny write (one row or key, overwritten each time): the
   * readiness probe, so that a store that answers reads but cannot write (disk full, Redis
   * refusing writes) is not reported ready.
   */
  ping(): Promise<void>;

  /**
   * v1.1: the deployment's secret (member tokens, derived board keys): made once, atomically, on
   * first use, then the same for every node and after every restart. 64 hex chars or longer.
   */
  serverSecret(): Promise<string>;

  createBoard(board: BoardRecord): Promise<void>;
  getBoard(boardId: string): Promise<BoardRecord | null>;
  /**
   * Up to `page.limit` public boards, the most recently active first (ties: the greater id first),
   * after `page.after` when given; without a page, FIRST_PUBLIC_BOARDS_PAGE. The order is an
   * index's: a page costs its own size, however many boards there are.
   */
  listPublicBoards(page?: PublicBoardPageRequest): Promise<PublicBoardSummary[]>;

  /**
   * v1.1 import: a new board with its counters, all or nothing (`invalid_payload` when the id is
   * taken, like createBoard). No activity is recorded.
   */
  createBoardWithCounters(board: BoardRecord, counters: readonly NewCounter[]): Promise<Counter[]>;

  listCounters(boardId: string): Promise<Counter[]>;
  getCounter(counterId: string): Promise<Counter | null>;
  /**
   * Rejects with TallyError('limit_reached') past MAX_COUNTERS_PER_BOARD, 'not_found' for an
   * unknown board, 'out_of_range' for a value outside [min, max], 'invalid_payload' for min > max.
   * Records `counter_created`.
   */
  createCounter(counter: NewCounter, actor: Actor): Promise<Counter>;
  /** Records `counter_renamed` (with the new name). */
  renameCounter(counterId: string, name: string, actor: Actor): Promise<Counter | null>;
  /**
   * v1.1: changes the given settings (a field left out stays; null clears a bound or the goal) in
   * one transaction with the check: 'invalid_payload' when min > max results, 'out_of_range' when
   * the current value would be outside. Records `counter_configured`. null for an unknown counter.
   */
  configureCounter(
    counterId: string,
    changes: Partial<CounterSettings>,
    actor: Actor,
  ): Promise<Counter | null>;
  /** Records `counter_deleted`. */
  deleteCounter(counterId: string, actor: Actor): Promise<Counter | null>;

  /**
   * Applies a batch of ops atomically as one transaction (group commit) and resolves once it is
   * durable. Outcomes come back in the order of `ops`. A refused op (unknown counter, result past
   * ±MAX_SAFE_INTEGER, opId reused with other parameters) changes nothing and does not touch
   * the rest of the batch; only applied ops are remembered (for at least 24 hours).
   *
   * v1.1: a result outside the counter's [min, max] is refused (`out_of_range`); a reset sets 0
   * or the nearer bound. An `undo` applies −by of the increment it names to that increment's
   * counter, once: undoing an increment already undone is answered with the first undo's result
   * (`replayed`), whatever its opId. Unknown increment: `not_found`; a reset or undo named:
   * `invalid_payload`. Every applied op is recorded in the activity with its actor; increments of
   * one member on one counter within ACTIVITY_MERGE_WINDOW_MS of an entry's first one (HTTP ones
   * never) may merge into it.
   */
  applyOps(ops: readonly CounterOp[]): Promise<OpOutcome[]>;

  /** v1.1: an applied op by its opId (null: unknown, or no longer remembered). */
  getOp(opId: string): Promise<OpRecord | null>;

  /** v1.1: a board's activity, a page at a time (kept at least ACTIVITY_RETENTION_MS). */
  listActivity(boardId: string, page: ActivityPageRequest): Promise<ActivityPage>;

  /**
   * The counter's changes since `sinceMs`: answered for any window within HISTORY_RETENTION_MS
   * (7 days and an hour), also after the ops themselves are forgotten. `not_found` for an unknown counter.
   */
  counterHistory(counterId: string, sinceMs: number): Promise<CounterHistory>;
  /** Applied increment operations ever (socket and HTTP), for `stats`. */
  totalIncrements(): Promise<number>;

  /**
   * Appends a message and, in the same write, drops the board's messages older than the newest
   * `chatHistoryPerBoard` (a store option): each board keeps a bounded history, pruned as it grows.
   */
  addChatMessage(boardId: string, message: ChatMessage): Promise<void>;
  /** The last `limit` messages of a board, oldest first. */
  recentChatMessages(boardId: string, limit: number): Promise<ChatMessage[]>;
  /**
   * A page of a board's chat: the `limit` messages sent just before the message `before` (the
   * latest ones without it), oldest first, and whether the store keeps any before them. A `before`
   * the board does not keep (never sent there, or dropped as too old) has nothing before it.
   */
  chatMessagesBefore(boardId: string, before: string | undefined, limit: number): Promise<ChatPage>;
}
