import { existsSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Pages per backup step (4 MB at SQLite's default 4 KB page): small enough to report progress. */
const PAGES_PER_STEP = 1024;
/**
 * Every page left, in one step: the most better-sqlite3 passes on. Not the total last reported,
 * which a store that grew meanwhile has outrun, leaving a page for another (restarted) step.
 */
const ALL_PAGES = 2 ** 31 - 1;

/** A refusal or failure of a backup, its message written for the operator. */
export class BackupError extends Error {
  override name = 'BackupError';
}

export interface BackupOptions {
  /** The live store, `<DATA_DIR>/tally.db`. */
  source: string;
  /** Where the copy goes; refused when it exists, unless `force`. */
  destination: string;
  force: boolean;
  /** Told after each step: pages copied so far out of the total. */
  onProgress(copied: number, total: number): void;
  /** Told when a write to the store restarted the copy, which then goes on in one step. */
  onRestart(): void;
}

export interface BackupResult {
  pages: number;
  bytes: number;
  /** How many times a write to the store made SQLite start the copy over. */
  restarts: number;
}

/**
 * Copies a SQLite store with SQLite's online backup API while the server keeps writing to it:
 * the copy is one consistent state of the store, every committed transaction in it or none.
 * It goes to a temporary file beside the destination first and takes its name only once checked,
 * so a failed backup never leaves a half-written file under the name asked for.
 *
 * A write by the server between two steps makes SQLite start the copy over; after the first
 * restart the rest goes in one step (one read transaction, which in WAL mode never blocks the
 * server's writes), so that a busy store cannot keep the backup restarting forever.
 */
export async function backupSqliteStore(options: BackupOptions): Promise<BackupResult> {
  const { source, destination, force } = options;
  if (!existsSync(source)) {
    throw new BackupError(`no store at ${source}: is DATA_DIR the server's?`);
  }
  if (!existsSync(path.dirname(destination))) {
    throw new BackupError(`the directory of ${destination} does not exist`);
  }
  if (existsSync(destination) && !force) {
    throw new BackupError(`${destination} exists; pass --force to replace it`);
  }
  const partial = `${destination}.partial-${process.pid}`;
  // Read-only: the backup never writes to the live store.
  const store = new Database(source, { readonly: true, fileMustExist: true });
  try {
    store.pragma('busy_timeout = 5000');
    let restarts = 0;
    let wholeRest = false;
    let lastRemaining = Number.POSITIVE_INFINITY;
    const { totalPages } = await store.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        // No progress: the step started over from the first page.
        if (remainingPages >= lastRemaining) {
          restarts++;
          wholeRest = true;
          options.onRestart();
        }
        lastRemaining = remainingPages;
        options.onProgress(totalPages - remainingPages, totalPages);
        return wholeRest ? ALL_PAGES : PAGES_PER_STEP;
      },
    });
    checkCopy(partial);
    if (force) await removeSidecars(destination);
    await rename(partial, destination);
    return { pages: totalPages, bytes: statSync(destination).size, restarts };
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the backup failed: ${(error as Error).message}`, { cause: error });
  } finally {
    store.close();
  }
}

/**
 * Makes the copy one self-contained file (rollback journal instead of the store's WAL: nothing
 * beside it to copy along; the server turns WAL on again when it opens a restored copy) and
 * checks it page by page.
 */
function checkCopy(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const problems = copy.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    const found = problems.map((row) => row.quick_check).filter((text) => text !== 'ok');
    if (found.length > 0) throw new BackupError(`the copy failed its check: ${found.join('; ')}`);
  } finally {
    copy.close();
  }
}

/**
 * A WAL or shared-memory file left beside the file being replaced (from someone who opened it)
 * would be read as part of the new copy: they go with it.
 */
async function removeSidecars(file: string): Promise<void> {
  await Promise.all([rm(`${file}-wal`, { force: true }), rm(`${file}-shm`, { force: true })]);
}
