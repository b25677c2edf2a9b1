import { type ChatMessage, type Counter, TallyError, type Visibility } from '@tally/events';

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
}

/** The id of the lobby's "Count" counter, which every backend seeds on a fresh store. */
export const LOBBY_COUNTER_ID = 'lobby-count';

/** A counter to create: its id is made by the caller, its version starts at 0. */
export interface NewCounter {
  id: string;
  boardId: string;
  name: string;
  value: number;
}

/** Every backend refuses a creation value past ±MAX_SAFE_INTEGER the same way. */
export function assertSafeCounterValue(value: number): void {
  if (!Number.isSafeInteger(value)) throw new TallyError('out_of_range', 'the value must be a safe integer');
}

/** One value-changing operation on a counter, keyed by its client-made opId. */
export type CounterOp =
  | { kind: 'increment'; opId: string; counterId: string; by: number }
  | { kind: 'reset'; opId: string; counterId: string };

/**
 * The outcome of one op inside a batch. `replayed` is true when the opId had been applied
 * before (in an earlier batch or earlier in the same one): the first result is returned, nothing changes.
 */
export type OpOutcome =
  | { ok: true; boardId: string; counterId: string; value: number; version: number; replayed: boolean }
  | { ok: false; code: 'not_found' | 'out_of_range' | 'invalid_payload'; message: string };

export interface CounterHistory {
  /** The counter's value at the start of the window (before the first point). */
  startValue: number;
  /** Every applied change inside the window, oldest first: the value right after it. */
  points: Array<{ t: number; value: number }>;
}

/**
 * Where boards, counters, applied operations and chat live. Implemented by the embedded
 * SQLite store (default) and the Redis store (several nodes); both pass `store.contract.ts`.
 * Every method may reject with TallyError('unavailable') when the backend is unreachable.
 */
export interface Store {
  /** Runs migrations and makes sure the `lobby` board with its "Count" counter exists. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** Resolves when the backend answers; used by /api/ready. */
  ping(): Promise<void>;

  createBoard(board: BoardRecord): Promise<void>;
  getBoard(boardId: string): Promise<BoardRecord | null>;
  listPublicBoards(): Promise<PublicBoardSummary[]>;

  listCounters(boardId: string): Promise<Counter[]>;
  getCounter(counterId: string): Promise<Counter | null>;
  /** Rejects with TallyError('limit_reached') past MAX_COUNTERS_PER_BOARD, 'not_found' for an unknown board. */
  createCounter(counter: NewCounter): Promise<Counter>;
  renameCounter(counterId: string, name: string): Promise<Counter | null>;
  deleteCounter(counterId: string): Promise<Counter | null>;

  /**
   * Applies a batch of ops atomically as one transaction (group commit) and resolves once it is
   * durable. Outcomes come back in the order of `ops`. A refused op (unknown counter, result past
   * ±MAX_SAFE_INTEGER, opId reused with other parameters) changes nothing and does not touch
   * the rest of the batch; only applied ops are remembered (for at least 24 hours).
   */
  applyOps(ops: readonly CounterOp[]): Promise<OpOutcome[]>;

  counterHistory(counterId: string, sinceMs: number): Promise<CounterHistory>;
  /** Applied increment operations ever (socket and HTTP), for `stats`. */
  totalIncrements(): Promise<number>;

  addChatMessage(boardId: string, message: ChatMessage): Promise<void>;
  /** The last `limit` messages of a board, oldest first. */
  recentChatMessages(boardId: string, limit: number): Promise<ChatMessage[]>;
}
