import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ChatMessage, Counter } from '@tally/events';
import { LOBBY_BOARD_ID, MAX_COUNTERS_PER_BOARD, MAX_SAFE_VALUE, TallyError } from '@tally/events';
import Database from 'better-sqlite3';
import type {
  BoardRecord,
  CounterHistory,
  CounterOp,
  NewCounter,
  OpOutcome,
  PublicBoardSummary,
  Store,
} from '../store.js';
import { assertSafeCounterValue, LOBBY_COUNTER_ID } from '../store.js';
import { runMigrations } from './migrations.js';
import { toTallyError } from './sqlite-errors.js';

/** Applied ops are remembered this long: the 24 h the protocol promises plus an hour of slack. */
export const DEFAULT_OP_RETENTION_MS = 25 * 60 * 60 * 1000;
const DEFAULT_PRUNE_INTERVAL_MS = 10 * 60 * 1000;
const PRUNE_CHUNK_SIZE = 5_000;

export interface SqliteStoreOptions {
  /** Directory of `tally.db` (created when missing). */
  dataDir: string;
  /** Clock for `applied_at`, `createdAt` and pruning; tests pass a controllable one. */
  now?: () => number;
  /** How long applied ops (opIds and history) are kept; at least 24 h. */
  opRetentionMs?: number;
  /** How often the store prunes expired ops on its own timer (unref'd; stopped by close()). */
  pruneIntervalMs?: number;
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
}

interface OpRow {
  counter_id: string;
  board_id: string;
  kind: 'increment' | 'reset';
  by_amount: number | null;
  value_after: number;
  version_after: number;
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
  private readonly db: Database.Database;
  private readonly sql;
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(options: SqliteStoreOptions) {
    this.now = options.now ?? Date.now;
    this.opRetentionMs = Math.max(options.opRetentionMs ?? DEFAULT_OP_RETENTION_MS, 24 * 60 * 60 * 1000);
    this.pruneIntervalMs = options.pruneIntervalMs ?? DEFAULT_PRUNE_INTERVAL_MS;
    mkdirSync(options.dataDir, { recursive: true });
    this.file = path.join(options.dataDir, 'tally.db');
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // A second process on the same file waits instead of failing at once with SQLITE_BUSY.
    this.db.pragma('busy_timeout = 5000');
    runMigrations(this.db);
    this.sql = prepareStatements(this.db);
  }

  async init(): Promise<void> {
    this.run(() => this.seedLobby());
    await this.pruneOps();
    if (this.pruneTimer === undefined && this.pruneIntervalMs > 0) {
      this.pruneTimer = setInterval(() => {
        // A failed prune is retried on the next tick; expired rows only cost disk meanwhile.
        this.pruneOps().catch(() => {});
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
    this.run(() => this.sql.ping.get());
  }

  /**
   * Deletes ops applied before the retention window; returns how many went. Runs at init and
   * on the store's own timer. Deletes in chunks and yields between them, so a big backlog never
   * holds the event loop (and the write lock) for long.
   */
  async pruneOps(): Promise<number> {
    const before = this.now() - this.opRetentionMs;
    let pruned = 0;
    for (;;) {
      const { changes } = this.run(() => this.sql.pruneOpsChunk.run(before, PRUNE_CHUNK_SIZE));
      pruned += changes;
      if (changes < PRUNE_CHUNK_SIZE || !this.db.open) return pruned;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async createBoard(board: BoardRecord): Promise<void> {
    this.run(() => {
      const inserted = this.sql.insertBoardIfAbsent.run(
        board.id,
        board.name,
        board.visibility,
        board.ownerKeyHash,
        board.accessKeyHash,
        board.createdAt,
      );
      if (inserted.changes === 0) throw new TallyError('invalid_payload', 'a board with this id exists');
    });
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    return this.run(() => {
      const row = this.sql.getBoard.get(boardId) as BoardRow | undefined;
      return row ? toBoardRecord(row) : null;
    });
  }

  async listPublicBoards(): Promise<PublicBoardSummary[]> {
    return this.run(() => this.sql.listPublicBoards.all() as PublicBoardSummary[]);
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

  async createCounter(counter: NewCounter): Promise<Counter> {
    assertSafeCounterValue(counter.value);
    return this.run(() =>
      this.db
        .transaction(() => {
          if (!this.sql.getBoard.get(counter.boardId)) throw new TallyError('not_found', 'no such board');
          const { n } = this.sql.countCounters.get(counter.boardId) as { n: number };
          if (n >= MAX_COUNTERS_PER_BOARD) {
            throw new TallyError('limit_reached', `a board holds at most ${MAX_COUNTERS_PER_BOARD} counters`);
          }
          const inserted = this.sql.insertCounterIfAbsent.run(
            counter.id,
            counter.boardId,
            counter.name,
            counter.value,
            this.now(),
          );
          if (inserted.changes === 0)
            throw new TallyError('invalid_payload', 'a counter with this id exists');
          return {
            id: counter.id,
            boardId: counter.boardId,
            name: counter.name,
            value: counter.value,
            version: 0,
          };
        })
        .immediate(),
    );
  }

  async renameCounter(counterId: string, name: string): Promise<Counter | null> {
    return this.run(() => {
      const row = this.sql.renameCounter.get(name, counterId) as CounterRow | undefined;
      return row ? toCounter(row) : null;
    });
  }

  async deleteCounter(counterId: string): Promise<Counter | null> {
    return this.run(() => {
      const row = this.sql.deleteCounter.get(counterId) as CounterRow | undefined;
      return row ? toCounter(row) : null;
    });
  }

  async applyOps(ops: readonly CounterOp[]): Promise<OpOutcome[]> {
    if (ops.length === 0) return [];
    // IMMEDIATE takes the write lock up front, so the reads below see what the writes act on.
    return this.run(() => this.db.transaction(() => ops.map((op) => this.applyOp(op))).immediate());
  }

  async counterHistory(counterId: string, sinceMs: number): Promise<CounterHistory> {
    return this.run(() =>
      this.db.transaction(() => {
        const counter = this.sql.getCounter.get(counterId) as CounterRow | undefined;
        if (!counter) throw new TallyError('not_found', 'no such counter');
        const rows = this.sql.opsSince.all(counterId, sinceMs) as Array<{
          applied_at: number;
          value_before: number;
          value_after: number;
        }>;
        const first = rows[0];
        // Every change inside the window is still in the log (retention ≥ the longest window),
        // so the value before the window is the one before its first change, or, without any
        // change in the window, the current value.
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
    this.run(() => {
      if (!this.sql.getBoard.get(boardId)) throw new TallyError('not_found', 'no such board');
      this.sql.insertChat.run(message.id, boardId, message.clientId, message.name, message.text, message.at);
    });
  }

  async recentChatMessages(boardId: string, limit: number): Promise<ChatMessage[]> {
    return this.run(() =>
      (this.sql.recentChat.all(boardId, limit) as ChatRow[]).reverse().map((row) => ({
        id: row.id,
        clientId: row.client_id,
        name: row.name,
        text: row.text,
        at: row.at,
      })),
    );
  }

  /** One op inside the batch transaction; a refused op writes nothing. */
  private applyOp(op: CounterOp): OpOutcome {
    const by = op.kind === 'increment' ? op.by : null;
    const previous = this.sql.getOp.get(op.opId) as OpRow | undefined;
    if (previous) {
      // Earlier batches and earlier ops of this batch alike: the op row is the record.
      if (previous.counter_id !== op.counterId || previous.kind !== op.kind || previous.by_amount !== by) {
        return { ok: false, code: 'invalid_payload', message: 'opId reused with different parameters' };
      }
      return {
        ok: true,
        boardId: previous.board_id,
        counterId: previous.counter_id,
        value: previous.value_after,
        version: previous.version_after,
        replayed: true,
      };
    }
    const counter = this.sql.getCounter.get(op.counterId) as CounterRow | undefined;
    if (!counter) return { ok: false, code: 'not_found', message: 'no such counter' };
    const value = op.kind === 'increment' ? counter.value + op.by : 0;
    if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_SAFE_VALUE) {
      return { ok: false, code: 'out_of_range', message: 'the result would be past ±(2^53 − 1)' };
    }
    const version = counter.version + 1;
    this.sql.setCounterValue.run(value, version, counter.id);
    this.sql.insertOp.run(
      op.opId,
      counter.id,
      counter.board_id,
      op.kind,
      by,
      counter.value,
      value,
      version,
      this.now(),
    );
    if (op.kind === 'increment') this.sql.addToTotal.run(1, 'increments');
    return { ok: true, boardId: counter.board_id, counterId: counter.id, value, version, replayed: false };
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
        );
        // Only a freshly made lobby gets its counter: an owner may have deleted "Count" since.
        if (inserted.changes === 1) {
          this.sql.insertCounterIfAbsent.run(LOBBY_COUNTER_ID, LOBBY_BOARD_ID, 'Count', 0, createdAt);
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

/** Opens (creating when needed) `<dataDir>/tally.db` and runs its migrations; call init() next. */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  try {
    return new SqliteStore(options);
  } catch (error) {
    throw toTallyError(error);
  }
}

function prepareStatements(db: Database.Database) {
  return {
    ping: db.prepare('SELECT 1'),
    insertBoardIfAbsent: db.prepare(
      `INSERT INTO boards (id, name, visibility, owner_key_hash, access_key_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    getBoard: db.prepare('SELECT * FROM boards WHERE id = ?'),
    listPublicBoards: db.prepare(
      `SELECT b.id AS id, b.name AS name, (SELECT count(*) FROM counters c WHERE c.board_id = b.id) AS counters
       FROM boards b WHERE b.visibility = 'public' ORDER BY b.created_at, b.rowid`,
    ),
    listCounters: db.prepare(
      'SELECT id, board_id, name, value, version FROM counters WHERE board_id = ? ORDER BY seq',
    ),
    getCounter: db.prepare('SELECT id, board_id, name, value, version FROM counters WHERE id = ?'),
    countCounters: db.prepare('SELECT count(*) AS n FROM counters WHERE board_id = ?'),
    insertCounterIfAbsent: db.prepare(
      `INSERT INTO counters (id, board_id, name, value, version, created_at)
       VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    renameCounter: db.prepare(
      'UPDATE counters SET name = ? WHERE id = ? RETURNING id, board_id, name, value, version',
    ),
    deleteCounter: db.prepare(
      'DELETE FROM counters WHERE id = ? RETURNING id, board_id, name, value, version',
    ),
    setCounterValue: db.prepare('UPDATE counters SET value = ?, version = ? WHERE id = ?'),
    getOp: db.prepare(
      'SELECT counter_id, board_id, kind, by_amount, value_after, version_after FROM ops WHERE op_id = ?',
    ),
    insertOp: db.prepare(
      `INSERT INTO ops (op_id, counter_id, board_id, kind, by_amount, value_before, value_after, version_after, applied_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    opsSince: db.prepare(
      `SELECT applied_at, value_before, value_after FROM ops
       WHERE counter_id = ? AND applied_at >= ? ORDER BY applied_at, version_after`,
    ),
    pruneOpsChunk: db.prepare(
      'DELETE FROM ops WHERE rowid IN (SELECT rowid FROM ops WHERE applied_at < ? ORDER BY applied_at LIMIT ?)',
    ),
    getTotal: db.prepare('SELECT value FROM totals WHERE name = ?'),
    addToTotal: db.prepare('UPDATE totals SET value = value + ? WHERE name = ?'),
    insertChat: db.prepare(
      'INSERT INTO chat_messages (id, board_id, client_id, name, text, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    recentChat: db.prepare(
      'SELECT id, client_id, name, text, at FROM chat_messages WHERE board_id = ? ORDER BY seq DESC LIMIT ?',
    ),
  };
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
  return { id: row.id, boardId: row.board_id, name: row.name, value: row.value, version: row.version };
}
