import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupError, type BackupOptions, backupSqliteStore } from './sqlite-backup.js';

let dir: string;
let source: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tally-backup-unit-'));
  source = path.join(dir, 'tally.db');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A WAL database like the store's, `rows` rows of 1,000 bytes on 1 KB pages (a page and a bit each). */
function makeSource(rows: number): Database.Database {
  const db = new Database(source);
  db.pragma('page_size = 1024');
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, pad BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO t (pad) VALUES (zeroblob(1000))');
  db.transaction(() => {
    for (let n = 0; n < rows; n++) insert.run();
  })();
  return db;
}

function options(destination: string, overrides: Partial<BackupOptions> = {}): BackupOptions {
  return { source, destination, force: false, onProgress: () => {}, onRestart: () => {}, ...overrides };
}

function rowsIn(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('backupSqliteStore', () => {
  it('copies while another connection writes: starts over once, then copies the rest in one step', async () => {
    const writer = makeSource(3000);
    // Durability is not the point here: quick commits.
    writer.pragma('synchronous = OFF');
    let written = 0;
    let copying = true;
    // A write between every two steps of the copy, as a busy server's commits.
    const write = () => {
      if (!copying) return;
      writer.prepare('INSERT INTO t (pad) VALUES (zeroblob(1000))').run();
      written++;
      setImmediate(write);
    };
    setImmediate(write);
    const progress: number[] = [];
    const destination = path.join(dir, 'copy.db');
    const result = await backupSqliteStore(
      options(destination, { onProgress: (copied) => progress.push(copied) }),
    ).finally(() => {
      copying = false;
    });
    writer.close();

    expect(result.restarts).toBe(1);
    expect(progress.slice(0, 2)).toEqual([0, 1024]);
    expect(written).toBeGreaterThan(0);
    // One committed state: all rows of some moment between the first and the last write.
    const rows = rowsIn(destination);
    expect(rows).toBeGreaterThanOrEqual(3000);
    expect(rows).toBeLessThanOrEqual(3000 + written);
    // One self-contained file: nothing beside it to copy along.
    expect((await readdir(dir)).filter((name) => name.startsWith('copy.db'))).toEqual(['copy.db']);
    expect(result.bytes).toBe(result.pages * 1024);
  });

  it('refuses an existing destination without force; with force replaces it and what lay beside it', async () => {
    makeSource(10).close();
    const destination = path.join(dir, 'copy.db');
    await writeFile(destination, 'an older backup');
    await expect(backupSqliteStore(options(destination))).rejects.toThrow(
      new BackupError(`${destination} exists; pass --force to replace it`),
    );
    // A WAL left beside the old file would be read as part of the new one.
    await writeFile(`${destination}-wal`, 'stale');
    await backupSqliteStore(options(destination, { force: true }));
    expect(rowsIn(destination)).toBe(10);
    expect(existsSync(`${destination}-wal`)).toBe(false);
  });

  it('refuses a missing store without making one, and a missing directory', async () => {
    await expect(backupSqliteStore(options(path.join(dir, 'copy.db')))).rejects.toThrow(/^no store at /);
    expect(existsSync(source)).toBe(false);
    makeSource(1).close();
    await expect(backupSqliteStore(options(path.join(dir, 'nowhere', 'copy.db')))).rejects.toThrow(
      /directory of .* does not exist/,
    );
  });

  it('leaves no file behind when the copy fails', async () => {
    await writeFile(source, 'not a database, but long enough to look like one at a glance'.repeat(100));
    await expect(backupSqliteStore(options(path.join(dir, 'copy.db')))).rejects.toThrow(
      /^the backup failed: /,
    );
    expect(await readdir(dir)).toEqual(['tally.db']);
  });
});
