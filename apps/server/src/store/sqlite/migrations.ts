import type Database from 'better-sqlite3';

/**
 * Numbered schema migrations, applied in order inside one transaction each. The number of the
 * last applied one is kept in `PRAGMA user_version`. Never edit a shipped migration: append one.
 * Tables are STRICT so a value of the wrong type is refused instead of silently stored.
 */
const MIGRATIONS: readonly string[] = [
  // 1: boards, counters, the op log (idempotency record + history), chat, store-wide totals.
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
    owner_key_hash TEXT,
    access_key_hash TEXT,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE counters (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value INTEGER NOT NULL,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX counters_by_board ON counters (board_id, seq);

  -- No foreign key to counters: an opId must stay remembered after its counter is deleted.
  CREATE TABLE ops (
    op_id TEXT PRIMARY KEY,
    counter_id TEXT NOT NULL,
    board_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('increment', 'reset')),
    by_amount INTEGER,
    value_before INTEGER NOT NULL,
    value_after INTEGER NOT NULL,
    version_after INTEGER NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX ops_by_counter_time ON ops (counter_id, applied_at);
  CREATE INDEX ops_by_time ON ops (applied_at);

  CREATE TABLE chat_messages (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX chat_by_board ON chat_messages (board_id, seq);

  -- Totals that must outlive the op log, which is pruned after its retention window.
  CREATE TABLE totals (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  ) STRICT;
  INSERT INTO totals (name, value) VALUES ('increments', 0);
  `,
  // 2 (protocol v1.1): counter settings, actors and undo on ops, the activity log, the server secret.
  `
  -- Counters made before v1.1 read as no bounds, step 1, no goal.
  ALTER TABLE counters ADD COLUMN min INTEGER;
  ALTER TABLE counters ADD COLUMN max INTEGER;
  ALTER TABLE counters ADD COLUMN step INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE counters ADD COLUMN goal INTEGER;

  -- An undo is kept as kind 'increment' (of -by) with \`undoes\` set: the kind CHECK of migration 1
  -- cannot change without rebuilding the table, and the ops table is large under load (a day of
  -- every applied op). An undo is an increment in every total and in the history anyway.
  ALTER TABLE ops ADD COLUMN actor_client_id TEXT;
  ALTER TABLE ops ADD COLUMN undoes TEXT;
  ALTER TABLE ops ADD COLUMN undone_by TEXT;

  -- Who did what, kept ACTIVITY_KEPT_MS. It grows with every applied change (one row per member
  -- and counter per second at most, merging), so rows are kept small: the kind is a small integer
  -- (0, the increment, costs no byte), no JSON, and no foreign keys (a deleted counter's entries stay).
  -- \`id\` is the entries' cursor; pruning never removes the newest row, so ids never go back.
  CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    board_id TEXT NOT NULL,
    counter_id TEXT NOT NULL,
    counter_name TEXT NOT NULL,
    kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 6),
    by_amount INTEGER,
    value INTEGER,
    actor_client_id TEXT,
    actor_name TEXT NOT NULL,
    at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX activity_by_board ON activity (board_id, id);

  -- Store-wide values made once (the server secret).
  CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;
  `,
  // 3: history that outlives the op log. When pruning takes an op out of `ops` (opIds are
  // remembered a day), its change moves here and stays HISTORY_RETENTION_MS (a week), so a 7-day
  // history is answered without remembering opIds longer. Writes are unchanged: the move happens
  // in the pruning, and a row here is a third of an op row (no opId, board, actor or undo).
  `
  CREATE TABLE counter_history (
    counter_id TEXT NOT NULL,
    applied_at INTEGER NOT NULL,
    version_after INTEGER NOT NULL,
    value_before INTEGER NOT NULL,
    value_after INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX counter_history_by_counter_time ON counter_history (counter_id, applied_at);
  CREATE INDEX counter_history_by_time ON counter_history (applied_at);
  `,
  // 4: the public list pages by activity (GET /api/boards: the most recently active first, 100 at a
  // time). A board keeps when its newest activity entry began (SqliteActivityLog sets it with each
  // new entry; merges start none), so a page is a walk down this partial index instead of a look
  // at every board's activity. Boards already made start from their newest kept entry.
  `
  ALTER TABLE boards ADD COLUMN last_activity_at INTEGER NOT NULL DEFAULT 0;
  UPDATE boards SET last_activity_at = coalesce(
    (SELECT a.at FROM activity a WHERE a.board_id = boards.id ORDER BY a.id DESC LIMIT 1), created_at);
  CREATE INDEX boards_public_by_activity ON boards (last_activity_at DESC, id DESC) WHERE visibility = 'public';
  `,
];

/**
 * Brings the schema of `db` up to migration `target` (the newest unless a test asks for an older
 * schema, to prove upgrades); returns the resulting version.
 */
export function runMigrations(db: Database.Database, target = MIGRATIONS.length): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${current} is newer than this server knows (${MIGRATIONS.length})`,
    );
  }
  for (let version = current + 1; version <= target; version++) {
    const sql = MIGRATIONS[version - 1] as string;
    db.transaction(() => {
      db.exec(sql);
      // PRAGMA takes no bound parameters; `version` is a loop integer, never input.
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
  return Math.max(current, target);
}
