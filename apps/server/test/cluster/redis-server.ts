import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
  /** SIGTERM (or the given signal) and wait for the exit. The directory stays for a restart. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts again on the same port and directory (its AOF is read back when appendOnly). */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

/** Starts redis-server on a free port in a new temp dir and resolves once it accepts connections. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-redis-'));
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
  let child = await spawnRedis(args);

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const current = child;
    if (current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    current.kill(signal);
    await exited;
  };

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    get pid() {
      return child.pid ?? -1;
    },
    stop,
    async restart() {
      await stop();
      child = await spawnRedis(args);
    },
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function spawnRedis(args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(REDIS_SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not become ready in ${READY_TIMEOUT_MS} ms:\n${output}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining its output so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** A port nobody listens on right now (the OS picks it); redis-server binds it right after. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
