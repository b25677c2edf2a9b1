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
];

/** Brings the schema of `db` up to the newest migration; returns the resulting version. */
export function runMigrations(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${current} is newer than this server knows (${MIGRATIONS.length})`,
    );
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version - 1] as string;
    db.transaction(() => {
      db.exec(sql);
      // PRAGMA takes no bound parameters; `version` is a loop integer, never input.
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
  return MIGRATIONS.length;
}
