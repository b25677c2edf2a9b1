import { type OwnedProcess, spawnProcess, waitUntilReady } from './child-process.js';
import { freePort } from './free-port.js';
import { makeTempDir, removeDir } from './temp-dir.js';

const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? 'redis-server';
const READY_TIMEOUT_MS = 10_000;

export interface RedisServerOptions {
  /** `appendonly yes` (default) or no persistence at all. */
  appendOnly?: boolean;
  /** `appendfsync` when appendOnly: `always` (default here: acked = fsynced), `everysec` or `no`. */
  appendFsync?: 'always' | 'everysec' | 'no';
}

/** A real redis-server of a test: its own free port and temp directory, stopped by its PID. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** The PID of the running process (changes on restart). */
  readonly pid: number;
  /** SIGTERM, then SIGKILL after `graceMs` (0: SIGKILL at once). The directory stays for a restart. */
  stop(graceMs?: number): Promise<void>;
  /** Starts again on the same port and directory (its AOF is read back when appendOnly). */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

/** Starts redis-server on a free port in a new temp dir and resolves once it accepts connections. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = await makeTempDir('tally-redis');
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    options.appendOnly === false ? 'no' : 'yes',
    '--appendfsync',
    options.appendFsync ?? 'always',
    '--daemonize',
    'no',
    '--logfile',
    '',
  ];
  let child = await spawnRedis(dir, args);

  const stop = async (graceMs?: number) => {
    await child.stop(graceMs);
  };

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    get pid() {
      return child.pid;
    },
    stop,
    async restart() {
      await stop();
      child = await spawnRedis(dir, args);
    },
    async dispose() {
      await stop();
      await removeDir(dir);
    },
  };
}

/** Starts redis-server and resolves once it says it accepts connections. */
async function spawnRedis(dir: string, args: string[]): Promise<OwnedProcess> {
  const child = spawnProcess({
    name: 'redis-server',
    command: REDIS_SERVER_BIN,
    args,
    cwd: dir,
    env: process.env,
  });
  await waitUntilReady(
    child,
    'redis-server',
    async () => child.output().includes('Ready to accept connections'),
    READY_TIMEOUT_MS,
  );
  return child;
}
