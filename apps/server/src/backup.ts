// `pnpm backup <file> [--force]`: writes a consistent copy of the SQLite store, DATA_DIR/tally.db
// (DATA_DIR read as the server reads it), while the server runs. How to restore it, and how to
// back up Redis instead: docs/operations.md (Backups).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { BackupError, backupSqliteStore } from './store/sqlite/sqlite-backup.js';
import { sqliteStoreFile } from './store/sqlite/sqlite-store.js';

const USAGE = 'usage: pnpm backup <file> [--force]   (--force replaces an existing <file>)';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) throw new BackupError(USAGE);
  const config = loadConfig();
  if (config.redisUrl) {
    throw new BackupError(
      'REDIS_URL is set: this deployment keeps its data in Redis, which this command does not copy. ' +
        "Back up Redis with its own persistence files (BGSAVE, then copy dump.rdb; or the AOF's directory).",
    );
  }
  // pnpm runs the script in apps/server: a relative <file> means from where the command was typed.
  const destination = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const source = path.resolve(sqliteStoreFile(config.dataDir));
  console.log(`Backing up ${source}\n        to ${destination}`);
  const started = performance.now();
  const result = await backupSqliteStore({
    source,
    destination,
    force: values.force,
    onProgress: (copied, total) =>
      console.log(
        copied === 0
          ? `  ${total} pages to copy`
          : `  ${copied} of ${total} pages copied (${Math.floor((copied / total) * 100)}%)`,
      ),
    onRestart: () =>
      console.log('  the server wrote to the store meanwhile: starting over, the rest in one step'),
  });
  const ms = Math.round(performance.now() - started);
  console.log(
    `Done in ${ms} ms: ${destination}, ${result.bytes} bytes (${result.pages} pages), quick_check ok` +
      (result.restarts > 0 ? `, ${result.restarts} restart(s)` : ''),
  );
}

main().catch((error: unknown) => {
  // The operator's to fix (a setting, the file, the arguments): the message, no stack trace.
  const known = error instanceof BackupError || error instanceof ConfigError;
  const parseError = (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS');
  if (known) console.error(error.message);
  else if (parseError) console.error(`${(error as Error).message}\n${USAGE}`);
  else console.error(error);
  process.exit(1);
});
