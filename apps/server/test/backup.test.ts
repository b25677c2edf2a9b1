import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoardSnapshot } from '@tally/events';
import { spawnProcess } from '@tally/testbed';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOBBY_COUNTER_ID } from '../src/store/store.js';
import { incrementOverHttp } from './helpers/http.js';
import { startTestServer, startTestServerOn, type TestServer } from './helpers/test-server.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const serverDir = fileURLToPath(new URL('..', import.meta.url));
/** Two pnpm processes, then tsx, start before the copy does: slow on a busy machine. */
const SPAWN_TIMEOUT_MS = 60_000;
/** Increments sent while the backup runs, at most: the HTTP limit per address stays far. */
const MAX_INCREMENTS_DURING_BACKUP = 150;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `pnpm backup <args>` from the repository's root, as an operator types it, on `dataDir`; with
 * `direct`, what that runs in apps/server (`tsx src/backup.ts`), which starts sooner.
 */
function backupCommand(
  dataDir: string,
  args: string[],
  direct = false,
): { done: Promise<Finished>; running: () => boolean } {
  const [command, commandArgs, cwd] = direct
    ? [path.join(serverDir, 'node_modules', '.bin', 'tsx'), ['src/backup.ts', ...args], serverDir]
    : ['pnpm', ['backup', ...args], repoRoot];
  const child = spawnProcess({
    name: 'pnpm backup',
    command,
    args: commandArgs,
    cwd,
    env: { ...process.env, DATA_DIR: dataDir, REDIS_URL: '' },
  });
  const done = child.exited.then(({ code }) => ({ code, stdout: child.stdout(), stderr: child.stderr() }));
  return { done, running: () => child.running };
}

let server: TestServer;
let backupDir: string;

beforeAll(async () => {
  server = await startTestServer();
  backupDir = await mkdtemp(path.join(os.tmpdir(), 'tally-backup-'));
});

afterAll(async () => {
  await server?.close();
  await rm(backupDir, { recursive: true, force: true });
});

describe('pnpm backup', () => {
  it('copies the store of a running server as one consistent state, which a server restored on it serves', {
    timeout: SPAWN_TIMEOUT_MS,
  }, async () => {
    for (let n = 0; n < 5; n++) await incrementOverHttp(server.url, LOBBY_COUNTER_ID);
    const file = path.join(backupDir, 'tally-backup.db');

    // The server keeps committing increments while the copy is made.
    const backup = backupCommand(server.dataDir, [file]);
    let sent = 0;
    while (backup.running() && sent < MAX_INCREMENTS_DURING_BACKUP) {
      await incrementOverHttp(server.url, LOBBY_COUNTER_ID);
      sent++;
    }
    const { code, stdout, stderr } = await backup.done;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(sent).toBeGreaterThan(0);
    expect(stdout).toContain(`to ${file}`);
    expect(stdout).toMatch(/Done in \d+ ms: .*quick_check ok/);

    // One state of the store: the counter, its op log and the totals agree (every op is +1).
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    let value: number;
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const counter = copy
        .prepare('SELECT value, version FROM counters WHERE id = ?')
        .get(LOBBY_COUNTER_ID) as {
        value: number;
        version: number;
      };
      const ops = copy
        .prepare('SELECT count(*) AS n FROM ops WHERE counter_id = ?')
        .get(LOBBY_COUNTER_ID) as {
        n: number;
      };
      const total = copy.prepare("SELECT value FROM totals WHERE name = 'increments'").get() as {
        value: number;
      };
      value = counter.value;
      expect(value).toBeGreaterThanOrEqual(5);
      expect(value).toBeLessThanOrEqual(5 + sent);
      expect({ version: counter.version, ops: ops.n, total: total.value }).toEqual({
        version: value,
        ops: value,
        total: value,
      });
    } finally {
      copy.close();
    }

    // Restored as the operations guide says: the file as DATA_DIR/tally.db, nothing beside it.
    const restoredDir = await mkdtemp(path.join(os.tmpdir(), 'tally-restored-'));
    await copyFile(file, path.join(restoredDir, 'tally.db'));
    const restored = await startTestServerOn(restoredDir);
    try {
      const lobby = (await (await fetch(`${restored.url}/api/boards/lobby`)).json()) as BoardSnapshot;
      expect(lobby.counters.find((counter) => counter.id === LOBBY_COUNTER_ID)).toMatchObject({
        value,
        version: value,
      });
      expect(await incrementOverHttp(restored.url, LOBBY_COUNTER_ID)).toEqual({
        value: value + 1,
        version: value + 1,
      });
    } finally {
      await restored.close();
      await rm(restoredDir, { recursive: true, force: true });
    }
  });

  it('refuses to replace an existing file without --force, with a message and a non-zero exit', {
    timeout: SPAWN_TIMEOUT_MS,
  }, async () => {
    const file = path.join(backupDir, 'existing.db');
    await copyFile(path.join(server.dataDir, 'tally.db'), file);
    const { code, stdout, stderr } = await backupCommand(server.dataDir, [file], true).done;
    expect(code).not.toBe(0);
    expect(stderr).toContain(`${file} exists; pass --force to replace it`);
    expect(stdout).not.toContain('Done');
  });
});
