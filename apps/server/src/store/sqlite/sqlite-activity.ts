import type { ActivityEntry, ActivityKind } from '@tally/events';
import { ACTIVITY_MERGE_WINDOW_MS, TallyError } from '@tally/events';
import type Database from 'better-sqlite3';
import type { ActivityPage, ActivityPageRequest, Actor } from '../store.js';

/**
 * The kinds as stored: a small integer instead of the name saves ~10 bytes a row in the table that
 * grows fastest (SQLite stores 0 and 1 in no byte at all, so the increment, the common row, is 0).
 * Append only: the codes are in the file.
 */
const KIND_CODES = {
  increment: 0,
  reset: 1,
  undo: 2,
  counter_created: 3,
  counter_renamed: 4,
  counter_configured: 5,
  counter_deleted: 6,
} as const satisfies Record<ActivityKind, number>;

const KINDS = Object.keys(KIND_CODES) as ActivityKind[];

/** A change to record; `by` and `value` only where the kind has them. */
export interface NewActivity {
  boardId: string;
  counterId: string;
  counterName: string;
  kind: ActivityKind;
  by?: number;
  value?: number;
  actor: Actor;
}

interface ActivityRow {
  id: number;
  counter_id: string;
  counter_name: string;
  kind: number;
  by_amount: number | null;
  value: number | null;
  actor_client_id: string | null;
  actor_name: string;
  at: number;
}

/** The entry a member's next increments on a counter may merge into. */
interface MergeTarget {
  id: number;
  at: number;
}

/**
 * A board's activity log in the `activity` table. Every write runs inside the caller's transaction,
 * so an entry exists exactly when its change does.
 *
 * Merging: each member's latest increment entry per counter is remembered here, in memory, while
 * it can still take increments (ACTIVITY_MERGE_WINDOW_MS): a merge is one UPDATE by rowid instead
 * of a lookup. A restart forgets them, and the next increment simply starts a new entry.
 */
export class SqliteActivityLog {
  private readonly sql;
  /** By `counterId \0 clientId`, in order of `at` (a new target is appended), so expired ones are at the front. */
  private readonly targets = new Map<string, MergeTarget>();
  /** Targets made by the transaction in progress: kept only once it commits (a rolled-back rowid is reused). */
  private readonly pending = new Map<string, MergeTarget>();

  constructor(
    db: Database.Database,
    private readonly now: () => number,
  ) {
    this.sql = prepareStatements(db);
  }

  /**
   * Appends an entry (never merged). After a reset or an undo no increment of the counter merges
   * into an entry from before it: the feed would show those increments, and the value after
   * them, ahead of the reset that came between.
   */
  record(change: NewActivity): void {
    this.insert(change, this.now());
    if (change.kind === 'reset' || change.kind === 'undo') this.endMerging(change.counterId);
  }

  /**
   * Records an applied increment: merged into the member's entry on the counter when that entry
   * began less than ACTIVITY_MERGE_WINDOW_MS ago; HTTP increments (clientId null) never merge.
   */
  recordIncrement(change: NewActivity & { by: number; value: number }): void {
    const now = this.now();
    const { clientId } = change.actor;
    if (clientId === null) {
      this.insert(change, now);
      return;
    }
    const key = `${change.counterId}\0${clientId}`;
    const target = this.pending.get(key) ?? this.targets.get(key);
    if (target && now - target.at < ACTIVITY_MERGE_WINDOW_MS) {
      this.sql.merge.run(change.by, change.value, target.id);
      return;
    }
    this.pending.set(key, { id: this.insert(change, now), at: now });
  }

  /**
   * Runs `transaction` (which records increments) and keeps the merge targets it made only when
   * it commits, then forgets the targets that can no longer take increments.
   */
  merging<T>(transaction: () => T): T {
    try {
      const result = transaction();
      for (const [key, target] of this.pending) {
        // Re-inserted so that the map stays in order of `at`.
        this.targets.delete(key);
        this.targets.set(key, target);
      }
      const now = this.now();
      for (const [key, target] of this.targets) {
        if (now - target.at < ACTIVITY_MERGE_WINDOW_MS) break;
        this.targets.delete(key);
      }
      return result;
    } finally {
      this.pending.clear();
    }
  }

  list(boardId: string, { order, limit, cursor }: ActivityPageRequest): ActivityPage {
    const after = cursor === undefined ? undefined : parseCursor(cursor);
    // One row more than asked tells whether a next page exists.
    const rows = (
      order === 'newest_first'
        ? this.sql.newestFirst.all(boardId, after ?? Number.MAX_SAFE_INTEGER, limit + 1)
        : this.sql.oldestFirst.all(boardId, after ?? 0, limit + 1)
    ) as ActivityRow[];
    const entries = rows.slice(0, limit).map(toEntry);
    const last = entries.at(-1);
    return { entries, nextCursor: rows.length > limit && last ? last.id : null };
  }

  /**
   * The pruning bound: entries below this id began before `before` and may go. Ids follow time,
   * so the scan stops at the first entry to keep. The newest entry always stays: rowids are
   * max + 1, and an emptied table would hand out old ids (cursors) again.
   */
  pruneBound(before: number): number {
    const firstKept = this.sql.firstKeptSince.get(before) as { id: number } | undefined;
    const newest = this.sql.newest.get() as { id: number | null };
    return Math.min(firstKept?.id ?? Number.MAX_SAFE_INTEGER, newest.id ?? 0);
  }

  /** Deletes up to `limit` of the oldest entries below `bound`; returns how many went. */
  pruneChunk(bound: number, limit: number): number {
    return this.sql.pruneChunk.run(bound, limit).changes;
  }

  private endMerging(counterId: string): void {
    const prefix = `${counterId}\0`;
    for (const targets of [this.pending, this.targets]) {
      for (const key of targets.keys()) if (key.startsWith(prefix)) targets.delete(key);
    }
  }

  /** A new entry, which also dates its board's last activity (the public list's order, migration 4). */
  private insert(change: NewActivity, at: number): number {
    this.sql.touchBoard.run(at, change.boardId, at);
    const { lastInsertRowid } = this.sql.insert.run(
      change.boardId,
      change.counterId,
      change.counterName,
      KIND_CODES[change.kind],
      change.by ?? null,
      change.value ?? null,
      change.actor.clientId,
      change.actor.name,
      at,
    );
    return Number(lastInsertRowid);
  }
}

function parseCursor(cursor: string): number {
  const id = /^\d{1,15}$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw new TallyError('invalid_payload', 'malformed activity cursor');
  return id;
}

function toEntry(row: ActivityRow): ActivityEntry {
  const entry: ActivityEntry = {
    id: String(row.id),
    at: row.at,
    kind: KINDS[row.kind] as ActivityKind,
    counterId: row.counter_id,
    counterName: row.counter_name,
    actor: { clientId: row.actor_client_id, name: row.actor_name },
  };
  // Absent, not undefined: entries go out as JSON and through structuredClone.
  if (row.by_amount !== null) entry.by = row.by_amount;
  if (row.value !== null) entry.value = row.value;
  return entry;
}

const ENTRY_COLUMNS = 'id, counter_id, counter_name, kind, by_amount, value, actor_client_id, actor_name, at';

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare(
      `INSERT INTO activity (board_id, counter_id, counter_name, kind, by_amount, value, actor_client_id, actor_name, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    merge: db.prepare('UPDATE activity SET by_amount = by_amount + ?, value = ? WHERE id = ?'),
    // Never back: a clock stepped back does not sink the board in the list.
    touchBoard: db.prepare('UPDATE boards SET last_activity_at = ? WHERE id = ? AND last_activity_at < ?'),
    newestFirst: db.prepare(
      `SELECT ${ENTRY_COLUMNS} FROM activity WHERE board_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    ),
    oldestFirst: db.prepare(
      `SELECT ${ENTRY_COLUMNS} FROM activity WHERE board_id = ? AND id > ? ORDER BY id LIMIT ?`,
    ),
    firstKeptSince: db.prepare('SELECT id FROM activity WHERE at >= ? ORDER BY id LIMIT 1'),
    newest: db.prepare('SELECT max(id) AS id FROM activity'),
    pruneChunk: db.prepare(
      'DELETE FROM activity WHERE id IN (SELECT id FROM activity WHERE id < ? ORDER BY id LIMIT ?)',
    ),
  };
}
