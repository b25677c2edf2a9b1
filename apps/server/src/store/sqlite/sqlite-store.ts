import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ActivityKind, ChatMessage, ChatPage, Counter } from '@tally/events';
import { LOBBY_BOARD_ID, MAX_COUNTERS_PER_BOARD, MAX_SAFE_VALUE, TallyError } from '@tally/events';
import Database from 'better-sqlite3';
import type {
  ActivityPage,
  ActivityPageRequest,
  Actor,
  BoardRecord,
  CounterHistory,
  CounterOp,
  CounterSettings,
  NewCounter,
  OpOutcome,
  OpRecord,
  PublicBoardPageRequest,
  PublicBoardSummary,
  Store,
} from '../store.js';
import {
  ACTIVITY_KEPT_MS,
  assertBoundsInOrder,
  assertValidNewCounter,
  DEFAULT_CHAT_HISTORY_PER_BOARD,
  DEFAULT_COUNTER_SETTINGS,
  FIRST_PUBLIC_BOARDS_PAGE,
  HISTORY_RETENTION_MS,
  LOBBY_COUNTER_ID,
  OP_REFUSALS,
  opRetentionMs,
  resetValue,
  withinBounds,
} from '../store.js';
import { runMigrations } from './migrations.js';
import { SqliteActivityLog } from './sqlite-activity.js';
import { toTallyError } from './sqlite-errors.js';

const DEFAULT_PRUNE_INTERVAL_MS = 10 * 60 * 1000;
const PRUNE_CHUNK_SIZE = 5_000;
const SERVER_SECRET = 'server_secret';

export interface SqliteStoreOptions {
  /** Directory of `tally.db` (created when missing). */
  dataDir: string;
  /** Clock for `applied_at`, `createdAt` and pruning; tests pass a controllable one. */
  now?: () => number;
  /** How long applied ops (opIds) are kept; at least 24 h. Their history points stay HISTORY_RETENTION_MS. */
  opRetentionMs?: number;
  /** How often the store prunes expired ops, history and activity on its own timer (unref'd; stopped by close()). */
  pruneIntervalMs?: number;
  /** Chat messages kept per board (DEFAULT_CHAT_HISTORY_PER_BOARD): older ones go as new ones come. */
  chatHistoryPerBoard?: number;
}

interface BoardRow {
  id: string;
  name: string;
  visibility: 'public' | 'private';
  owner_key_hash: string | null;
  access_key_hash: string | null;
  created_at: number;
}

interface CounterRow {
  id: string;
  board_id: string;
  name: string;
  value: number;
  version: number;
  min: number | null;
  max: number | null;
  step: number;
  goal: number | null;
}

interface OpRow {
  op_id: string;
  counter_id: string;
  board_id: string;
  /** An undo is stored as 'increment' with `undoes` set (see migration 2). */
  kind: 'increment' | 'reset';
  by_amount: number | null;
  value_after: number;
  version_after: number;
  actor_client_id: string | null;
  applied_at: number;
  undoes: string | null;
  undone_by: string | null;
}

type Applied = Extract<OpOutcome, { ok: true }>;

/** A change in the history: a row of `counter_history`, or those columns of an op. */
interface HistoryRow {
  counter_id: string;
  applied_at: number;
  version_after: number;
  value_before: number;
  value_after: number;
}

interface ChatRow {
  id: string;
  client_id: string;
  name: string;
  text: string;
  at: number;
}

/**
 * The embedded default Store: one SQLite file, WAL with synchronous=FULL so a resolved write
 * has reached the disk. better-sqlite3 is synchronous; every method still returns a promise to
 * fit the Store interface, and each write is one transaction.
 */
export class SqliteStore implements Store {
  readonly file: string;
  private readonly now: () => number;
  private readonly opRetentionMs: number;
  private readonly pruneIntervalMs: number;
  private readonly chatHistoryPerBoard: number;
  private readonly db: Database.Database;
  private readonly sql;
  private readonly activity: SqliteActivityLog;
  private pruneTimer: NodeJS.Timeout | undefined;
  /** The server secret once read: it never changes. */
  private secret: string | undefined;

  constructor(options: SqliteStoreOptions) {
    this.now = options.now ?? Date.now;
    this.opRetentionMs = opRetentionMs(options.opRetentionMs);
    this.pruneIntervalMs = options.pruneIntervalMs ?? DEFAULT_PRUNE_INTERVAL_MS;
    this.chatHistoryPerBoard = options.chatHistoryPerBoard ?? DEFAULT_CHAT_HISTORY_PER_BOARD;
    mkdirSync(options.dataDir, { recursive: true });
    this.file = sqliteStoreFile(options.dataDir);
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // A second process on the same file waits instead of failing at once with SQLITE_BUSY.
    this.db.pragma('busy_timeout = 5000');
    runMigrations(this.db);
    this.sql = prepareStatements(this.db);
    this.activity = new SqliteActivityLog(this.db, this.now);
  }

  async init(): Promise<void> {
    this.run(() => this.seedLobby());
    await this.pruneOps();
    await this.pruneHistory();
    await this.pruneActivity();
    if (this.pruneTimer === undefined && this.pruneIntervalMs > 0) {
      this.pruneTimer = setInterval(() => {
        // A failed prune is retried on the next tick; expired rows only cost disk meanwhile.
        this.pruneOps()
          .then(() => this.pruneHistory())
          .then(() => this.pruneActivity())
          .catch(() => {});
      }, this.pruneIntervalMs);
      this.pruneTimer.unref();
    }
  }

  async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    this.pruneTimer = undefined;
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<void> {
    this.run(() => this.sql.ping.run(WRITE_PROBE_SETTING, String(this.now())));
  }

  /**
   * Deletes ops applied before the retention window, moving their history points into
   * `counter_history` in the same transaction; returns how many went. Runs at init and on the
   * store's own timer. Works in chunks and yields between them, so a big backlog never holds the
   * event loop (and the write lock) for long.
   */
  async pruneOps(): Promise<number> {
    const before = this.now() - this.opRetentionMs;
    let pruned = 0;
    for (;;) {
      const changes = this.run(() =>
        this.db
          .transaction(() => {
            const moved = this.sql.pruneOpsChunk.all(before, PRUNE_CHUNK_SIZE) as HistoryRow[];
            for (const row of moved) {
              this.sql.insertHistory.run(
                row.counter_id,
                row.applied_at,
                row.version_after,
                row.value_before,
                row.value_after,
              );
            }
            return moved.length;
          })
          .immediate(),
      );
      pruned += changes;
      if (changes < PRUNE_CHUNK_SIZE || !this.db.open) return pruned;
      await yieldToEvents();
    }
  }

  /** Deletes history points older than HISTORY_RETENTION_MS; returns how many went. Runs with pruneOps, in chunks the same way. */
  async pruneHistory(): Promise<number> {
    const before = this.now() - HISTORY_RETENTION_MS;
    let pruned = 0;
    for (;;) {
      const { changes } = this.run(() => this.sql.pruneHistoryChunk.run(before, PRUNE_CHUNK_SIZE));
      pruned += changes;
      if (changes < PRUNE_CHUNK_SIZE || !this.db.open) return pruned;
      await yieldToEvents();
    }
  }

  /**
   * Deletes activity entries older than ACTIVITY_KEPT_MS; returns how many went. Runs with
   * pruneOps, in chunks the same way.
   */
  async pruneActivity(): Promise<number> {
    const bound = this.run(() => this.activity.pruneBound(this.now() - ACTIVITY_KEPT_MS));
    let pruned = 0;
    for (;;) {
      const changes = this.run(() => this.activity.pruneChunk(bound, PRUNE_CHUNK_SIZE));
      pruned += changes;
      if (changes < PRUNE_CHUNK_SIZE || !this.db.open) return pruned;
      await yieldToEvents();
    }
  }

  async serverSecret(): Promise<string> {
    this.secret ??= this.run(() =>
      this.db
        .transaction(() => {
          // Two processes on one file: the first insert wins and both read it.
          this.sql.insertSettingIfAbsent.run(SERVER_SECRET, randomBytes(32).toString('hex'));
          return (this.sql.getSetting.get(SERVER_SECRET) as { value: string }).value;
        })
        .immediate(),
    );
    return this.secret;
  }

  async createBoard(board: BoardRecord): Promise<void> {
    this.run(() => this.insertBoard(board));
  }

  async createBoardWithCounters(board: BoardRecord, counters: readonly NewCounter[]): Promise<Counter[]> {
    for (const counter of counters) assertValidNewCounter(counter);
    if (counters.length > MAX_COUNTERS_PER_BOARD) {
      throw new TallyError('limit_reached', `a board holds at most ${MAX_COUNTERS_PER_BOARD} counters`);
    }
    return this.run(() =>
      this.db
        .transaction(() => {
          this.insertBoard(board);
          const createdAt = this.now();
          // The counters of the new board whatever boardId they were given.
          return counters.map((counter) => this.insertCounter({ ...counter, boardId: board.id }, createdAt));
        })
        .immediate(),
    );
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    return this.run(() => {
      const row = this.sql.getBoard.get(boardId) as BoardRow | undefined;
      return row ? toBoardRecord(row) : null;
    });
  }

  async listPublicBoards(
    page: PublicBoardPageRequest = FIRST_PUBLIC_BOARDS_PAGE,
  ): Promise<PublicBoardSummary[]> {
    const { limit, after } = page;
    return this.run(
      () =>
        (after
          ? this.sql.publicBoardsAfter.all(after.lastActivityAt, after.id, limit)
          : this.sql.publicBoardsFirst.all(limit)) as PublicBoardSummary[],
    );
  }

  async listCounters(boardId: string): Promise<Counter[]> {
    return this.run(() => (this.sql.listCounters.all(boardId) as CounterRow[]).map(toCounter));
  }

  async getCounter(counterId: string): Promise<Counter | null> {
    return this.run(() => {
      const row = this.sql.getCounter.get(counterId) as CounterRow | undefined;
      return row ? toCounter(row) : null;
    });
  }

  async createCounter(counter: NewCounter, actor: Actor): Promise<Counter> {
    assertValidNewCounter(counter);
    return this.run(() =>
      this.db
        .transaction(() => {
          if (!this.sql.getBoard.get(counter.boardId)) throw new TallyError('not_found', 'no such board');
          const { n } = this.sql.countCounters.get(counter.boardId) as { n: number };
          if (n >= MAX_COUNTERS_PER_BOARD) {
            throw new TallyError('limit_reached', `a board holds at most ${MAX_COUNTERS_PER_BOARD} counters`);
          }
          const created = this.insertCounter(counter, this.now());
          this.activity.record({ ...changeOf(created, 'counter_created', actor), value: created.value });
          return created;
        })
        .immediate(),
    );
  }

  async renameCounter(counterId: string, name: string, actor: Actor): Promise<Counter | null> {
    return this.changeCounter(() => this.sql.renameCounter.get(name, counterId), 'counter_renamed', actor);
  }

  async configureCounter(
    counterId: string,
    changes: Partial<CounterSettings>,
    actor: Actor,
  ): Promise<Counter | null> {
    return this.changeCounter(
      () => {
        const row = this.sql.getCounter.get(counterId) as CounterRow | undefined;
        if (!row) return undefined;
        const settings = { ...toSettings(row), ...definedOnly(changes) };
        assertBoundsInOrder(settings);
        if (!withinBounds(row.value, settings)) {
          throw new TallyError('out_of_range', "the counter's value would be outside [min, max]");
        }
        return this.sql.configureCounter.get(
          settings.min,
          settings.max,
          settings.step,
          settings.goal,
          counterId,
        );
      },
      'counter_configured',
      actor,
    );
  }

  async deleteCounter(counterId: string, actor: Actor): Promise<Counter | null> {
    return this.changeCounter(() => this.sql.deleteCounter.get(counterId), 'counter_deleted', actor);
  }

  async applyOps(ops: readonly CounterOp[]): Promise<OpOutcome[]> {
    if (ops.length === 0) return [];
    // IMMEDIATE takes the write lock up front, so the reads below see what the writes act on.
    return this.run(() =>
      this.activity.merging(() => this.db.transaction(() => ops.map((op) => this.applyOp(op))).immediate()),
    );
  }

  async getOp(opId: string): Promise<OpRecord | null> {
    return this.run(() => {
      const row = this.sql.getOp.get(opId) as OpRow | undefined;
      return row ? toOpRecord(row) : null;
    });
  }

  async listActivity(boardId: string, page: ActivityPageRequest): Promise<ActivityPage> {
    return this.run(() => this.activity.list(boardId, page));
  }

  async counterHistory(counterId: string, sinceMs: number): Promise<CounterHistory> {
    return this.run(() =>
      this.db.transaction(() => {
        const counter = this.sql.getCounter.get(counterId) as CounterRow | undefined;
        if (!counter) throw new TallyError('not_found', 'no such counter');
        const rows = this.sql.historySince.all(counterId, sinceMs, counterId, sinceMs) as HistoryRow[];
        const first = rows[0];
        // Every change inside the window is still in the op log or the history (kept longer than
        // the longest window), so the value before the window is the one before its first change,
        // or, without any change in the window, the current value.
        return {
          startValue: first ? first.value_before : counter.value,
          points: rows.map((row) => ({ t: row.applied_at, value: row.value_after })),
        };
      })(),
    );
  }

  async totalIncrements(): Promise<number> {
    return this.run(() => (this.sql.getTotal.get('increments') as { value: number }).value);
  }

  async addChatMessage(boardId: string, message: ChatMessage): Promise<void> {
    this.run(() =>
      this.db
        .transaction(() => {
          if (!this.sql.getBoard.get(boardId)) throw new TallyError('not_found', 'no such board');
          this.sql.insertChat.run(
            message.id,
            boardId,
            message.clientId,
            message.name,
            message.text,
            message.at,
          );
          // Usually the one message that fell out of the history; a board kept from before the
          // bound (issue 14) loses its whole backlog here, at its next message.
          this.sql.pruneChat.run(boardId, boardId, this.chatHistoryPerBoard);
        })
        .immediate(),
    );
  }

  async recentChatMessages(boardId: string, limit: number): Promise<ChatMessage[]> {
    return this.run(() =>
      (this.sql.recentChat.all(boardId, limit) as ChatRow[]).reverse().map(toChatMessage),
    );
  }

  async chatMessagesBefore(boardId: string, before: string | undefined, limit: number): Promise<ChatPage> {
    return this.run(() => {
      let rows: ChatRow[];
      if (before === undefined) rows = this.sql.recentChat.all(boardId, limit + 1) as ChatRow[];
      else {
        const cursor = this.sql.chatSeq.get(before, boardId) as { seq: number } | undefined;
        if (cursor === undefined) return { messages: [], hasMore: false };
        rows = this.sql.chatBefore.all(boardId, cursor.seq, limit + 1) as ChatRow[];
      }
      // One row more than asked tells whether there is more, and is left out.
      return { messages: rows.slice(0, limit).reverse().map(toChatMessage), hasMore: rows.length > limit };
    });
  }

  /** One op inside the batch transaction; a refused op writes nothing. */
  private applyOp(op: CounterOp): OpOutcome {
    const previous = this.sql.getOp.get(op.opId) as OpRow | undefined;
    if (previous) {
      // Earlier batches and earlier ops of this batch alike: the op row is the record.
      return sameOp(previous, op) ? replayOf(previous) : { ok: false, ...OP_REFUSALS.reused };
    }
    if (op.kind === 'undo') return this.applyUndo(op);
    const counter = this.sql.getCounter.get(op.counterId) as CounterRow | undefined;
    if (!counter) return { ok: false, ...OP_REFUSALS.noCounter };
    if (op.kind === 'reset') {
      return this.change(counter, resetValue(counter), {
        opId: op.opId,
        kind: 'reset',
        by: null,
        actor: op.actor,
      });
    }
    return this.change(counter, counter.value + op.by, {
      opId: op.opId,
      kind: 'increment',
      by: op.by,
      actor: op.actor,
    });
  }

  /** The undo rules of store.ts, in their order; `undoOpId` is known not to be applied yet. */
  private applyUndo(op: Extract<CounterOp, { kind: 'undo' }>): OpOutcome {
    const increment = this.sql.getOp.get(op.undoes) as OpRow | undefined;
    if (!increment) return { ok: false, ...OP_REFUSALS.unknownOp };
    if (increment.kind !== 'increment' || increment.undoes !== null) {
      return { ok: false, ...OP_REFUSALS.notAnIncrement };
    }
    if (increment.undone_by !== null) {
      // Once: answered with the first undo's result, and this undoOpId is not remembered.
      const first = this.sql.getOp.get(increment.undone_by) as OpRow | undefined;
      return first ? replayOf(first) : { ok: false, ...OP_REFUSALS.unknownOp };
    }
    const counter = this.sql.getCounter.get(increment.counter_id) as CounterRow | undefined;
    if (!counter) return { ok: false, ...OP_REFUSALS.noCounter };
    const by = -(increment.by_amount as number);
    const outcome = this.change(counter, counter.value + by, {
      opId: op.opId,
      kind: 'undo',
      by,
      actor: op.actor,
      undoes: op.undoes,
    });
    if (outcome.ok) this.sql.setUndoneBy.run(op.opId, op.undoes);
    return outcome;
  }

  /**
   * Sets a counter to `value` for one op when the value is a safe integer within the counter's
   * bounds: bumps the version, remembers the op, counts it and records it in the activity.
   */
  private change(
    counter: CounterRow,
    value: number,
    op: {
      opId: string;
      kind: 'increment' | 'reset' | 'undo';
      by: number | null;
      actor: Actor;
      undoes?: string;
    },
  ): OpOutcome {
    if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_SAFE_VALUE) {
      return { ok: false, ...OP_REFUSALS.pastSafeRange };
    }
    if (!withinBounds(value, counter)) return { ok: false, ...OP_REFUSALS.outOfBounds };
    const version = counter.version + 1;
    this.sql.setCounterValue.run(value, version, counter.id);
    this.sql.insertOp.run(
      op.opId,
      counter.id,
      counter.board_id,
      // An undo is stored as an increment with `undoes` set (migration 2).
      op.kind === 'reset' ? 'reset' : 'increment',
      op.by,
      counter.value,
      value,
      version,
      this.now(),
      op.actor.clientId,
      op.undoes ?? null,
    );
    const delta = value - counter.value;
    const change = {
      boardId: counter.board_id,
      counterId: counter.id,
      counterName: counter.name,
      kind: op.kind,
      by: delta,
      value,
      actor: op.actor,
    };
    if (op.kind === 'increment') this.activity.recordIncrement(change);
    else this.activity.record(change);
    // An undo is an increment in every total.
    if (op.kind !== 'reset') this.sql.addToTotal.run(1, 'increments');
    return {
      ok: true,
      boardId: counter.board_id,
      counterId: counter.id,
      value,
      version,
      replayed: false,
      delta,
    };
  }

  /** A board insert that refuses an existing id, as createBoard promises. */
  private insertBoard(board: BoardRecord): void {
    const inserted = this.sql.insertBoardIfAbsent.run(
      board.id,
      board.name,
      board.visibility,
      board.ownerKeyHash,
      board.accessKeyHash,
      board.createdAt,
      board.createdAt,
    );
    if (inserted.changes === 0) throw new TallyError('invalid_payload', 'a board with this id exists');
  }

  private insertCounter(counter: NewCounter, createdAt: number): Counter {
    const inserted = this.sql.insertCounterIfAbsent.run(
      counter.id,
      counter.boardId,
      counter.name,
      counter.value,
      createdAt,
      counter.min,
      counter.max,
      counter.step,
      counter.goal,
    );
    if (inserted.changes === 0) throw new TallyError('invalid_payload', 'a counter with this id exists');
    const { id, boardId, name, value, min, max, step, goal } = counter;
    return { id, boardId, name, value, version: 0, min, max, step, goal };
  }

  /**
   * A rename, configure or delete: `write` returns the counter row it changed (the row as it was,
   * for a delete), or undefined for an unknown counter; recorded in the same transaction.
   */
  private changeCounter(
    write: () => unknown,
    kind: 'counter_renamed' | 'counter_configured' | 'counter_deleted',
    actor: Actor,
  ): Counter | null {
    return this.run(() =>
      this.db
        .transaction(() => {
          const row = write() as CounterRow | undefined;
          if (!row) return null;
          const counter = toCounter(row);
          this.activity.record(changeOf(counter, kind, actor));
          return counter;
        })
        .immediate(),
    );
  }

  private seedLobby(): void {
    this.db
      .transaction(() => {
        const createdAt = this.now();
        const inserted = this.sql.insertBoardIfAbsent.run(
          LOBBY_BOARD_ID,
          'Lobby',
          'public',
          null,
          null,
          createdAt,
          createdAt,
        );
        // Only a freshly made lobby gets its counter: an owner may have deleted "Count" since.
        if (inserted.changes === 1) {
          this.insertCounter(
            {
              id: LOBBY_COUNTER_ID,
              boardId: LOBBY_BOARD_ID,
              name: 'Count',
              value: 0,
              ...DEFAULT_COUNTER_SETTINGS,
            },
            createdAt,
          );
        }
      })
      .immediate();
  }

  /** Runs a synchronous database step, turning any failure into a TallyError. */
  private run<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      throw toTallyError(error);
    }
  }
}

function yieldToEvents(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** The store's file in DATA_DIR. */
export function sqliteStoreFile(dataDir: string): string {
  return path.join(dataDir, 'tally.db');
}

/** Opens (creating when needed) `<dataDir>/tally.db` and runs its migrations; call init() next. */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  try {
    return new SqliteStore(options);
  } catch (error) {
    throw toTallyError(error);
  }
}

/** The settings row ping() overwrites: the time of the latest probe, read by no one. */
const WRITE_PROBE_SETTING = 'write_probe';

const COUNTER_COLUMNS = 'id, board_id, name, value, version, min, max, step, goal';
const PUBLIC_BOARD_COLUMNS = `b.id AS id, b.name AS name,
  (SELECT count(*) FROM counters c WHERE c.board_id = b.id) AS counters, b.last_activity_at AS lastActivityAt`;

/**
 * The pages of listPublicBoards (params: limit; or the last board's activity and id, then limit).
 * Both walk the partial index boards_public_by_activity, whose WHERE they repeat so that it applies.
 */
export const PUBLIC_BOARD_PAGES = {
  first: `SELECT ${PUBLIC_BOARD_COLUMNS} FROM boards b WHERE b.visibility = 'public'
    ORDER BY b.last_activity_at DESC, b.id DESC LIMIT ?`,
  after: `SELECT ${PUBLIC_BOARD_COLUMNS} FROM boards b
    WHERE b.visibility = 'public' AND (b.last_activity_at, b.id) < (?, ?)
    ORDER BY b.last_activity_at DESC, b.id DESC LIMIT ?`,
} as const;
/** A history point's columns, the same in `ops` and `counter_history`. */
const HISTORY_COLUMNS = 'counter_id, applied_at, version_after, value_before, value_after';

function prepareStatements(db: Database.Database) {
  return {
    ping: db.prepare(
      'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    ),
    // A new board's last activity is its creation (migration 4).
    insertBoardIfAbsent: db.prepare(
      `INSERT INTO boards (id, name, visibility, owner_key_hash, access_key_hash, created_at, last_activity_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    getBoard: db.prepare(
      'SELECT id, name, visibility, owner_key_hash, access_key_hash, created_at FROM boards WHERE id = ?',
    ),
    publicBoardsFirst: db.prepare(PUBLIC_BOARD_PAGES.first),
    publicBoardsAfter: db.prepare(PUBLIC_BOARD_PAGES.after),
    listCounters: db.prepare(`SELECT ${COUNTER_COLUMNS} FROM counters WHERE board_id = ? ORDER BY seq`),
    getCounter: db.prepare(`SELECT ${COUNTER_COLUMNS} FROM counters WHERE id = ?`),
    countCounters: db.prepare('SELECT count(*) AS n FROM counters WHERE board_id = ?'),
    insertCounterIfAbsent: db.prepare(
      `INSERT INTO counters (id, board_id, name, value, version, created_at, min, max, step, goal)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    renameCounter: db.prepare(`UPDATE counters SET name = ? WHERE id = ? RETURNING ${COUNTER_COLUMNS}`),
    configureCounter: db.prepare(
      `UPDATE counters SET min = ?, max = ?, step = ?, goal = ? WHERE id = ? RETURNING ${COUNTER_COLUMNS}`,
    ),
    deleteCounter: db.prepare(`DELETE FROM counters WHERE id = ? RETURNING ${COUNTER_COLUMNS}`),
    setCounterValue: db.prepare('UPDATE counters SET value = ?, version = ? WHERE id = ?'),
    getOp: db.prepare(
      `SELECT op_id, counter_id, board_id, kind, by_amount, value_after, version_after, actor_client_id,
              applied_at, undoes, undone_by
       FROM ops WHERE op_id = ?`,
    ),
    insertOp: db.prepare(
      `INSERT INTO ops (op_id, counter_id, board_id, kind, by_amount, value_before, value_after, version_after,
                        applied_at, actor_client_id, undoes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    setUndoneBy: db.prepare('UPDATE ops SET undone_by = ? WHERE op_id = ?'),
    // The pruned history, then the op log: an op is in one of them, never both.
    historySince: db.prepare(
      `SELECT ${HISTORY_COLUMNS} FROM counter_history WHERE counter_id = ? AND applied_at >= ?
       UNION ALL
       SELECT ${HISTORY_COLUMNS} FROM ops WHERE counter_id = ? AND applied_at >= ?
       ORDER BY applied_at, version_after`,
    ),
    pruneOpsChunk: db.prepare(
      `DELETE FROM ops WHERE rowid IN (SELECT rowid FROM ops WHERE applied_at < ? ORDER BY applied_at LIMIT ?)
       RETURNING ${HISTORY_COLUMNS}`,
    ),
    insertHistory: db.prepare(`INSERT INTO counter_history (${HISTORY_COLUMNS}) VALUES (?, ?, ?, ?, ?)`),
    pruneHistoryChunk: db.prepare(
      `DELETE FROM counter_history WHERE rowid IN
         (SELECT rowid FROM counter_history WHERE applied_at < ? ORDER BY applied_at LIMIT ?)`,
    ),
    getTotal: db.prepare('SELECT value FROM totals WHERE name = ?'),
    addToTotal: db.prepare('UPDATE totals SET value = value + ? WHERE name = ?'),
    insertSettingIfAbsent: db.prepare(
      'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
    ),
    getSetting: db.prepare('SELECT value FROM settings WHERE name = ?'),
    insertChat: db.prepare(
      'INSERT INTO chat_messages (id, board_id, client_id, name, text, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    recentChat: db.prepare(
      'SELECT id, client_id, name, text, at FROM chat_messages WHERE board_id = ? ORDER BY seq DESC LIMIT ?',
    ),
    chatSeq: db.prepare('SELECT seq FROM chat_messages WHERE id = ? AND board_id = ?'),
    // Everything from the (N+1)th newest message of the board down: a walk of N entries of
    // chat_by_board, and usually one row deleted.
    pruneChat: db.prepare(
      `DELETE FROM chat_messages WHERE board_id = ? AND seq <= (
         SELECT seq FROM chat_messages WHERE board_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
    ),
    chatBefore: db.prepare(
      'SELECT id, client_id, name, text, at FROM chat_messages WHERE board_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    ),
  };
}

function toChatMessage(row: ChatRow): ChatMessage {
  return { id: row.id, clientId: row.client_id, name: row.name, text: row.text, at: row.at };
}

function toBoardRecord(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    name: row.name,
    visibility: row.visibility,
    ownerKeyHash: row.owner_key_hash,
    accessKeyHash: row.access_key_hash,
    createdAt: row.created_at,
  };
}

function toCounter(row: CounterRow): Counter {
  return {
    id: row.id,
    boardId: row.board_id,
    name: row.name,
    value: row.value,
    version: row.version,
    ...toSettings(row),
  };
}

function toSettings(row: CounterRow): CounterSettings {
  return { min: row.min, max: row.max, step: row.step, goal: row.goal };
}

/** What kind of op a stored row is: undos are stored as increments with `undoes` set. */
function opKind(row: OpRow): OpRecord['kind'] {
  return row.undoes !== null ? 'undo' : row.kind;
}

function toOpRecord(row: OpRow): OpRecord {
  return {
    opId: row.op_id,
    kind: opKind(row),
    counterId: row.counter_id,
    boardId: row.board_id,
    by: row.by_amount,
    actorClientId: row.actor_client_id,
    appliedAt: row.applied_at,
    undoneBy: row.undone_by,
  };
}

/** Whether `op` is the op `row` remembers (the actor is not part of it: anyone may retry). */
function sameOp(row: OpRow, op: CounterOp): boolean {
  if (op.kind === 'undo') return row.undoes === op.undoes;
  return (
    opKind(row) === op.kind &&
    row.counter_id === op.counterId &&
    row.by_amount === (op.kind === 'increment' ? op.by : null)
  );
}

/** The first result of an applied op, given again: nothing changes. */
function replayOf(row: OpRow): Applied {
  return {
    ok: true,
    boardId: row.board_id,
    counterId: row.counter_id,
    value: row.value_after,
    version: row.version_after,
    replayed: true,
    delta: 0,
  };
}

/** An activity entry about `counter`, its name as it is now. */
function changeOf(counter: Counter, kind: ActivityKind, actor: Actor) {
  return { boardId: counter.boardId, counterId: counter.id, counterName: counter.name, kind, actor };
}

/** `changes` without the keys given as undefined: a key left out keeps its setting, null clears it. */
function definedOnly(changes: Partial<CounterSettings>): Partial<CounterSettings> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
}
